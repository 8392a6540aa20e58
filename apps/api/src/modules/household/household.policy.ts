/**
 * Access policy of the households module (personal data, PIPL).
 *
 * - Household: staff whose grants cover the node that looks after it read it; committee admins and branch
 *   secretaries change it; roles that need contact details (committee admin, branch secretary, grid worker)
 *   may reveal its phone and care data, on an explicit request. Never partners or the public.
 * - Resident: the same, through its household.
 * - Compound, Building: places, not personal data: staff with a grant in or above their community.
 * - Grid: staff over its community or over the branch tied to it; committee admins change it.
 */
import type { Context } from '../../graphql/context.js';
import { anyOf, definePolicy, GrantRole, PERSONAL_DATA_ROLES, rule, WRITE_ROLES, type Rule } from '../access/index.js';
import { underNode } from '../org/index.js';
import { BuildingEntity, CompoundEntity, GridEntity, HouseholdEntity, ResidentEntity } from './household.entity.js';
import { loadHousehold } from './household.loaders.js';

const householdNode = (t: string) => `${t}.org_node_id`;
definePolicy<HouseholdEntity>({
  type: 'Household',
  table: 'household',
  entity: HouseholdEntity,
  read: underNode((_ctx, h) => h.orgNodeId, householdNode),
  write: underNode((_ctx, h) => h.orgNodeId, householdNode, WRITE_ROLES),
  reveal: underNode((_ctx, h) => h.orgNodeId, householdNode, PERSONAL_DATA_ROLES),
});

const residentNodeId = async (ctx: Context, r: ResidentEntity) => (await loadHousehold(ctx, r.householdId))?.orgNodeId ?? null;
const residentNode = (t: string) => `(select rh.org_node_id from household rh where rh.id = ${t}.household_id)`;
definePolicy<ResidentEntity>({
  type: 'Resident',
  table: 'resident',
  entity: ResidentEntity,
  read: underNode(residentNodeId, residentNode),
  write: underNode(residentNodeId, residentNode, WRITE_ROLES),
  reveal: underNode(residentNodeId, residentNode, PERSONAL_DATA_ROLES),
});

/** Staff with a grant inside the row's community, or above it. */
function inCommunity<T extends { communityId: number }>(roles?: GrantRole[]): Rule<T> {
  const communities = (ctx: Context) => [...new Set(ctx.access.grants.filter((g) => (!roles || roles.includes(g.role)) && g.communityId != null).map((g) => g.communityId as number))];
  return anyOf(
    underNode<T>((_ctx, row) => row.communityId, (t) => `${t}.community_id`, roles),
    rule<T>((ctx, row) => ctx.access.isStaff && communities(ctx).includes(row.communityId), (ctx, t) => {
      const ids = ctx.access.isStaff ? communities(ctx) : [];
      return ids.length ? { sql: `${t}.community_id = any(?::int[])`, params: [ids] } : { sql: 'false', params: [] };
    }),
  );
}

definePolicy<CompoundEntity>({
  type: 'Compound', table: 'compound', entity: CompoundEntity,
  read: inCommunity(),
  write: inCommunity(WRITE_ROLES),
});
definePolicy<BuildingEntity>({
  type: 'Building', table: 'building', entity: BuildingEntity,
  read: inCommunity(),
  write: inCommunity(WRITE_ROLES),
});
definePolicy<GridEntity>({
  type: 'Grid', table: 'grid', entity: GridEntity,
  read: anyOf(
    underNode((_ctx, g) => g.communityId, (t) => `${t}.community_id`),
    underNode((_ctx, g) => g.branchId, (t) => `${t}.branch_id`),
  ),
  write: underNode((_ctx, g) => g.communityId, (t) => `${t}.community_id`, [GrantRole.COMMITTEE_ADMIN]),
});
