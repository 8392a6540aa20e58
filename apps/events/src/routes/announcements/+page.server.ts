import { publicApi } from '$lib/server/api';
import { AnnouncementCommunities, AnnouncementList } from '$lib/announcements';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

/** 社区公告: the public announcements of one community (`?community=<id>`, default the first), newest first. */
export const load: PageServerLoad = async (event) => {
  const { publicCommunities } = await publicApi(event, AnnouncementCommunities, {}, () => []);
  const wanted = event.url.searchParams.get('community');
  const community = publicCommunities.find((c) => c.id === wanted) ?? publicCommunities[0] ?? null;
  if (!community) return { community: null, communities: [], announcements: [], totalCount: 0, nextCursor: null };
  const after = event.url.searchParams.get('after') || null;
  const data = await publicApi(event, AnnouncementList, { communityId: community.id, first: PAGE_SIZE, after }, () => []);
  return {
    community,
    communities: publicCommunities,
    announcements: data.publicAnnouncements.edges.map((e) => e.node),
    totalCount: data.publicAnnouncements.totalCount,
    nextCursor: data.publicAnnouncements.pageInfo.hasNextPage ? data.publicAnnouncements.pageInfo.endCursor : null,
  };
};
