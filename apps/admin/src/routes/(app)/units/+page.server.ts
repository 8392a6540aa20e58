import { query } from '$lib/server/api';
import { parseUnitParams, unitSearch } from '$lib/units/filters';
import { UnitCommunityChoices, UnitList } from './queries';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const params = parseUnitParams(event.url.searchParams);
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { viewer } = await event.parent();
  const streets = viewer.grants.filter((g) => g.node.level === 'STREET');
  const [list, ...streetChoices] = await Promise.all([
    query(event, UnitList, { communityId: params.community, kind: params.kind, agreementStatus: params.agreement, first: PAGE_SIZE, after }),
    ...streets.map((g) => query(event, UnitCommunityChoices, { id: g.node.id })),
  ]);
  // the communities the person works for: their community grants, and the communities under their street grants
  const communities = new Map<string, string>();
  for (const g of viewer.grants) if (g.node.level === 'COMMUNITY') communities.set(g.node.id, g.node.name);
  for (const c of streetChoices) for (const e of c.orgNode?.children.edges ?? []) if (e.node.level === 'COMMUNITY') communities.set(e.node.id, e.node.name);
  const search = unitSearch(params);
  return {
    params,
    list: list.coBuildingUnits,
    after,
    communities: [...communities].map(([id, name]) => ({ id, name })),
    exportHref: `/export/units.xlsx${search}`,
    search,
  };
};
