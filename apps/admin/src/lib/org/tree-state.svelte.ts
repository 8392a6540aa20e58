import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { readTreeState, treeSearch, withClosed, withMore, withOpened, type ChildPage, type TreeUrlState } from './tree';

export type ChildFetcher = (id: string, after: string | null) => Promise<ChildPage>;

/**
 * The org tree as the user has opened it. The server renders it from the URL; in the browser, expanding a
 * node fetches only that node's children and writes the new state back into the URL.
 */
export class OrgTreeState {
  #url = $state.raw<TreeUrlState>({ open: [], more: new Map() });
  readonly pages = new SvelteMap<string, ChildPage>();
  readonly loading = new SvelteSet<string>();
  readonly failed = new SvelteSet<string>();

  constructor(
    search: URLSearchParams,
    children: Record<string, ChildPage>,
    private readonly fetchChildren: ChildFetcher,
    private readonly onChange: (search: string) => void,
  ) {
    this.#url = readTreeState(search);
    for (const [id, page] of Object.entries(children)) this.pages.set(id, page);
  }

  isOpen(id: string): boolean {
    return this.#url.open.includes(id);
  }

  /** Link that shows the tree with `id` toggled (used as is without JavaScript). */
  toggleHref(id: string): string {
    return treeSearch(this.isOpen(id) ? this.#closed(id) : withOpened(this.#url, id));
  }

  moreHref(id: string): string {
    return treeSearch(withMore(this.#url, id));
  }

  async toggle(id: string): Promise<void> {
    if (this.isOpen(id)) {
      this.#set(this.#closed(id));
      return;
    }
    this.#set(withOpened(this.#url, id));
    if (this.pages.has(id)) return;
    await this.#loadFirst(id);
  }

  async loadMore(id: string): Promise<void> {
    const page = this.pages.get(id);
    if (!page?.hasNextPage || this.loading.has(id)) return;
    await this.#load(id, async () => {
      const next = await this.fetchChildren(id, page.endCursor);
      this.pages.set(id, { ...next, nodes: [...page.nodes, ...next.nodes] });
      this.#set(withMore(this.#url, id));
    });
  }

  /** Try the failed request again: the first page, or the next one. */
  async retry(id: string): Promise<void> {
    if (this.pages.has(id)) return this.loadMore(id);
    await this.#loadFirst(id);
  }

  async #loadFirst(id: string): Promise<void> {
    await this.#load(id, async () => {
      this.pages.set(id, await this.fetchChildren(id, null));
    });
  }

  async #load(id: string, work: () => Promise<void>): Promise<void> {
    this.loading.add(id);
    this.failed.delete(id);
    try {
      await work();
    } catch {
      this.failed.add(id);
    } finally {
      this.loading.delete(id);
    }
  }

  #closed(id: string): TreeUrlState {
    return withClosed(this.#url, id, (parent) => this.pages.get(parent)?.nodes.map((n) => n.id) ?? []);
  }

  #set(state: TreeUrlState): void {
    this.#url = state;
    this.onChange(treeSearch(state));
  }
}
