import { graphql } from '$lib/gql';

export const ProjectLedger = graphql(`
  query ProjectLedger($filter: PartyProjectFilter, $first: Int, $after: String) {
    partyProjectAreaCounts(filter: $filter) {
      area
      total
      completed
      overdue
    }
    partyProjects(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          area
          status
          startDate
          dueDate
          overdue
          goals
          owner {
            name
          }
          community {
            name
          }
          partnerUnits {
            id
            name
          }
          progress {
            notedOn
            body
          }
        }
      }
    }
  }
`);
