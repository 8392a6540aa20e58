/** The activity list's parameters as they appear in links (`/activities?window=PAST&q=集市&status=DRAFT`). */
import type { ActivityFilter, ActivityStatus } from '$lib/gql/graphql';
import { m } from '../i18n';

export const ACTIVITY_WINDOWS = ['UPCOMING', 'PAST'] as const;
export type ListWindow = (typeof ACTIVITY_WINDOWS)[number];
/** Read at render time, in the language of the request or page. */
export const WINDOW_LABEL: Readonly<Record<ListWindow, string>> = {
  get UPCOMING() { return m.act_window_upcoming(); },
  get PAST() { return m.act_window_past(); },
};
export const ACTIVITY_STATUSES = ['DRAFT', 'PUBLISHED', 'CANCELLED', 'FINISHED'] as const satisfies readonly ActivityStatus[];

export interface ListParams {
  window: ListWindow;
  q: string;
  status: ActivityStatus | null;
}

export function parseListParams(search: URLSearchParams): ListParams {
  const window = search.get('window');
  const status = search.get('status');
  return {
    window: (ACTIVITY_WINDOWS as readonly string[]).includes(window ?? '') ? (window as ListWindow) : 'UPCOMING',
    q: (search.get('q') ?? '').trim().slice(0, 50),
    status: (ACTIVITY_STATUSES as readonly string[]).includes(status ?? '') ? (status as ActivityStatus) : null,
  };
}

export function toActivityFilter(p: ListParams): ActivityFilter {
  return { window: p.window, search: p.q || null, status: p.status };
}

/** The query string of a list with some parameters changed; '' for the default list. */
export function listSearch(p: ListParams, change: Partial<ListParams> = {}): string {
  const next = { ...p, ...change };
  const search = new URLSearchParams();
  if (next.window !== 'UPCOMING') search.set('window', next.window);
  if (next.q) search.set('q', next.q);
  if (next.status) search.set('status', next.status);
  const text = search.toString();
  return text ? `?${text}` : '';
}
