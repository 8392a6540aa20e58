import { graphql } from '$lib/gql';

export const ManagedAccounts = graphql(`
  query ManagedAccounts($search: String, $first: Int!, $after: String) {
    managedAccounts(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          username
          displayName
          disabled
          lastActiveAt
          grants {
            role
            node
          }
        }
      }
    }
    viewer {
      id
    }
  }
`);

export const DisableAccount = graphql(`
  mutation DisableAccount($input: AccountDisableInput!) {
    accountDisable(input: $input) {
      account {
        id
        username
        disabled
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const EnableAccount = graphql(`
  mutation EnableAccount($input: AccountDisableInput!) {
    accountEnable(input: $input) {
      account {
        id
        username
        disabled
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
