import { query } from '$lib/server/api';
import { CHILD_PAGE_SIZE, MAX_EXTRA_PAGES, toChildPage, type ChildPage } from '$lib/org/tree';
import { OrgChildrenQuery, OrgOpenedQuery } from './queries';

type ApiEvent = Parameters<typeof query>[0];

/** One page of children after `after`; null when the node is not visible to the user. */
export async function loadChildPage(event: ApiEvent, id: string, after: string | null): Promise<ChildPage | null> {
  const data = await query(event, OrgChildrenQuery, { id, first: CHILD_PAGE_SIZE, after });
  return data.orgNode ? toChildPage(data.orgNode.children) : null;
}

/** Follow the cursor until `extraPages` more pages are appended to `page`. */
export async function appendPages(event: ApiEvent, id: string, page: ChildPage, extraPages: number): Promise<ChildPage> {
  let result = page;
  for (let i = 0; i < Math.min(extraPages, MAX_EXTRA_PAGES) && result.hasNextPage && result.endCursor; i++) {
    const next = await loadChildPage(event, id, result.endCursor);
    if (!next) break;
    result = { ...next, nodes: [...result.nodes, ...next.nodes] };
  }
  return result;
}

/** Children of the nodes opened in the URL, keyed by node id; unknown or hidden ids are left out. */
export async function loadOpened(event: ApiEvent, open: string[], more: Map<string, number>): Promise<Record<string, ChildPage>> {
  if (open.length === 0) return {};
  const data = await query(event, OrgOpenedQuery, { ids: open, first: CHILD_PAGE_SIZE });
  const entries = await Promise.all(
    data.nodes.map(async (node) => {
      if (!node || !('children' in node)) return null;
      const page = await appendPages(event, node.id, toChildPage(node.children), more.get(node.id) ?? 0);
      return [node.id, page] as const;
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== null));
}
