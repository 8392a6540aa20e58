/**
 * Access policies of volunteers, teams, service records and recognitions.
 *
 * Community-wide read: unlike the rest of the chain, where a grant covers its node's subtree only, ANY grant
 * inside a community (a branch secretary's, a grid worker's) or above it reads ALL of that community's
 * volunteers, their records and its recognitions. Volunteers serve the whole community, not one branch, so
 * every worker there may pick them for an activity. Contact details in clear still need a role that needs
 * personal data, granted on the community or above.
 *
 * - Volunteer: staff as above; a partner token reads (unit:read) the volunteers who serve for its unit in
 *   the token's community (names masked, phones never in clear).
 * - VolunteerTeam: public (name, skills, size); its roster follows the Volunteer rule.
 * - ServiceRecord: seen with its volunteer.
 * - Recognition: staff in the community (community-wide read).
 */
import type { Context } from '../../graphql/context.js';
import { can, condition, definePolicy, everyone, inSubtree, or, PERSONAL_DATA_ROLES, rule, WRITE_ROLES, type Condition } from '../access/index.js';
import { loadNode, OrgLevel, underNode, type OrgNodeEntity } from '../org/index.js';
import { RecognitionEntity, ServiceRecordEntity, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import { loadVolunteer } from './volunteer.service.js';

/** The community-wide read decision: a grant in the community (any node of it) or above it. */
export function readsCommunity(ctx: Context, community: OrgNodeEntity): boolean {
  return ctx.access.grants.some((g) => g.communityId === community.id || community.path.startsWith(g.path));
}

async function communityNode(ctx: Context, id: number): Promise<OrgNodeEntity | null> {
  const node = await loadNode(ctx, id);
  return node && node.level === OrgLevel.COMMUNITY ? node : null;
}

/** The community-wide read rule on rows with a `communityId` (column `community_id`). */
function communityWide<T extends { communityId: number }>() {
  return rule<T>(
    async (ctx, row) => {
      if (!ctx.access.isStaff) return false;
      const c = await communityNode(ctx, row.communityId);
      return c != null && readsCommunity(ctx, c);
    },
    (ctx, t) => {
      const communityIds = [...new Set(ctx.access.grants.map((g) => g.communityId).filter((id): id is number => id != null))];
      const inside: Condition = communityIds.length ? { sql: 'wc.id = any(?::int[])', params: [communityIds] } : { sql: 'false', params: [] };
      const scope = or(inside, inSubtree(ctx.access, 'wc.path'));
      if (scope.sql === 'false') return scope;
      return { sql: `exists (select 1 from org_node wc where wc.id = ${t}.community_id and wc.level = 'COMMUNITY' and ${scope.sql})`, params: scope.params };
    },
  );
}

definePolicy<VolunteerEntity>({
  type: 'Volunteer',
  table: 'volunteer',
  entity: VolunteerEntity,
  read: communityWide<VolunteerEntity>(),
  write: underNode((_ctx, v) => v.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
  reveal: underNode((_ctx, v) => v.communityId, (t) => `${t}.community_id`, PERSONAL_DATA_ROLES),
  unit: {
    unitIdsOf: (_ctx, v) => (v.unitId == null ? [] : [v.unitId]),
    communityIdsOf: (_ctx, v) => [v.communityId],
    unitSql: (t) => `${t}.unit_id = ?`,
    communitySql: (t) => `${t}.community_id = ?`,
    scopes: { read: 'unit:read' },
  },
});

definePolicy<VolunteerTeamEntity>({
  type: 'VolunteerTeam',
  table: 'volunteer_team',
  entity: VolunteerTeamEntity,
  read: everyone(),
  write: underNode((_ctx, t) => t.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});

definePolicy<ServiceRecordEntity>({
  type: 'ServiceRecord',
  table: 'service_record',
  entity: ServiceRecordEntity,
  read: rule(
    async (ctx, r) => {
      const volunteer = await loadVolunteer(ctx, r.volunteerId);
      return volunteer != null && (await can(ctx, 'read', 'Volunteer', volunteer));
    },
    (ctx, t) => {
      const visible = condition(ctx, 'read', 'Volunteer', 'sv');
      return visible.sql === 'false' ? visible : { sql: `exists (select 1 from volunteer sv where sv.id = ${t}.volunteer_id and ${visible.sql})`, params: visible.params };
    },
  ),
  write: underNode((_ctx, r) => r.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});

definePolicy<RecognitionEntity>({
  type: 'Recognition',
  table: 'recognition',
  entity: RecognitionEntity,
  read: communityWide<RecognitionEntity>(),
  write: underNode((_ctx, r) => r.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
});

/** Staff who read the community's volunteers (community-wide read). */
export async function readsCommunityId(ctx: Context, communityId: number): Promise<boolean> {
  const c = await communityNode(ctx, communityId);
  return c != null && ctx.access.isStaff && readsCommunity(ctx, c);
}
