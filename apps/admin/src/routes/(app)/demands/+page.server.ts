import { query } from '$lib/server/api';
import { isFiltered, listSearch, parseListParams, toDemandFilter } from '$lib/demand/filters';
import { metricsPeriod, scopeNode } from '$lib/demand/scope';
import { DemandAssigneeChoices, DemandBoard, DemandScopeMetrics } from './queries';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
  const params = parseListParams(event.url.searchParams);
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  const { viewer } = await event.parent();
  const scope = scopeNode(viewer.grants);
  const period = metricsPeriod(new Date());

  const [board, metrics, choices] = await Promise.all([
    query(event, DemandBoard, {
      filter: toDemandFilter(params),
      countFilter: toDemandFilter(params, { withState: false }),
      first: PAGE_SIZE,
      after,
    }),
    scope ? query(event, DemandScopeMetrics, { orgNodeId: scope.communityId ?? scope.id, from: period.from, to: period.to }) : null,
    scope?.communityId ? query(event, DemandAssigneeChoices, { communityId: scope.communityId }) : null,
  ]);

  const branches = (choices?.orgNode?.children.edges ?? []).map((e) => e.node).filter((n) => n.level === 'BRANCH');
  const units = (choices?.coBuildingUnits.edges ?? []).map((e) => e.node);
  const search = listSearch(params);
  return {
    params,
    filtered: isFiltered(params),
    counts: board.demandStateCounts,
    list: board.demands,
    after,
    exportHref: `/export/demands.xlsx${search}`,
    metrics: metrics?.demandMetrics[0] ?? null,
    scope,
    period: period.label,
    branches,
    units,
  };
};
