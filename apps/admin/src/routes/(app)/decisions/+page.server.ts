import type { DecisionState } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { DecisionList } from './queries';
import type { PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const STATES = ['DRAFT', 'SOLICITING', 'PROPOSED', 'DELIBERATED', 'RESOLVED', 'DECISION_PUBLISHED', 'RESULT_PUBLISHED'] as const;
const PAGE = 20;

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const state = (STATES as readonly string[]).includes(p.get('state') ?? '') ? (p.get('state') as DecisionState) : null;
  const q = (p.get('q') ?? '').trim().slice(0, 50);
  const filter = { states: state ? [state] : null, query: q || null };
  const list = await query(event, DecisionList, { filter, first: PAGE, after: p.get('after') });
  const exportQuery = new URLSearchParams();
  if (state) exportQuery.set('state', state);
  if (q) exportQuery.set('q', q);
  const keep = new URLSearchParams(exportQuery);
  if (list.decisions.pageInfo.endCursor) keep.set('after', list.decisions.pageInfo.endCursor);
  return {
    ...list, selected: { state, q }, page: { size: PAGE, first: !p.get('after') },
    nextHref: list.decisions.pageInfo.hasNextPage ? `?${keep}` : null,
    exportHref: `/export/decisions.xlsx${exportQuery.size ? `?${exportQuery}` : ''}`,
    crumbs: { title: m.dc_title() },
  };
};
