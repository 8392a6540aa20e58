import type { OrgChildrenPageFragment, OrgNodeSummaryFragment } from '$lib/gql/graphql';

/** The API caps `first` at 100. */
export const CHILD_PAGE_SIZE = 100;
/** "加载更多" without JavaScript re-fetches every page shown: keep that bounded. */
export const MAX_EXTRA_PAGES = 20;
/** Nodes opened through one URL. */
export const MAX_OPEN = 50;

export type OrgSummary = OrgNodeSummaryFragment;

/** The children of a node loaded so far. */
export interface ChildPage {
  nodes: OrgSummary[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export function toChildPage(connection: OrgChildrenPageFragment): ChildPage {
  return {
    nodes: connection.edges.map((edge) => edge.node),
    endCursor: connection.pageInfo.endCursor ?? null,
    hasNextPage: connection.pageInfo.hasNextPage,
    totalCount: connection.totalCount,
  };
}

/**
 * Which nodes are expanded lives in the URL, so the tree works without JavaScript and survives a reload:
 * `?open=<id>,<id>` expands nodes, each `more=<id>` shows one more page of that node's children.
 */
export interface TreeUrlState {
  open: string[];
  more: Map<string, number>;
}

function isId(value: string): boolean {
  return value.length > 0 && value.length <= 200 && !/\s/.test(value);
}

export function readTreeState(params: URLSearchParams): TreeUrlState {
  const open = [...new Set((params.get('open') ?? '').split(',').map((id) => id.trim()).filter(isId))].slice(0, MAX_OPEN);
  const more = new Map<string, number>();
  for (const id of params.getAll('more')) {
    if (open.includes(id)) more.set(id, Math.min((more.get(id) ?? 0) + 1, MAX_EXTRA_PAGES));
  }
  return { open, more };
}

export function treeSearch(state: TreeUrlState): string {
  const parts: string[] = [];
  if (state.open.length > 0) parts.push(`open=${state.open.map(encodeURIComponent).join(',')}`);
  for (const id of state.open) {
    for (let i = 0; i < (state.more.get(id) ?? 0); i++) parts.push(`more=${encodeURIComponent(id)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '?';
}

/** The state after expanding `id`. */
export function withOpened(state: TreeUrlState, id: string): TreeUrlState {
  if (state.open.includes(id)) return state;
  return { open: [...state.open, id], more: new Map(state.more) };
}

/** The state after collapsing `id` and everything opened below it. */
export function withClosed(state: TreeUrlState, id: string, descendantsOf: (id: string) => string[]): TreeUrlState {
  const gone = new Set<string>([id]);
  const queue = [id];
  while (queue.length > 0) {
    for (const child of descendantsOf(queue.pop()!)) {
      if (!gone.has(child)) {
        gone.add(child);
        queue.push(child);
      }
    }
  }
  const more = new Map([...state.more].filter(([key]) => !gone.has(key)));
  return { open: state.open.filter((key) => !gone.has(key)), more };
}

/** The state after showing one more page of `id`'s children. */
export function withMore(state: TreeUrlState, id: string): TreeUrlState {
  const more = new Map(state.more);
  more.set(id, Math.min((more.get(id) ?? 0) + 1, MAX_EXTRA_PAGES));
  return { open: state.open.includes(id) ? state.open : [...state.open, id], more };
}
