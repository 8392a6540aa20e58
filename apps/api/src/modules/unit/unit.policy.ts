/**
 * Access policies of co-building units and what concerns them.
 *
 * - Agreement, CommitteeSeat, CrossAppointment, PropertyEvaluation, DoubleReportMember: each row belongs to one
 *   unit and one community. Staff whose grants cover the community read it and, with a writing role, change
 *   it; a partner token of the row's unit issued by the row's community reads it (unit:read).
 * - CoBuildingUnit: name, kind and communities are public. Its contact phone is shown in clear to staff whose
 *   role needs personal data in one of the unit's communities, and to the unit's own tokens (unit:read).
 * - PartnerToken: only committee admins of the community that issued it see and manage it.
 */
import type { Context } from '../../graphql/context.js';
import { definePolicy, everyone, inSubtree, rule } from '../access/index.js';
import { GrantRole, PERSONAL_DATA_ROLES, WRITE_ROLES } from '../access/index.js';
import { loadNode } from '../org/index.js';
import { underNode } from '../org/index.js';
import {
  AgreementEntity, CoBuildingUnitEntity, CommitteeSeatEntity, CrossAppointmentEntity, DoubleReportEntity, PartnerTokenEntity, PropertyEvaluationEntity,
} from './unit.entity.js';
import { communityIdsOf } from './unit.service.js';

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

definePolicy<CoBuildingUnitEntity>({
  type: 'CoBuildingUnit',
  table: 'co_building_unit',
  entity: CoBuildingUnitEntity,
  read: everyone(),
  reveal: rule(
    (ctx, unit) => staffInUnitCommunity(ctx, unit, PERSONAL_DATA_ROLES),
    (ctx, t) => {
      const scope = inSubtree(ctx.access, 'rc.path', PERSONAL_DATA_ROLES);
      if (scope.sql === 'false') return scope;
      return { sql: `exists (select 1 from unit_community ruc join org_node rc on rc.id = ruc.community_id where ruc.unit_id = ${t}.id and rc.archived_at is null and ${scope.sql})`, params: scope.params };
    },
  ),
  // the unit itself: its contact details are "its own" for its partner tokens, issued by a community it works with
  unit: {
    unitIdsOf: (_ctx, unit) => [unit.id],
    communityIdsOf: (ctx, unit) => communityIdsOf(ctx, unit.id),
    unitSql: (t) => `${t}.id = ?`,
    communitySql: (t) => `exists (select 1 from unit_community uc where uc.unit_id = ${t}.id and uc.community_id = ?)`,
    scopes: { read: 'unit:read', reveal: 'unit:read' },
  },
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
