import { graphql } from '$lib/gql';
import { publicApi } from '$lib/server/api';
import { parseCategory, parseWhen, windowOf } from '$lib/labels';
import type { PageServerLoad } from './$types';

const ActivityList = graphql(`
  query ActivityList($filter: ActivityFilter, $first: Int, $after: String) {
    publicCommunities {
      id
      name
    }
    activities(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ActivityCard
        }
      }
    }
  }
`);

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const query = event.url.searchParams;
  const communityId = query.get('community') || null;
  const category = parseCategory(query.get('category'));
  const when = parseWhen(query.get('when'));
  const after = query.get('after') || null;

  const data = await publicApi(
    event,
    ActivityList,
    { filter: { communityId, category, window: windowOf(when) }, first: PAGE_SIZE, after },
    (answer) => answer.activities.edges.map((edge) => edge.node.id),
  );

  return {
    filters: { communityId, category, when },
    communities: data.publicCommunities,
    activities: data.activities.edges.map((edge) => edge.node),
    totalCount: data.activities.totalCount,
    nextCursor: data.activities.pageInfo.hasNextPage ? data.activities.pageInfo.endCursor : null,
    isFirstPage: !after,
    now: new Date().toISOString(),
  };
};
