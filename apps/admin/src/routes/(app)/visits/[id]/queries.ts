import { graphql } from '$lib/gql';

export const VisitDetail = graphql(`
  query VisitDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Visit {
        id
        visitedAt
        kind
        visitorName
        place
        findings
        followUp
        opinions
        fixedOnSpot
        peopleReached
        household {
          id
          address
        }
        orgNode {
          name
        }
        demands {
          id
          ticketCode
          title
        }
        attachments {
          id
          url
          kind
          width
          height
        }
      }
    }
  }
`);
