import { graphql } from '$lib/gql';

export const MeetingDetail = graphql(`
  query MeetingDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Meeting {
        id
        kind
        title
        startsAt
        endsAt
        place
        status
        minutes
        attachments {
          id
          url
          kind
          width
          height
        }
        scheduleDate
        presentCount
        host {
          name
        }
        schedule {
          id
          title
        }
        units {
          id
          name
        }
        attendees {
          kind
          name
          attendance
        }
        agenda {
          id
          position
          title
          decision
          decidedAt
          demand {
            id
            ticketCode
            title
            state
          }
        }
      }
    }
  }
`);

export const FindDemandByCode = graphql(`
  query MeetingFindDemand($filter: DemandFilter) {
    demands(filter: $filter, first: 1) {
      edges {
        node {
          id
          ticketCode
        }
      }
    }
  }
`);

export const AddAgendaItem = graphql(`
  mutation AddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      meeting {
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

export const DecideAgendaItem = graphql(`
  mutation DecideAgendaItem($input: DecideAgendaItemInput!) {
    decideAgendaItem(input: $input) {
      meeting {
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

export const UpdateMeeting = graphql(`
  mutation UpdateMeeting($input: UpdateMeetingInput!) {
    updateMeeting(input: $input) {
      meeting {
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
