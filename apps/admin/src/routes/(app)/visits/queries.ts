import { graphql } from '$lib/gql';

export const VisitPage = graphql(`
  query VisitPage($filter: VisitFilter, $groupBy: VisitLedgerGroup, $first: Int) {
    visitLedger(filter: $filter, groupBy: $groupBy) {
      key
      label
      visits
      households
      peopleReached
      opinions
      fixedOnSpot
      demandsRaised
    }
    total: visitLedger(filter: $filter) {
      visits
      households
      peopleReached
      opinions
      fixedOnSpot
      demandsRaised
    }
    visits(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          visitedAt
          kind
          visitorName
          place
          findings
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
            kind
          }
        }
      }
    }
  }
`);

export const RecordVisit = graphql(`
  mutation RecordVisit($input: RecordVisitInput!) {
    recordVisit(input: $input) {
      visit {
        id
        demands {
          id
          ticketCode
          title
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
