import { graphql } from '$lib/gql';

export const CoverageReport = graphql(`
  query CoverageReport($orgNodeId: ID!) {
    householdCoverage(orgNodeId: $orgNodeId) {
      node {
        id
        name
      }
      uncoveredCount
      careCount
      uncovered {
        id
        address
        headName
        lookedAfterBy {
          id
          name
        }
      }
      memberHouseholds {
        memberHousehold {
          id
          name
        }
        linkedCount
        careCount
        load
      }
    }
  }
`);
