/**
 * Access policy of resident demands (诉求).
 *
 * - read: staff whose grants cover the demand's org node, or the branch it is assigned to. Escalation widens
 *   nothing by itself because grants cover whole subtrees: the community committee's staff (level 1) and the
 *   street's staff (level 2) already cover every demand of the community; escalation puts the demand on their
 *   board (filter `escalated`) and in their timeline.
 * - write: the same, through roles that do the work: committee admin, branch secretary and grid worker (the
 *   grid worker takes demands in on patrol). Viewers only read.
 * - reveal (resident name and phone in clear): roles that need contact details, over the demand's org node or
 *   the branch it is assigned to (whoever works on it calls the resident back).
 * - the account a demand is assigned to reads it, with or without a grant: a volunteer (or member serving as one)
 *   with a sign-in, to whom a service order (modules/service) was dispatched, sees the orders they take.
 * - partners: a unit's token with `demands:read` reads the demands of its community assigned to its unit;
 *   with `demands:write` it comments and takes the steps the transition table marks `partner`. Partners never
 *   reveal: the service gives them no resident name or phone, masked or not.
 */
import { anyOf, definePolicy, NEVER, PERSONAL_DATA_ROLES, rule } from '../access/index.js';
import { underNode } from '../org/index.js';
import { DemandEntity } from './demand.entity.js';

/** Roles that work on demands (take in, assign, resolve). */
export const DEMAND_WORK_ROLES = PERSONAL_DATA_ROLES;

definePolicy<DemandEntity>({
  type: 'Demand',
  table: 'demand',
  entity: DemandEntity,
  read: anyOf(
    underNode((_ctx, d) => d.orgNodeId, (t) => `${t}.org_node_id`),
    underNode((_ctx, d) => d.assignedBranchId, (t) => `${t}.assigned_branch_id`),
    rule<DemandEntity>(
      (ctx, d) => ctx.access.principal.kind === 'staff' && d.assignedAccountId != null && d.assignedAccountId === ctx.access.principal.accountId,
      (ctx, t) => (ctx.access.principal.kind === 'staff' ? { sql: `${t}.assigned_account_id = ?`, params: [ctx.access.principal.accountId] } : NEVER),
    ),
  ),
  write: anyOf(
    underNode((_ctx, d) => d.orgNodeId, (t) => `${t}.org_node_id`, DEMAND_WORK_ROLES),
    underNode((_ctx, d) => d.assignedBranchId, (t) => `${t}.assigned_branch_id`, DEMAND_WORK_ROLES),
  ),
  reveal: anyOf(
    underNode((_ctx, d) => d.orgNodeId, (t) => `${t}.org_node_id`, PERSONAL_DATA_ROLES),
    underNode((_ctx, d) => d.assignedBranchId, (t) => `${t}.assigned_branch_id`, PERSONAL_DATA_ROLES),
  ),
  unit: {
    unitIdsOf: (_ctx, d) => (d.assignedUnitId == null ? [] : [d.assignedUnitId]),
    communityIdsOf: (_ctx, d) => [d.communityId],
    unitSql: (t) => `${t}.assigned_unit_id = ?`,
    communitySql: (t) => `${t}.community_id = ?`,
    scopes: { read: 'demands:read', write: 'demands:write' },
  },
});
