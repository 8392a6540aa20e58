import { graphql } from '$lib/gql';

export const ChangePassword = graphql(`
  mutation ChangePassword($input: PasswordChangeInput!) {
    passwordChange(input: $input) {
      changed
      sessionsEnded
      userErrors {
        field
        message
        code
      }
    }
  }
`);
