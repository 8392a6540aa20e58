import { query } from '$lib/server/api';
import { GovernanceChoices } from '$lib/governance/queries';

export interface NodeChoice { id: string; name: string }
export interface MemberChoice { id: string; name: string; branch: string }

type Event = Parameters<typeof query>[0];

/**
 * The org nodes a form may file under (the user's own nodes of these roles and their communities' branches) and
 * the members of those branches, for the visitor picker.
 */
export async function governanceChoices(event: Event, grants: readonly { role: string; node: { id: string; name: string; level: string } }[], roles: ReadonlySet<string>): Promise<{ nodes: NodeChoice[]; members: MemberChoice[] }> {
  const nodes = new Map<string, string>();
  const members = new Map<string, MemberChoice>();
  const mine = grants.filter((g) => roles.has(g.role) && (g.node.level === 'COMMUNITY' || g.node.level === 'BRANCH')).slice(0, 3);
  for (const g of mine) nodes.set(g.node.id, g.node.name);
  const answers = await Promise.all(mine.map((g) => query(event, GovernanceChoices, { id: g.node.id })));
  for (const { node } of answers) {
    if (node?.__typename === 'PartyCommittee') {
      for (const e of node.children.edges) {
        if (e.node.level !== 'BRANCH') continue;
        nodes.set(e.node.id, `${node.name} · ${e.node.name}`);
        if ('members' in e.node) for (const m of e.node.members.edges) members.set(m.node.id, { id: m.node.id, name: m.node.name, branch: e.node.name });
      }
    } else if (node?.__typename === 'Branch') {
      for (const m of node.members.edges) members.set(m.node.id, { id: m.node.id, name: m.node.name, branch: node.name });
    }
  }
  return { nodes: [...nodes].map(([id, name]) => ({ id, name })), members: [...members.values()] };
}
