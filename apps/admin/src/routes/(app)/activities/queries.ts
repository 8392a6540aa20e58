import { graphql } from '$lib/gql';

/** One row of the activity list and one entry of the calendar. */
export const ActivityRow = graphql(`
  fragment ActivityRow on Activity {
    id
    title
    category
    status
    audience
    startsAt
    endsAt
    capacity
    confirmedCount
    waitlistCount
    checkedInCount
    recurrence
    venue {
      id
      name
    }
    organizer {
      id
      name
    }
  }
`);

/** A page of the activities the signed-in person may see, by start time. */
export const ActivityList = graphql(`
  query ActivityList($filter: ActivityFilter, $first: Int, $after: String) {
    activities(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ActivityRow
        }
      }
    }
  }
`);

/** Where the person may organise activities: their writable nodes, the branches under them, venues and units. */
export const EditorChoices = graphql(`
  query ActivityEditorChoices($nodeId: ID!) {
    orgNode(id: $nodeId) {
      id
      name
      level
      ancestors {
        id
        name
        level
      }
      children(first: 100) {
        edges {
          node {
            id
            name
            level
            archived
          }
        }
      }
    }
  }
`);

export const CommunityChoices = graphql(`
  query ActivityCommunityChoices($communityId: ID!) {
    venues(communityId: $communityId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
    coBuildingUnits(communityId: $communityId, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Everything the editor fills in, for editing an activity. */
export const ActivityEditable = graphql(`
  fragment ActivityEditable on Activity {
    id
    title
    category
    description
    status
    startsAt
    endsAt
    capacity
    registrationOpensAt
    registrationClosesAt
    audience
    coverImageUrl
    version
    recurrence
    viewerCanUpdate
    venue {
      id
    }
    organizer {
      id
      name
    }
    community {
      id
    }
    coHosts {
      id
    }
  }
`);

export const ActivityCreate = graphql(`
  mutation ActivityCreate($input: ActivityCreateInput!) {
    activityCreate(input: $input) {
      activity {
        id
      }
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

export const ActivityUpdate = graphql(`
  mutation ActivityUpdate($input: ActivityUpdateInput!) {
    activityUpdate(input: $input) {
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
