import { graphql } from '$lib/gql';

export const AnnouncementBoard = graphql(`
  query AnnouncementBoard($filter: AnnouncementFilter, $first: Int, $after: String) {
    announcements(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          body
          audience
          publishAt
          expiresAt
          authorName
          audio {
            url
            durationSeconds
          }
          images {
            id
            url
          }
        }
      }
    }
  }
`);

export const CreateAnnouncement = graphql(`
  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {
    createAnnouncement(input: $input) {
      announcement {
        id
        title
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteAnnouncement = graphql(`
  mutation DeleteAnnouncement($input: DeleteAnnouncementInput!) {
    deleteAnnouncement(input: $input) {
      announcement {
        id
        title
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
