import { graphql } from '$lib/gql';

export const AnnouncementList = graphql(`
  query AnnouncementList($communityId: ID!, $first: Int, $after: String) {
    publicCommunities {
      id
      name
    }
    publicAnnouncements(communityId: $communityId, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AnnouncementItem
        }
      }
    }
  }
`);

export const AnnouncementCommunities = graphql(`
  query AnnouncementCommunities {
    publicCommunities {
      id
      name
    }
  }
`);

export const AnnouncementItem = graphql(`
  fragment AnnouncementItem on Announcement {
    id
    title
    body
    audience
    publishAt
    updatedAt
    authorName
    audio {
      url
      mime
      durationSeconds
    }
    images {
      id
      url
      width
      height
    }
  }
`);

export const AnnouncementDetail = graphql(`
  query AnnouncementDetail($id: ID!) {
    node(id: $id) {
      __typename
      ... on Announcement {
        ...AnnouncementItem
      }
    }
  }
`);

/** First line or characters of a text, for list pages and share previews. */
export function summary(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** 1:05 for 65 seconds. */
export function clock(seconds: number | null | undefined): string {
  if (seconds == null) return '';
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export function xml(text: string): string {
  // characters XML 1.0 forbids are dropped
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
