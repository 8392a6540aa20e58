import type { PartyProjectArea, PartyProjectStatus } from '$lib/gql/graphql';
import { query } from '$lib/server/api';
import { ProjectLedger } from './queries';
import type { PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const AREAS = ['POSITION_BUILDING', 'BASIC_SYSTEMS', 'REGIONAL_CO_BUILDING', 'MEMBER_EDUCATION', 'SERVING_MASSES'] as const;
const STATUSES = ['PLANNED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED'] as const;

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const area = (AREAS as readonly string[]).includes(p.get('area') ?? '') ? (p.get('area') as PartyProjectArea) : null;
  const status = (STATUSES as readonly string[]).includes(p.get('status') ?? '') ? (p.get('status') as PartyProjectStatus) : null;
  const overdue = p.get('overdue') === '1';
  const q = (p.get('q') ?? '').trim().slice(0, 50);
  const filter = { areas: area ? [area] : null, statuses: status ? [status] : null, overdue: overdue || null, query: q || null };
  const ledger = await query(event, ProjectLedger, { filter, first: 30, after: p.get('after') });
  // the same filters as the list, in the export route's words
  const exportQuery = new URLSearchParams();
  if (area) exportQuery.set('area', area);
  if (status) exportQuery.set('status', status);
  if (overdue) exportQuery.set('overdue', '1');
  if (q) exportQuery.set('q', q);
  return { ...ledger, selected: { area, status, overdue, q }, exportHref: `/export/party-projects.xlsx${exportQuery.size ? `?${exportQuery}` : ''}`, crumbs: { title: m.proj_title() } };
};
