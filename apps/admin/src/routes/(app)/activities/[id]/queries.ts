import { graphql } from '$lib/gql';

export const RegistrationRow = graphql(`
  fragment RegistrationRow on Registration {
    id
    code
    status
    name
    phone
    waitlistPosition
    createdAt
    checkedInAt
    checkedOutAt
    promotedAt
  }
`);

/** The activity page: the activity, its sign-ups, waiting list, messages and door staff. */
export const ActivityPage = graphql(`
  query ActivityPage($id: ID!, $first: Int!, $after: String) {
    activity(id: $id) {
      ...ActivityEditable
      sequence
      cancelledAt
      confirmedCount
      waitlistCount
      checkedInCount
      seatsLeft
      registrationOpen
      viewerCanCheckIn
      series {
        id
        recurrence
      }
      venue {
        id
        name
        address
      }
      coHosts {
        id
        name
      }
      doorStaff {
        username
        displayName
      }
      registrations(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            ...RegistrationRow
          }
        }
      }
      waitlist: registrations(first: 50, status: WAITLISTED) {
        totalCount
        edges {
          node {
            ...RegistrationRow
          }
        }
      }
      notifications(first: 20) {
        totalCount
        edges {
          node {
            kind
            body
            createdAt
            delivery {
              status
              provider
              attempts
              lastError
            }
            registration {
              code
              phone
            }
          }
        }
      }
    }
  }
`);


export const ActivityPublish = graphql(`
  mutation ActivityPagePublish($input: ActivityPublishInput!) {
    activityPublish(input: $input) {
      activities {
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

export const ActivityCancel = graphql(`
  mutation ActivityPageCancel($input: ActivityCancelInput!) {
    activityCancel(input: $input) {
      activities {
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

export const RegistrationPromote = graphql(`
  mutation ActivityPagePromote($input: RegistrationPromoteInput!) {
    registrationPromote(input: $input) {
      registration {
        id
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

export const RegistrationStaffCancel = graphql(`
  mutation ActivityPageStaffCancel($input: RegistrationStaffCancelInput!) {
    registrationStaffCancel(input: $input) {
      registration {
        id
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

export const DoorStaffSet = graphql(`
  mutation ActivityPageDoorStaff($input: ActivityDoorStaffSetInput!) {
    activityDoorStaffSet(input: $input) {
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
