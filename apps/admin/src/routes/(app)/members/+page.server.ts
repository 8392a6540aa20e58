import { query } from '$lib/server/api';
import { isFiltered, memberSearch, parseMemberParams, toMemberFilter } from '$lib/member/params';
import { rostersOf } from '$lib/member/rosters.server';
import { MemberList } from './queries';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 30;

export const load: PageServerLoad = async (event) => {
  const params = parseMemberParams(event.url.searchParams);
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { viewer } = await event.parent();
  const [list, rosters] = await Promise.all([
    query(event, MemberList, { filter: toMemberFilter(params), first: PAGE_SIZE, after }),
    rostersOf(event, viewer.grants),
  ]);
  const canWrite = viewer.grants.some((g) => g.role === 'COMMITTEE_ADMIN' || g.role === 'BRANCH_SECRETARY');
  return {
    params,
    search: memberSearch(params),
    filtered: isFiltered(params),
    list: list.members,
    after,
    rosters,
    canWrite,
    exportHref: `/export/members.xlsx${memberSearch(params)}`,
  };
};
