/**
 * Access policies of co-building units and what concerns them.
 *
 * - Agreement, CommitteeSeat, CrossAppointment, PropertyEvaluation, DoubleReportMember: each row belongs to one
 *   unit and one community. Staff whose grants cover the community read it and, with a writing role, change
 *   it; a partner token of the row's unit issued by the row's community reads it (unit:read).
 * - CoBuildingUnit: name, kind and communities are public. Staff with a writing role in one of the unit's live
 *   communities change its profile. Its contact phone is shown in clear to staff whose role needs personal data
 *   in one of the unit's communities, and to the unit's own tokens (unit:read).
 * - CoBuildingUnitContact: the unit's contact person, seen in full (and its phone at all) by staff of any role in
 *   one of the unit's live communities and by the unit's own tokens (unit:read); masked or absent for the rest.
 *   The same rule picks "the units of the caller's communities" in the unit directory.
 * - PartnerToken: only committee admins of the community that issued it see and manage it; `managesTokensOf`
 *   and `tokenCommunitiesOf` ask the same rule before a token exists (issuing, listing a unit's tokens).
 */
import type { Context } from '../../graphql/context.js';
import { can, definePolicy, everyone, inSubtree, rule, type Rule, type UnitRelation } from '../access/index.js';
import { GrantRole, PERSONAL_DATA_ROLES, WRITE_ROLES } from '../access/index.js';
import { loadNode, type OrgNodeEntity } from '../org/index.js';
import { underNode } from '../org/index.js';
import {
  AgreementEntity, CoBuildingUnitEntity, CommitteeSeatEntity, CrossAppointmentEntity, DoubleReportEntity, PartnerTokenEntity, PropertyEvaluationEntity,
} from './unit.entity.js';
import { communitiesOf, communityIdsOf } from './unit.service.js';

/** Every row of these types belongs to one unit and one community. */
export const UNIT_ROW_TYPES = ['Agreement', 'CommitteeSeat', 'CrossAppointment', 'PropertyEvaluation', 'DoubleReportMember'] as const;
export type UnitRowType = (typeof UNIT_ROW_TYPES)[number];
export interface UnitRow { id: number; unitId: number; communityId: number }

const UNIT_ROW_TABLES: Record<UnitRowType, { table: string; entity: abstract new (...args: never[]) => UnitRow }> = {
  Agreement: { table: 'agreement', entity: AgreementEntity },
  CommitteeSeat: { table: 'committee_seat', entity: CommitteeSeatEntity },
  CrossAppointment: { table: 'cross_appointment', entity: CrossAppointmentEntity },
  PropertyEvaluation: { table: 'property_evaluation', entity: PropertyEvaluationEntity },
  DoubleReportMember: { table: 'double_report', entity: DoubleReportEntity },
};

for (const type of UNIT_ROW_TYPES) {
  definePolicy<UnitRow>({
    type,
    ...UNIT_ROW_TABLES[type],
    read: underNode((_ctx, row) => row.communityId, (t) => `${t}.community_id`),
    write: underNode((_ctx, row) => row.communityId, (t) => `${t}.community_id`, WRITE_ROLES),
    unit: {
      unitIdsOf: (_ctx, row) => [row.unitId],
      communityIdsOf: (_ctx, row) => [row.communityId],
      unitSql: (t) => `${t}.unit_id = ?`,
      communitySql: (t) => `${t}.community_id = ?`,
      scopes: { read: 'unit:read' },
    },
  });
}

/** Does one of the caller's grants (of `roles`) cover one of the unit's live communities? */
async function staffInUnitCommunity(ctx: Context, unit: CoBuildingUnitEntity, roles?: GrantRole[]): Promise<boolean> {
  if (!ctx.access.isStaff) return false;
  const communities = await Promise.all((await communityIdsOf(ctx, unit.id)).map((id) => loadNode(ctx, id)));
  return communities.some((c) => c != null && !c.archived && ctx.access.grantsCovering(c.path, roles).length > 0);
}

/** Staff whose grants (of `roles`) cover one of the unit's live communities, in JS and in SQL. */
function staffOfUnitCommunities(roles?: GrantRole[]): Rule<CoBuildingUnitEntity> {
  return rule(
    (ctx, unit) => staffInUnitCommunity(ctx, unit, roles),
    (ctx, t) => {
      const scope = inSubtree(ctx.access, 'rc.path', roles);
      if (scope.sql === 'false') return scope;
      return { sql: `exists (select 1 from unit_community ruc join org_node rc on rc.id = ruc.community_id where ruc.unit_id = ${t}.id and rc.archived_at is null and ${scope.sql})`, params: scope.params };
    },
  );
}

/** The unit itself: its details are "its own" for its partner tokens, issued by a community it works with. */
const ownUnit: Omit<UnitRelation<CoBuildingUnitEntity>, 'scopes'> = {
  unitIdsOf: (_ctx, unit) => [unit.id],
  communityIdsOf: (ctx, unit) => communityIdsOf(ctx, unit.id),
  unitSql: (t) => `${t}.id = ?`,
  communitySql: (t) => `exists (select 1 from unit_community uc where uc.unit_id = ${t}.id and uc.community_id = ?)`,
};

definePolicy<CoBuildingUnitEntity>({
  type: 'CoBuildingUnit',
  table: 'co_building_unit',
  entity: CoBuildingUnitEntity,
  read: everyone(),
  write: staffOfUnitCommunities(WRITE_ROLES),
  reveal: staffOfUnitCommunities(PERSONAL_DATA_ROLES),
  unit: { ...ownUnit, scopes: { read: 'unit:read', reveal: 'unit:read' } },
});

definePolicy<CoBuildingUnitEntity>({
  type: 'CoBuildingUnitContact',
  table: 'co_building_unit',
  entity: CoBuildingUnitEntity,
  read: staffOfUnitCommunities(),
  unit: { ...ownUnit, scopes: { read: 'unit:read' } },
});

/** Committee admins over the community that issued the token. */
const administersIssuer = underNode<PartnerTokenEntity>((_ctx, token) => token.communityId, (t) => `${t}.community_id`, [GrantRole.COMMITTEE_ADMIN]);

definePolicy<PartnerTokenEntity>({
  type: 'PartnerToken',
  table: 'partner_token',
  entity: PartnerTokenEntity,
  read: administersIssuer,
  write: administersIssuer,
});

/** May the caller manage (issue, list, rotate, revoke) the partner tokens issued by this community? */
export function managesTokensOf(ctx: Context, communityId: number): Promise<boolean> {
  return can(ctx, 'write', 'PartnerToken', { communityId } as PartnerTokenEntity);
}

/** The unit's live communities (earliest first) whose tokens for the unit the caller manages. */
export async function tokenCommunitiesOf(ctx: Context, unitId: number): Promise<OrgNodeEntity[]> {
  if (!ctx.access.isStaff) return [];
  const communities = await communitiesOf(ctx, unitId);
  const managed = await Promise.all(communities.map((c) => managesTokensOf(ctx, c.id)));
  return communities.filter((_, i) => managed[i]);
}
