import { graphql } from '$lib/gql';

/** What the door screen shows of a registration. */
export const DoorRegistration = graphql(`
  fragment DoorRegistration on Registration {
    id
    status
    name
    activity {
      id
      title
      startsAt
    }
  }
`);

/** Check a resident in at the door by confirmation code. */
export const RegistrationCheckIn = graphql(`
  mutation RegistrationCheckIn($input: RegistrationCheckInInput!) {
    registrationCheckIn(input: $input) {
      registration {
        ...DoorRegistration
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** Check a resident out; a volunteer is credited service hours. */
export const RegistrationCheckOut = graphql(`
  mutation RegistrationCheckOut($input: RegistrationCheckOutInput!) {
    registrationCheckOut(input: $input) {
      registration {
        ...DoorRegistration
      }
      serviceRecord {
        id
        hours
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
