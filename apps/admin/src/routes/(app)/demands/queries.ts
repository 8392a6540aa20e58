import { graphql } from '$lib/gql';

/** One row of the demand list: enough for the deadline badges and the assignee. */
export const DemandRow = graphql(`
  fragment DemandRow on Demand {
    id
    ticketCode
    title
    channel
    category
    priority
    state
    createdAt
    firstResponseDueAt
    resolutionDueAt
    firstRespondedAt
    resolvedAt
    escalationLevel
    overdue
    orgNode {
      id
      name
    }
    assignedAccount {
      id
      displayName
    }
    assignedBranch {
      id
      name
    }
    assignedUnit {
      id
      name
    }
  }
`);

/** The board: counts by state (without the state filter) and one page of the filtered list. */
export const DemandBoard = graphql(`
  query DemandBoard($filter: DemandFilter, $countFilter: DemandFilter, $first: Int!, $after: String) {
    demandStateCounts(filter: $countFilter) {
      state
      count
    }
    demands(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...DemandRow
        }
      }
    }
  }
`);

/** The panel of figures for the signed-in person's scope. */
export const DemandScopeMetrics = graphql(`
  query DemandScopeMetrics($orgNodeId: ID!, $from: Date!, $to: Date!) {
    demandMetrics(orgNodeId: $orgNodeId, from: $from, to: $to) {
      received
      resolved
      open
      rated
      responseRate
      resolutionRate
      satisfactionRate
    }
  }
`);

/** Co-building units of a community, for the assignee pickers and the filter. */
export const DemandAssigneeChoices = graphql(`
  query DemandAssigneeChoices($communityId: ID!) {
    orgNode(id: $communityId) {
      id
      name
      children(first: 100) {
        edges {
          node {
            id
            name
            level
          }
        }
      }
    }
    coBuildingUnits(communityId: $communityId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);
