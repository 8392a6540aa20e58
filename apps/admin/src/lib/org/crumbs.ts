import type { Crumb, PageCrumbs } from '$lib/nav';
import { m } from '../i18n';

interface Named {
  id: string;
  name: string;
}

/**
 * An org page's breadcrumbs: its ancestors, root first, then itself. Ancestors above the user's own grants are
 * plain text: opening them would only say "no access".
 */
export function orgCrumbs(node: Named & { ancestors: readonly Named[] }, grantedNodeIds: readonly string[]): PageCrumbs {
  const granted = new Set(grantedNodeIds);
  let firstReachable = 0;
  if (granted.size > 0) {
    if (granted.has(node.id)) firstReachable = node.ancestors.length;
    else {
      const index = node.ancestors.findIndex((a) => granted.has(a.id));
      firstReachable = index === -1 ? 0 : index;
    }
  }
  const parents: Crumb[] = node.ancestors.map((a, i) => ({
    label: a.name,
    href: i >= firstReachable ? `/org/${encodeURIComponent(a.id)}` : null,
  }));
  return { label: m.org_crumbs(), parents, title: node.name };
}
