import { query } from '$lib/server/api';
import { MemberRosters } from '../../routes/(app)/members/queries';

type Event = Parameters<typeof query>[0];

/** Branches (and committees) the user's grants reach, for the list's filter and the forms: one query per grant, at most 5. */
export async function rostersOf(event: Event, grants: readonly { role: string; node: { id: string; name: string; level: string } }[]): Promise<{ id: string; name: string }[]> {
  const found = new Map<string, string>();
  const nodes = grants.filter((g) => g.node.level === 'COMMUNITY' || g.node.level === 'BRANCH' || g.node.level === 'STREET').slice(0, 5);
  const answers = await Promise.all(nodes.map((g) => query(event, MemberRosters, { id: g.node.id })));
  for (const { orgNode } of answers) {
    if (!orgNode) continue;
    if (orgNode.level === 'COMMUNITY' || orgNode.level === 'BRANCH') found.set(orgNode.id, orgNode.name);
    if ('children' in orgNode) for (const e of orgNode.children.edges) if (e.node.level === 'BRANCH' || e.node.level === 'COMMUNITY') found.set(e.node.id, e.node.name);
  }
  return [...found].map(([id, name]) => ({ id, name }));
}
