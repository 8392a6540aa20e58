import type { DemandCategory, DemandChannel, DemandFilter, DemandState } from '$lib/gql/graphql';
import { DEMAND_CATEGORY_LABEL, DEMAND_CHANNEL_LABEL, DEMAND_STATE_LABEL } from '../labels';

export const DEMAND_STATES = Object.keys(DEMAND_STATE_LABEL) as DemandState[];
export const DEMAND_CATEGORIES = Object.keys(DEMAND_CATEGORY_LABEL) as DemandCategory[];
export const DEMAND_CHANNELS = Object.keys(DEMAND_CHANNEL_LABEL) as DemandChannel[];

/**
 * The list's filters as they appear in the address (and in the export link, which the API reads the same way):
 * state, category, channel, assignee (me | unit:<id> | branch:<id>), overdue=1, escalated=1, node=<org node id>
 * (its whole subtree), q=<text>.
 */
export interface DemandListParams {
  state: DemandState | null;
  category: DemandCategory | null;
  channel: DemandChannel | null;
  assignee: string | null;
  overdue: boolean;
  escalated: boolean;
  node: string | null;
  q: string;
}

export const FILTER_KEYS = ['state', 'category', 'channel', 'assignee', 'overdue', 'escalated', 'node', 'q'] as const;

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | null {
  return raw && (values as readonly string[]).includes(raw) ? (raw as T) : null;
}

/** What the address asks for; anything unknown is ignored rather than refused. */
export function parseListParams(search: URLSearchParams): DemandListParams {
  const assignee = search.get('assignee');
  return {
    state: oneOf(DEMAND_STATES, search.get('state')),
    category: oneOf(DEMAND_CATEGORIES, search.get('category')),
    channel: oneOf(DEMAND_CHANNELS, search.get('channel')),
    assignee: assignee && /^(me|(unit|branch|account):[A-Za-z0-9+/=_-]{1,100})$/.test(assignee) ? assignee : null,
    overdue: search.get('overdue') === '1',
    escalated: search.get('escalated') === '1',
    node: search.get('node')?.slice(0, 100) || null,
    q: (search.get('q') ?? '').trim().slice(0, 100),
  };
}

/** The API's filter for these parameters; `withState: false` leaves the state out (the board's counts). */
export function toDemandFilter(p: DemandListParams, { withState = true } = {}): DemandFilter {
  const filter: DemandFilter = {};
  if (withState && p.state) filter.states = [p.state];
  if (p.category) filter.categories = [p.category];
  if (p.channel) filter.channels = [p.channel];
  if (p.assignee === 'me') filter.assignedToMe = true;
  else if (p.assignee?.startsWith('unit:')) filter.assignedUnitId = p.assignee.slice(5);
  else if (p.assignee?.startsWith('branch:')) filter.assignedBranchId = p.assignee.slice(7);
  else if (p.assignee?.startsWith('account:')) filter.assignedAccountId = p.assignee.slice(8);
  if (p.overdue) filter.overdue = true;
  if (p.escalated) filter.escalated = true;
  if (p.node) filter.orgNodeId = p.node;
  if (p.q) filter.query = p.q;
  return filter;
}

/** The address of the list with these parameters (and `changes` applied); empty ones are left out. */
export function listSearch(p: DemandListParams, changes: Partial<DemandListParams> = {}): string {
  const merged = { ...p, ...changes };
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = merged[key];
    if (value === true) search.set(key, '1');
    else if (typeof value === 'string' && value) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** True when any filter narrows the list. */
export function isFiltered(p: DemandListParams): boolean {
  return listSearch(p) !== '';
}
