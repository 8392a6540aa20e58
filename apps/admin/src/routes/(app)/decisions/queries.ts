import { graphql } from '$lib/gql';

export const DecisionList = graphql(`
  query DecisionList($filter: DecisionFilter, $first: Int, $after: String) {
    decisions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          state
          solicitationOpen
          solicitClosesAt
          opinionCount
          ownerName
          communityName
          createdAt
        }
      }
    }
  }
`);

export const DecisionDetail = graphql(`
  query DecisionDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Decision {
        id
        title
        summary
        state
        version
        solicitOpensAt
        solicitClosesAt
        solicitationOpen
        decisionPublishedAt
        resultPublishedAt
        ownerName
        communityName
        allowedActions
        opinionCount
        steps {
          id
          kind
          heldOn
          body
          record
          votesFor
          votesAgainst
          votesAbstain
          public
        }
        opinions(first: 50) {
          totalCount
          edges {
            node {
              id
              body
              name
              phone
              createdAt
            }
          }
        }
        demands {
          id
          ticketCode
          title
        }
        meeting {
          id
          title
        }
        project {
          id
          title
        }
      }
    }
  }
`);

export const AdvanceDecision = graphql(`
  mutation AdvanceDecision($input: AdvanceDecisionInput!) {
    advanceDecision(input: $input) {
      decision {
        id
        state
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const CreateDecision = graphql(`
  mutation CreateDecision($input: CreateDecisionInput!) {
    createDecision(input: $input) {
      decision {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DecisionLinkChoices = graphql(`
  query DecisionLinkChoices($node: ID!) {
    meetings(filter: { orgNodeId: $node }, first: 30) {
      edges {
        node {
          id
          title
          startsAt
        }
      }
    }
    partyProjects(filter: { orgNodeId: $node }, first: 50) {
      edges {
        node {
          id
          title
        }
      }
    }
  }
`);

export const DecisionFindDemand = graphql(`
  query DecisionFindDemand($filter: DemandFilter) {
    demands(filter: $filter, first: 1) {
      edges {
        node {
          id
          ticketCode
        }
      }
    }
  }
`);
