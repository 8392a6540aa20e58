import type { BranchKind, OrgLevel } from '$lib/gql/graphql';

import { BRANCH_KIND_LABEL, GRANT_ROLE_LABEL, ORG_LEVEL_LABEL } from '../labels';
import { m } from '../i18n';

export { BRANCH_KIND_LABEL as branchKindLabel, GRANT_ROLE_LABEL as roleLabel, ORG_LEVEL_LABEL as levelLabel };

/** A branch reads as its kind (居民区党支部), which already says 党支部; other nodes as their level. */
export function orgTypeLabel(node: { level: OrgLevel; kind?: BranchKind | null }): string {
  return node.level === 'BRANCH' && node.kind ? BRANCH_KIND_LABEL[node.kind] : ORG_LEVEL_LABEL[node.level];
}

/**
 * "党员 429 · 户 500". Members are registered with their branch, so below a branch the member count says
 * nothing: building groups and member households show the households they look after only.
 */
export function statsLine(level: OrgLevel, stats: { memberCount: number; householdCount: number }): string {
  if (level === 'BUILDING_GROUP' || level === 'MEMBER_HOUSEHOLD') return m.org_stats_linked({ n: stats.householdCount });
  return m.org_stats({ members: stats.memberCount, households: stats.householdCount });
}
