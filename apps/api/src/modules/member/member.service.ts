import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { findVisibleNode } from '../org/index.js';
import { can, condition, readable, reveal } from '../access/index.js';
import { maskPhone } from '../../graphql/mask.js';
import './member.policy.js';
import { MemberPositionEntity, PartyMemberEntity, PositionRole } from './member.entity.js';
import { LeaderState } from './member.types.js';

/** The position that leads each level of the chain. */
export const LEADER_ROLE: Record<OrgLevel, PositionRole> = {
  STREET: PositionRole.SECRETARY,
  COMMUNITY: PositionRole.SECRETARY,
  BRANCH: PositionRole.SECRETARY,
  BUILDING_GROUP: PositionRole.BUILDING_HEAD,
  MEMBER_HOUSEHOLD: PositionRole.HOUSEHOLD_HEAD,
};

/** Members are personal data: visible only to staff whose grants cover the member's org node (member.policy). */
export function canSeeMember(ctx: Context, member: PartyMemberEntity): Promise<boolean> {
  return can(ctx, 'read', 'PartyMember', member);
}

export function loadMember(ctx: Context, id: number): Promise<PartyMemberEntity | null> {
  return ctx.loaders
    .get<number, PartyMemberEntity | null>('member.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, PartyMemberEntity, await sql(ctx.em, `select * from party_member where id = any(?::int[])`, [[...ids]])), (m) => m.id))
    .load(id);
}

export async function findVisibleMember(ctx: Context, id: number): Promise<PartyMemberEntity | null> {
  const member = await loadMember(ctx, id);
  return member && (await canSeeMember(ctx, member)) ? member : null;
}

/** One page of live members directly in each org node (a branch's roll), batched. */
export function membersOf(ctx: Context, node: OrgNodeEntity, page: Page): Promise<PartyMemberEntity[]> {
  return ctx.loaders
    .get<number, PartyMemberEntity[]>(`member.byOrg:${page.offset}:${page.limit}`, async (nodeIds) => {
      const visible = condition(ctx, 'read', 'PartyMember', 'm');
      if (visible.sql === 'false') return nodeIds.map(() => []);
      const rows = await sql(ctx.em,
        `select * from (
           select m.*, row_number() over (partition by m.org_node_id order by m.id) - 1 as rn
           from party_member m where m.org_node_id = any(?::int[]) and m.archived_at is null and ${visible.sql}
         ) t where rn >= ? and rn <= ? order by org_node_id, rn`,
        [[...nodeIds], ...visible.params, page.offset, page.offset + page.limit]);
      return groupBy(nodeIds, fromRows(ctx.em, PartyMemberEntity, rows), (m) => m.orgNodeId);
    })
    .load(node.id);
}

export async function memberCountOf(ctx: Context, node: OrgNodeEntity): Promise<number> {
  return ctx.loaders
    .get<number, number>('member.countByOrg', async (nodeIds) => {
      const visible = condition(ctx, 'read', 'PartyMember', 'm');
      if (visible.sql === 'false') return nodeIds.map(() => 0);
      const rows = await sql<{ org_node_id: number; count: string }>(ctx.em,
        `select m.org_node_id, count(*) from party_member m where m.org_node_id = any(?::int[]) and m.archived_at is null and ${visible.sql} group by m.org_node_id`, [[...nodeIds], ...visible.params]);
      return byKey(nodeIds, rows, (r) => r.org_node_id).map((r) => Number(r?.count ?? 0));
    })
    .load(node.id);
}

/** Current positions held in each org node, batched. */
export function positionsInNode(ctx: Context, nodeId: number): Promise<MemberPositionEntity[]> {
  return ctx.loaders
    .get<number, MemberPositionEntity[]>('position.byOrg', async (nodeIds) => {
      const rows = fromRows(ctx.em, MemberPositionEntity, await sql(ctx.em, `select * from member_position where org_node_id = any(?::int[]) and until is null order by id`, [[...nodeIds]]));
      return groupBy(nodeIds, rows, (p) => p.orgNodeId);
    })
    .load(nodeId);
}

export function positionsOfMember(ctx: Context, memberId: number): Promise<MemberPositionEntity[]> {
  return ctx.loaders
    .get<number, MemberPositionEntity[]>('position.byMember', async (memberIds) => {
      const rows = fromRows(ctx.em, MemberPositionEntity, await sql(ctx.em, `select * from member_position where member_id = any(?::int[]) and until is null order by id`, [[...memberIds]]));
      return groupBy(memberIds, rows, (p) => p.memberId);
    })
    .load(memberId);
}

/** The member who leads the node (secretary, building head, household head), if visible to the caller. */
export async function leaderOf(ctx: Context, node: OrgNodeEntity): Promise<PartyMemberEntity | null> {
  const position = (await positionsInNode(ctx, node.id)).find((p) => p.role === LEADER_ROLE[node.level]);
  return position ? findVisibleMember(ctx, position.memberId) : null;
}

/** Whether the node's leading position is held, and whether the caller may see who holds it. */
export async function leaderStateOf(ctx: Context, node: OrgNodeEntity): Promise<LeaderState> {
  const position = (await positionsInNode(ctx, node.id)).find((p) => p.role === LEADER_ROLE[node.level]);
  if (!position) return LeaderState.NOT_SET;
  return (await findVisibleMember(ctx, position.memberId)) ? LeaderState.SET : LeaderState.HIDDEN;
}

/** The member's phone: masked, or in clear on request when the policy allows (FORBIDDEN otherwise). */
export async function memberPhone(ctx: Context, member: PartyMemberEntity, inClear: boolean): Promise<string | null> {
  if (!inClear) return maskPhone(member.phone);
  return reveal(ctx, 'PartyMember', member, 'phone');
}

/** A position by id, seen with its holder (node(id)). */
export async function findVisiblePosition(ctx: Context, id: number): Promise<MemberPositionEntity | null> {
  const position = await ctx.loaders
    .get<number, MemberPositionEntity | null>('position.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, MemberPositionEntity, await sql(ctx.em, `select * from member_position where id = any(?::int[])`, [[...ids]])), (p) => p.id))
    .load(id);
  return readable(ctx, 'MemberPosition', position);
}

export async function memberOrgNode(ctx: Context, member: PartyMemberEntity): Promise<OrgNodeEntity | null> {
  return findVisibleNode(ctx, member.orgNodeId);
}
