import { TZDate } from '@date-fns/tz';
import type { GrantRole, OrgLevel } from '$lib/gql/graphql';
import { m } from '../i18n';

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

function day(d: TZDate): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** This year so far, in Beijing days (`to` is the day after today, excluded): the period of the board's figures. */
export function metricsPeriod(now: Date): { from: string; to: string; label: string } {
  const today = new TZDate(now.getTime(), 'Asia/Shanghai');
  const tomorrow = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + 1, 'Asia/Shanghai');
  return { from: `${today.getFullYear()}-01-01`, to: day(tomorrow), label: m.since_year({ year: today.getFullYear() }) };
}
