/**
 * Access policies of Party members and their positions. Members are personal data: staff whose grants cover
 * the member's org node read them; roles that need contact details (committee admin, branch secretary, grid
 * worker) may see the phone in clear. Nobody else, partners included, reads members.
 */
import { anyOf, condition, definePolicy, rule, WRITE_ROLES } from '../access/index.js';
import { PERSONAL_DATA_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { MemberPositionEntity, MemberTransferEntity, PartyMemberEntity } from './member.entity.js';
import { loadMember } from './member.service.js';
import { can } from '../access/index.js';

definePolicy<PartyMemberEntity>({
  type: 'PartyMember',
  table: 'party_member',
  entity: PartyMemberEntity,
  read: underNode((_ctx, m) => m.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, m) => m.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
  reveal: underNode((_ctx, m) => m.orgNodeId, (t) => `${t}.org_node_id`, PERSONAL_DATA_ROLES),
});

// a transfer is seen by staff over either side; the receiving side decides (for a transfer out of the
// platform, the sending side records the outcome)
definePolicy<MemberTransferEntity>({
  type: 'MemberTransfer',
  table: 'member_transfer',
  entity: MemberTransferEntity,
  read: anyOf(
    underNode((_ctx, t) => t.fromOrgNodeId, (t) => `${t}.from_org_node_id`),
    underNode((_ctx, t) => t.toOrgNodeId, (t) => `${t}.to_org_node_id`),
  ),
  write: underNode(
    (_ctx, t) => t.decidingNodeId,
    (t) => `(case when ${t}.kind = 'OUT' then ${t}.from_org_node_id else ${t}.to_org_node_id end)`,
    WRITE_ROLES,
  ),
});

// a position is seen with its holder
definePolicy<MemberPositionEntity>({
  type: 'MemberPosition',
  table: 'member_position',
  entity: MemberPositionEntity,
  read: rule(
    async (ctx, p) => {
      const member = await loadMember(ctx, p.memberId);
      return member != null && (await can(ctx, 'read', 'PartyMember', member));
    },
    (ctx, t) => {
      const member = condition(ctx, 'read', 'PartyMember', 'pm');
      return member.sql === 'false' ? member : { sql: `exists (select 1 from party_member pm where pm.id = ${t}.member_id and ${member.sql})`, params: member.params };
    },
  ),
});
