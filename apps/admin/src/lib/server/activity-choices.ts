import { query } from '$lib/server/api';
import type { EditorChoiceSet, Organizer } from '$lib/activity/editor';
import { CommunityChoices, EditorChoices } from '../../routes/(app)/activities/queries';

type Event = Parameters<typeof query>[0];

/** Roles that may organise activities (the API's WRITE_ROLES). */
const WRITE_ROLES = new Set(['COMMITTEE_ADMIN', 'BRANCH_SECRETARY']);


/**
 * What the signed-in person may pick in the editor: the committees and branches they manage (a committee's
 * branches too), and each community's venues and co-building units.
 */
export async function editorChoices(event: Event, grants: readonly { role: string; node: { id: string; level: string } }[]): Promise<EditorChoiceSet> {
  const writable = grants.filter((g) => WRITE_ROLES.has(g.role) && (g.node.level === 'COMMUNITY' || g.node.level === 'BRANCH')).slice(0, 5);
  const nodes = await Promise.all(writable.map((g) => query(event, EditorChoices, { nodeId: g.node.id })));
  const organizers = new Map<string, Organizer>();
  const communityNames = new Map<string, string>();
  for (const { orgNode } of nodes) {
    if (!orgNode) continue;
    const community = orgNode.level === 'COMMUNITY' ? orgNode : orgNode.ancestors.find((a) => a.level === 'COMMUNITY');
    if (!community) continue;
    communityNames.set(community.id, community.name);
    organizers.set(orgNode.id, { id: orgNode.id, name: orgNode.name, communityId: community.id });
    if (orgNode.level === 'COMMUNITY') {
      for (const { node } of orgNode.children.edges) {
        if (node.level === 'BRANCH' && !node.archived) organizers.set(node.id, { id: node.id, name: `${orgNode.name} · ${node.name}`, communityId: community.id });
      }
    }
  }
  const communities = await Promise.all(
    [...communityNames].map(async ([id, name]) => {
      const data = await query(event, CommunityChoices, { communityId: id });
      return {
        id,
        name,
        venues: data.venues.edges.map((e) => e.node),
        units: data.coBuildingUnits.edges.map((e) => e.node),
      };
    }),
  );
  return { organizers: [...organizers.values()], communities };
}

/** The communities the person's grants lie in (a branch's community through its ancestors), at most five. */
export async function communitiesOf(event: Event, grants: readonly { node: { id: string; name: string; level: string } }[]): Promise<{ id: string; name: string }[]> {
  const found = new Map<string, string>();
  for (const g of grants) if (g.node.level === 'COMMUNITY') found.set(g.node.id, g.node.name);
  const below = grants.filter((g) => g.node.level !== 'COMMUNITY' && g.node.level !== 'STREET').slice(0, 5);
  const nodes = await Promise.all(below.map((g) => query(event, EditorChoices, { nodeId: g.node.id })));
  for (const { orgNode } of nodes) {
    const community = orgNode?.ancestors.find((a) => a.level === 'COMMUNITY');
    if (community) found.set(community.id, community.name);
  }
  return [...found].slice(0, 5).map(([id, name]) => ({ id, name }));
}
