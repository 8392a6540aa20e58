import { graphql } from '$lib/gql';

/** A community's branches with their members: the node and visitor pickers of the governance forms. */
export const GovernanceChoices = graphql(`
  query GovernanceChoices($id: ID!) {
    node(id: $id) {
      __typename
      ... on PartyCommittee {
        id
        name
        children(first: 15) {
          edges {
            node {
              id
              name
              level
              ... on Branch {
                members(first: 40) {
                  edges {
                    node {
                      id
                      name
                    }
                  }
                }
              }
            }
          }
        }
      }
      ... on Branch {
        id
        name
        members(first: 100) {
          edges {
            node {
              id
              name
            }
          }
        }
      }
    }
  }
`);
