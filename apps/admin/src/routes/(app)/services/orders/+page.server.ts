import { fail } from '@sveltejs/kit';
import { communitiesOf } from '$lib/server/activity-choices';
import { query } from '$lib/server/api';
import { ServiceDispatchCandidates, ServiceOrderAccept, ServiceOrderComplete, ServiceOrderDispatch, ServiceOrdersBoard } from '../queries';
import type { DemandState } from '$lib/gql/graphql';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/i18n';

const PAGE_SIZE = 20;
const FILTERS: Record<string, DemandState[] | null> = {
  open: ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'],
  toDispatch: ['SUBMITTED', 'ACCEPTED', 'REOPENED'],
  done: ['RESOLVED', 'CLOSED'],
  all: null,
};

export const load: PageServerLoad = async (event) => {
  const { viewer } = await event.parent();
  const mine = event.url.searchParams.get('mine') === '1' || viewer.grants.length === 0;
  const communities = mine ? [] : await communitiesOf(event, viewer.grants);
  const wanted = event.url.searchParams.get('community');
  const community = communities.find((c) => c.id === wanted) ?? communities[0] ?? null;
  const filter = event.url.searchParams.get('state') ?? 'open';
  const states = FILTERS[filter] ?? FILTERS.open;
  const after = event.url.searchParams.get('after')?.slice(0, 200) || null;
  if (!mine && !community) return { mine, community: null, communities, filter, orders: null, candidates: [], exportHref: null };
  // the same orders as the board (this tab's states, this community or the caller's own), as a spreadsheet
  const exportQuery = new URLSearchParams(mine ? { mine: '1' } : { community: community!.id });
  if (states) exportQuery.set('state', states.join(','));
  const exportHref = `/export/service-orders.xlsx?${exportQuery}`;
  const { serviceOrders } = await query(event, ServiceOrdersBoard, { communityId: mine ? null : community!.id, states, mine, first: PAGE_SIZE, after });
  // whom to dispatch to: the same list for every order of the community, asked once on the first order that needs it
  const first = serviceOrders.edges.find((e) => ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'REOPENED'].includes(e.node.demand.state));
  const candidates = !mine && first ? (await query(event, ServiceDispatchCandidates, { demandId: first.node.demand.id })).serviceDispatchCandidates : [];
  return { mine, community, communities, filter, orders: serviceOrders, candidates, exportHref };
};

const str = (form: FormData, k: string) => String(form.get(k) ?? '').trim();

export const actions: Actions = {
  dispatch: async (event) => {
    const form = await event.request.formData();
    const demandId = str(form, 'demandId');
    const to = str(form, 'to');
    if (!to) return fail(400, { demandId, message: m.sv_v_assignee() });
    const [kind, id] = to.split('|');
    const { dispatchServiceOrder } = await query(event, ServiceOrderDispatch, {
      input: {
        demandId,
        expectedVersion: Number(str(form, 'version')),
        volunteerId: kind === 'TEAM' ? null : id,
        teamId: kind === 'TEAM' ? id : null,
        note: str(form, 'note') || null,
      },
    });
    if (!dispatchServiceOrder.demand) return fail(409, { demandId, message: dispatchServiceOrder.userErrors[0]?.message ?? m.sv_dispatch_failed() });
    return { done: m.sv_dispatched() };
  },
  accept: async (event) => {
    const form = await event.request.formData();
    const demandId = str(form, 'demandId');
    const { acceptServiceOrder } = await query(event, ServiceOrderAccept, { input: { demandId, expectedVersion: Number(str(form, 'version')) } });
    if (!acceptServiceOrder.demand) return fail(409, { demandId, message: acceptServiceOrder.userErrors[0]?.message ?? m.sv_accept_failed() });
    return { done: m.sv_accepted() };
  },
  complete: async (event) => {
    const form = await event.request.formData();
    const demandId = str(form, 'demandId');
    const hours = Number(str(form, 'hours'));
    if (!Number.isFinite(hours) || hours <= 0 || hours > 24) return fail(400, { demandId, message: m.sv_v_hours() });
    const volunteerIds = form.getAll('volunteerIds').map(String).filter(Boolean);
    const { completeServiceOrder } = await query(event, ServiceOrderComplete, {
      input: { demandId, expectedVersion: Number(str(form, 'version')), hours, note: str(form, 'note') || null, volunteerIds: volunteerIds.length ? volunteerIds : null },
    });
    if (!completeServiceOrder.demand) return fail(409, { demandId, message: completeServiceOrder.userErrors[0]?.message ?? m.sv_save_failed_refresh() });
    return { done: m.sv_completed() };
  },
};
