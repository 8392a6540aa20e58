import { graphql } from '$lib/gql';

export const AuditLog = graphql(`
  query AuditLog($filter: PersonalDataAuditFilter, $first: Int!, $after: String) {
    personalDataAudit(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          accountName
          principalKind
          action
          recordType
          recordId
          fields
          reason
        }
      }
    }
  }
`);
