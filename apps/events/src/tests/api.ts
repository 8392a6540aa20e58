import { request } from '@tongxin/graphql-client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from '$lib/gql';

/** What the browser tests ask the API directly, to pick activities and to act as a second resident. */
export const TestActivities = graphql(`
  query TestActivities($filter: ActivityFilter, $first: Int) {
    publicCommunities {
      id
      name
    }
    activities(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          category
          startsAt
          endsAt
          capacity
          seatsLeft
          registrationOpen
          venue {
            id
          }
          community {
            id
            name
          }
        }
      }
    }
  }
`);

export const TestSignUp = graphql(`
  mutation TestSignUp($input: RegistrationCreateInput!) {
    registrationCreate(input: $input) {
      registration {
        code
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TestRegistration = graphql(`
  query TestRegistration($code: String!) {
    registrationByCode(code: $code) {
      code
      status
      waitlistPosition
    }
  }
`);

/** Staff side, to set up a small activity: sign in, create, publish. */
export const TestSignIn = graphql(`
  mutation TestSignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      token
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TestViewer = graphql(`
  query TestViewer {
    viewer {
      grants {
        role
        node {
          id
          name
        }
      }
    }
  }
`);

export const TestActivityCreate = graphql(`
  mutation TestActivityCreate($input: ActivityCreateInput!) {
    activityCreate(input: $input) {
      activity {
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

export const TestActivityPublish = graphql(`
  mutation TestActivityPublish($input: ActivityPublishInput!) {
    activityPublish(input: $input) {
      activity {
        id
        title
        status
        startsAt
        endsAt
        capacity
        seatsLeft
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

let phoneCounter = 0;

/** A mainland mobile number no other test has used in this run. */
export function freshPhone(): string {
  phoneCounter += 1;
  return `139${String(Date.now() % 1e5).padStart(5, '0')}${String(phoneCounter).padStart(3, '0')}`;
}

let addressCounter = 0;

/** Each simulated resident comes from their own address, as they would through the events site. */
export async function callApi<TData, TVariables extends Record<string, unknown>>(
  graphqlUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string,
): Promise<TData> {
  addressCounter += 1;
  const result = await request(graphqlUrl, document, variables, {
    token,
    headers: { 'x-forwarded-for': `10.77.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}` },
  });
  if (result.errors.length > 0) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.data;
}
