import { graphql } from '$lib/gql';
import type { CalendarActivityFragment, CalendarFeedQuery } from '$lib/gql/graphql';
import { api } from '$lib/server/api';
import { buildCalendar, calendarResponse } from '$lib/server/calendar';
import { CATEGORY_LABELS, parseCategory } from '$lib/labels';
import type { RequestHandler } from './$types';

const CalendarFeed = graphql(`
  query CalendarFeed($filter: ActivityFilter, $first: Int, $after: String) {
    publicCommunities {
      id
      name
    }
    activities(filter: $filter, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...CalendarActivity
        }
      }
    }
  }
`);

/** Past activities stay in the feed for a while so subscribed calendars do not lose them the day after. */
const KEEP_PAST_DAYS = 30;
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

/**
 * Subscribable feed: /calendar.ics?community=<id>&category=<CATEGORY>. A cancelled activity stays in the feed
 * with STATUS:CANCELLED (and a higher SEQUENCE), so subscribed calendars strike it out instead of keeping a
 * stale copy of an event that silently disappeared.
 */
export const GET: RequestHandler = async (event) => {
  const communityId = event.url.searchParams.get('community') || null;
  const category = parseCategory(event.url.searchParams.get('category'));
  const from = new Date(Date.now() - KEEP_PAST_DAYS * 24 * 60 * 60 * 1000).toISOString();

  const activities: CalendarActivityFragment[] = [];
  let communityName: string | null = null;
  let after: string | null = null;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const data: CalendarFeedQuery = await api(event, CalendarFeed, { filter: { communityId, category, from, includeCancelled: true }, first: PAGE_SIZE, after });
    communityName ??= data.publicCommunities.find((c) => c.id === communityId)?.name ?? null;
    activities.push(...data.activities.edges.map((edge) => edge.node));
    if (!data.activities.pageInfo.hasNextPage) break;
    after = data.activities.pageInfo.endCursor ?? null;
    if (!after) break;
  }

  const name = `${communityName ?? '同心社区'}活动${category ? `（${CATEGORY_LABELS[category]}）` : ''}`;
  const body = buildCalendar({
    name,
    description: '社区党组织发布的公开活动，报名请打开活动链接。',
    origin: event.url.origin,
    activities,
    ttl: 60 * 60,
  });
  return calendarResponse(body);
};
