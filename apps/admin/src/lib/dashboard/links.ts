/**
 * Where each number of the dashboard leads: the filtered list behind it. Demand links use the /demands list's
 * own parameters (lib/demand/filters); activity links the /activities list's (window, q, status).
 */
import type { ActivityStatus, DemandState } from '$lib/gql/graphql';
import { listSearch, parseListParams, type DemandListParams } from '../demand/filters';

/** The demand list under an org node, narrowed further by `changes`. */
export function demandsLink(nodeId: string, changes: Partial<DemandListParams> = {}): string {
  return `/demands${listSearch(parseListParams(new URLSearchParams()), { node: nodeId, ...changes })}`;
}

export const demandsInState = (nodeId: string, state: DemandState) => demandsLink(nodeId, { state });
export const overdueDemands = (nodeId: string) => demandsLink(nodeId, { overdue: true });

/** The activity list's parameters: which window (upcoming or past), a title search, a status. */
export interface ActivityListParams {
  window?: 'UPCOMING' | 'PAST';
  q?: string;
  status?: ActivityStatus;
}

export function activitiesLink(params: ActivityListParams = {}): string {
  const search = new URLSearchParams();
  if (params.window) search.set('window', params.window);
  if (params.q) search.set('q', params.q);
  if (params.status) search.set('status', params.status);
  const text = search.toString();
  return text ? `/activities?${text}` : '/activities';
}

/** An activity of this week: the upcoming list, searched by its title. */
export const weekActivityLink = (title: string) => activitiesLink({ window: 'UPCOMING', q: title.slice(0, 50) });

export const unitLink = (unitId: string, hash = '') => `/units/${encodeURIComponent(unitId)}${hash}`;
export const orgLink = (nodeId: string) => `/org/${encodeURIComponent(nodeId)}`;

/** The 联户 coverage report of an org node; `#loads` jumps to the member households' loads. */
export const coverageLink = (nodeId: string, hash = '') => `/coverage?node=${encodeURIComponent(nodeId)}${hash}`;

/** The meetings list of the month a date (YYYY-MM-DD) falls in, and one meeting. */
export const meetingsLink = (date: string) => `/meetings?month=${date.slice(0, 7)}`;
export const meetingLink = (id: string) => `/meetings/${encodeURIComponent(id)}`;

const HOUR = 3_600_000;
/** This week in Asia/Shanghai, Monday 00:00 to next Monday 00:00 (as the API's THIS_WEEK), as instants and dates. */
export function shanghaiWeek(now: Date): { from: string; to: string; monday: string; sunday: string } {
  const local = new Date(now.getTime() + 8 * HOUR);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceMonday);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    from: new Date(monday - 8 * HOUR).toISOString(),
    to: new Date(monday + 7 * 24 * HOUR - 8 * HOUR).toISOString(),
    monday: day(monday),
    sunday: day(monday + 6 * 24 * HOUR),
  };
}
