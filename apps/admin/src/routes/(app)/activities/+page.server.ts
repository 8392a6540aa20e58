import { query } from '$lib/server/api';
import { listSearch, parseListParams, toActivityFilter } from '$lib/activity/filters';
import { ActivityList } from './queries';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);

export const load: PageServerLoad = async (event) => {
  const params = parseListParams(event.url.searchParams);
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { viewer } = await event.parent();
  const { activities } = await query(event, ActivityList, { filter: toActivityFilter(params), first: PAGE_SIZE, after });
  return {
    params,
    after,
    list: activities,
    filtered: params.q !== '' || params.status !== null,
    canCreate: viewer.grants.some((g) => WRITE_ROLES.has(g.role)),
    exportHref: `/export/activities.xlsx${listSearch(params)}`,
  };
};
