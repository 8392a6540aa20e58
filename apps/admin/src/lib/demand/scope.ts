import { TZDate } from '@date-fns/tz';
import type { GrantRole, OrgLevel } from '$lib/gql/graphql';

interface GrantLike {
  role: GrantRole;
  node: { id: string; name: string; level: OrgLevel };
}

export interface DemandScope {
  /** The org node the figures are for: the highest node the person's grants cover. */
  id: string;
  name: string;
  level: OrgLevel;
  /** The community committee, when the scope is one (its branches and units are the assignees offered). */
  communityId: string | null;
}

const DEPTH: Record<OrgLevel, number> = { STREET: 0, COMMUNITY: 1, BRANCH: 2, BUILDING_GROUP: 3, MEMBER_HOUSEHOLD: 4 };

/** The node whose figures the board shows: the signed-in person's widest grant. */
export function scopeNode(grants: readonly GrantLike[]): DemandScope | null {
  const [top] = [...grants].sort((a, b) => DEPTH[a.node.level] - DEPTH[b.node.level]);
  if (!top) return null;
  return { id: top.node.id, name: top.node.name, level: top.node.level, communityId: top.node.level === 'COMMUNITY' ? top.node.id : null };
}

/** This year so far, in Beijing time: the period of the board's figures. */
export function metricsPeriod(now: Date): { from: string; to: string; label: string } {
  const zoned = new TZDate(now.getTime(), 'Asia/Shanghai');
  const start = new TZDate(zoned.getFullYear(), 0, 1, 'Asia/Shanghai');
  return { from: new Date(start.getTime()).toISOString(), to: now.toISOString(), label: `${zoned.getFullYear()}年以来` };
}
