import { graphql } from '$lib/gql';

export const MeetingsPage = graphql(`
  query MeetingsPage($filter: MeetingFilter, $first: Int, $after: String, $nodeId: ID!, $communityId: ID!) {
    meetings(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          startsAt
          place
          status
          presentCount
          host {
            name
          }
        }
      }
    }
    meetingSchedules(orgNodeId: $nodeId) {
      id
      kind
      title
      rule
      monthDays
      weekday
      startTime
      place
      host {
        name
      }
      upcoming(count: 4) {
        date
        originalDate
        moved
      }
    }
    missedMeetings(communityId: $communityId) {
      kind
      message
      branch {
        id
        name
      }
    }
  }
`);

export const CreateFromSchedule = graphql(`
  mutation CreateMeetingFromSchedule($input: CreateMeetingFromScheduleInput!) {
    createMeetingFromSchedule(input: $input) {
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

export const ChangeScheduleDate = graphql(`
  mutation ChangeScheduleDate($input: ChangeScheduleDateInput!) {
    changeScheduleDate(input: $input) {
      schedule {
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

export const CreateMeeting = graphql(`
  mutation CreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
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
