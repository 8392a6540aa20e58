import type { BranchKind, GrantRole, OrgLevel } from '$lib/gql/graphql';

export const levelLabel: Record<OrgLevel, string> = {
  STREET: '街道党工委',
  COMMUNITY: '社区党委',
  BRANCH: '党支部',
  BUILDING_GROUP: '楼栋党小组',
  MEMBER_HOUSEHOLD: '党员中心户',
};

export const branchKindLabel: Record<BranchKind, string> = {
  GRID: '网格党支部',
  RESIDENTIAL: '居民区党支部',
  COURTYARD: '庭院党支部',
  PROPERTY: '物业党支部',
  UNIT: '单位党支部',
};

export const roleLabel: Record<GrantRole, string> = {
  COMMITTEE_ADMIN: '社区党委管理员',
  BRANCH_SECRETARY: '支部书记',
  GRID_WORKER: '网格员',
  VIEWER: '查看者',
};

/** A branch reads as its kind (居民区党支部), which already says 党支部; other nodes as their level. */
export function orgTypeLabel(node: { level: OrgLevel; kind?: BranchKind | null }): string {
  return node.level === 'BRANCH' && node.kind ? branchKindLabel[node.kind] : levelLabel[node.level];
}

/**
 * "党员 429 · 户 500". Members are registered with their branch, so below a branch the member count says
 * nothing: building groups and member households show the households they look after only.
 */
export function statsLine(level: OrgLevel, stats: { memberCount: number; householdCount: number }): string {
  if (level === 'BUILDING_GROUP' || level === 'MEMBER_HOUSEHOLD') return `联系户 ${stats.householdCount}`;
  return `党员 ${stats.memberCount} · 户 ${stats.householdCount}`;
}
