import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { idOf, toGlobalId, type Page } from '../../graphql/relay.js';
import { fail, forbidden, userError, UserErrorCode, UserFacingError } from '../../graphql/errors.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { loadNode, ORG_TYPE_NAMES, OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { findVisibleNode } from '../org/index.js';
import { assertCan, can, condition, readable, reveal } from '../access/index.js';
import { lookupHash, maskPhone, normalizePhone, seal } from '../privacy/index.js';
import './member.policy.js';
import { MemberPositionEntity, MemberStatus, MemberTransferEntity, PartyMemberEntity, PositionRole, TransferKind, TransferState } from './member.entity.js';
import { checkProfile, issueMessage, memberPatchSchema, memberProfileSchema, type MemberProfile } from './member.schema.js';
import {
  BranchWarningCode, type BranchWarning, type BranchWarningReason, type MemberCreateInput, type MemberFilter, type MemberPositionAssignInput,
  type MemberPositionEndInput, type MemberTransferDecideInput, type MemberTransferTarget, type MemberTransferFilter, type MemberTransferRequestInput, type MemberUpdateInput,
} from './member.types.js';
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

// ---- profile: computed fields --------------------------------------------------------------------------

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February in a year without one becomes 1 March, as a calendar would have it
  return next.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole years between two dates. */
function yearsBetween(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return Math.max(0, years);
}

/** 党龄: whole years since the member became full (转正), or since a year after joining when that date is unknown; null while probationary. */
export function partyYears(m: PartyMemberEntity, today = todayInChina()): number | null {
  if (m.status !== MemberStatus.FULL) return null;
  const from = m.fullOn ?? (m.joinedOn ? addYears(m.joinedOn, 1) : null);
  return from == null ? null : yearsBetween(from, today);
}

/** The day a probationary member's year of probation ends (预备期满). */
export function probationEndsOn(m: PartyMemberEntity): string | null {
  return m.status === MemberStatus.PROBATIONARY && m.joinedOn ? addYears(m.joinedOn, 1) : null;
}

export const PROBATION_SOON_DAYS = 30;

export function probationEndingSoon(m: PartyMemberEntity, today = todayInChina()): boolean {
  const ends = probationEndsOn(m);
  return ends != null && ends <= addDays(today, PROBATION_SOON_DAYS);
}

/** The political birthday (政治生日) is the day the member joined the Party. */
export function politicalBirthdayThisMonth(m: PartyMemberEntity, today = todayInChina()): boolean {
  return m.joinedOn != null && m.joinedOn.slice(5, 7) === today.slice(5, 7);
}

// ---- lists ---------------------------------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;

/** The `where` of a member list: the caller's read scope and the filter. Null when nothing can match. */
async function memberWhere(ctx: Context, filter: MemberFilter | null | undefined): Promise<{ sql: string; params: unknown[] } | null> {
  const visible = condition(ctx, 'read', 'PartyMember', 'm');
  if (visible.sql === 'false') return null;
  const parts = ['m.archived_at is null', visible.sql];
  const params: unknown[] = [...visible.params];
  const f = filter ?? {};
  if (f.orgNodeId) {
    const id = idOf(f.orgNodeId, ...ORG_TYPE_NAMES);
    const node = id == null ? null : await findVisibleNode(ctx, id);
    if (!node) return null;
    parts.push(`exists (select 1 from org_node fo where fo.id = m.org_node_id and starts_with(fo.path, ?))`);
    params.push(node.path);
  }
  const q = f.query?.trim();
  if (q) {
    if ([...q].length > 50) fail(UserErrorCode.INVALID_INPUT, '搜索词最多 50 个字', ['filter', 'query']);
    const digits = normalizePhone(q);
    if (MOBILE.test(digits) && /^[\d\s+()-]+$/.test(q)) {
      parts.push(`m.phone_hash = decode(?, 'hex')`);
      params.push(lookupHash('phone', digits).toString('hex'));
    } else {
      parts.push(`m.name like ? escape '\\'`);
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
  }
  if (f.status) { parts.push('m.status = ?'); params.push(f.status); }
  if (f.gender) { parts.push('m.gender = ?'); params.push(f.gender); }
  if (f.education) { parts.push('m.education = ?'); params.push(f.education); }
  if (f.mobile != null) parts.push(f.mobile ? 'm.mobile_location is not null' : 'm.mobile_location is null');
  if (f.doubleReport != null) parts.push(f.doubleReport ? 'm.double_report_unit_id is not null' : 'm.double_report_unit_id is null');
  const today = todayInChina();
  if (f.politicalBirthdayThisMonth) { parts.push(`extract(month from m.joined_on) = ?`); params.push(Number(today.slice(5, 7))); }
  if (f.probationEndingSoon) {
    parts.push(`m.status = 'PROBATIONARY' and m.joined_on is not null and (m.joined_on + interval '1 year')::date <= ?::date`);
    params.push(addDays(today, PROBATION_SOON_DAYS));
  }
  if (f.position) {
    parts.push(`exists (select 1 from member_position fp where fp.member_id = m.id and fp.until is null and fp.role = ?)`);
    params.push(f.position);
  }
  return { sql: parts.join(' and '), params };
}

/** One page of the members the caller may read, by branch then name. */
export async function listMembers(ctx: Context, filter: MemberFilter | null | undefined, page: Page): Promise<PartyMemberEntity[]> {
  const where = await memberWhere(ctx, filter);
  if (!where) return [];
  const rows = await sql(ctx.em, `select m.* from party_member m where ${where.sql} order by m.org_node_id, m.name, m.id limit ? offset ?`,
    [...where.params, page.limit + 1, page.offset]);
  return fromRows(ctx.em, PartyMemberEntity, rows);
}

export async function countMembers(ctx: Context, filter: MemberFilter | null | undefined): Promise<number> {
  const where = await memberWhere(ctx, filter);
  if (!where) return 0;
  const [row] = await sql<{ count: string }>(ctx.em, `select count(*) from party_member m where ${where.sql}`, where.params);
  return Number(row.count);
}

/** Every member the caller may read for a filter, in batches (the export). */
export async function* allMembers(ctx: Context, filter: MemberFilter | null | undefined, batch = 1000, max = 50_000): AsyncGenerator<PartyMemberEntity[]> {
  const where = await memberWhere(ctx, filter);
  if (!where) return;
  let lastKey: [number, string, number] | null = null;
  for (let seen = 0; seen < max;) {
    const after: string = lastKey ? ' and (m.org_node_id, m.name, m.id) > (?, ?, ?)' : '';
    const rows: Record<string, unknown>[] = await sql(ctx.em, `select m.* from party_member m where ${where.sql}${after} order by m.org_node_id, m.name, m.id limit ?`,
      [...where.params, ...(lastKey ?? []), Math.min(batch, max - seen)]);
    if (rows.length === 0) return;
    const members: PartyMemberEntity[] = fromRows(ctx.em, PartyMemberEntity, rows);
    yield members;
    seen += members.length;
    const last: PartyMemberEntity = members[members.length - 1];
    lastKey = [last.orgNodeId, last.name, last.id];
    if (rows.length < batch) return;
  }
}

/** Positions a member held and holds, newest first, batched. */
export function positionHistoryOf(ctx: Context, memberId: number): Promise<MemberPositionEntity[]> {
  return ctx.loaders
    .get<number, MemberPositionEntity[]>('position.historyByMember', async (memberIds) => {
      const rows = fromRows(ctx.em, MemberPositionEntity, await sql(ctx.em,
        `select * from (select p.*, row_number() over (partition by p.member_id order by p.until desc nulls first, p.since desc nulls last, p.id desc) as rn
           from member_position p where p.member_id = any(?::int[])) t where rn <= ? order by member_id, rn`, [[...memberIds], HISTORY_LIMIT]));
      return groupBy(memberIds, rows, (p) => p.memberId);
    })
    .load(memberId);
}

export const HISTORY_LIMIT = 50;

// ---- validation shared with the import -------------------------------------------------------------------

/** Zod's issues as userErrors on ['input', field]. */
function zodFail(error: z.ZodError, prefix: string[]): never {
  throw new UserFacingError(error.issues.map((issue) => userError(UserErrorCode.INVALID_INPUT, issueMessage(issue), [...prefix, String(issue.path[0] ?? '')])));
}

/** Only the fields given (GraphQL null means "not given"). */
function given<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

export function parseProfile(input: object, prefix: string[]): MemberProfile {
  const parsed = memberProfileSchema.safeParse(given(input));
  if (!parsed.success) zodFail(parsed.error, prefix);
  return parsed.data;
}

/** The org node a member goes on: a live branch or community committee the caller may change members of. */
async function rosterNode(ctx: Context, globalId: string, field: string[]): Promise<OrgNodeEntity> {
  const id = idOf(globalId, ...ORG_TYPE_NAMES);
  const node = id == null ? null : await findVisibleNode(ctx, id);
  if (!node || (node.level !== OrgLevel.BRANCH && node.level !== OrgLevel.COMMUNITY)) fail(UserErrorCode.NOT_FOUND, '找不到该支部', field);
  if (node.archived) fail(UserErrorCode.ARCHIVED, '该支部已撤销', field);
  if (!(await can(ctx, 'write', 'PartyMember', { orgNodeId: node.id } as PartyMemberEntity))) throw forbidden('无权管理该支部的党员');
  return node;
}

async function doubleReportUnit(ctx: Context, em: EntityManager, globalId: string, communityId: number | null, field: string[]): Promise<number> {
  const id = idOf(globalId, 'CoBuildingUnit');
  const [row] = id == null ? [] : await sql(em, `select 1 from unit_community where unit_id = ? and community_id = ?`, [id, communityId]);
  if (!row) fail(UserErrorCode.NOT_FOUND, '找不到与本社区共建的该单位', field);
  return id!;
}

async function assertPhoneFree(em: EntityManager, hash: Buffer | null, communityId: number | null, exceptId: number | null, field: string[]): Promise<void> {
  if (!hash) return;
  const [row] = await sql(em, `select 1 from party_member where phone_hash = decode(?, 'hex') and community_id is not distinct from ? and archived_at is null and id <> ?`,
    [hash.toString('hex'), communityId, exceptId ?? 0]);
  if (row) fail(UserErrorCode.DUPLICATE, '该手机号已登记为本社区的党员', field);
}

const phoneColumns = (phone: string | null | undefined) => ({ sealed: seal(phone ?? null), hash: phone ? lookupHash('phone', normalizePhone(phone)) : null });

/** Insert one member row (inside a transaction). */
async function insertMember(em: EntityManager, node: OrgNodeEntity, p: MemberProfile, extra: { doubleReportUnitId?: number | null } = {}): Promise<PartyMemberEntity> {
  const phone = phoneColumns(p.phone);
  const [row] = await sql(em,
    `insert into party_member (community_id, org_node_id, name, gender, joined_on, status, full_on, birth_date, ethnicity, education,
       phone_sealed, phone_hash, work_unit, double_report_unit_id, mobile_location, mobile_until)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
    [node.communityId, node.id, p.name, p.gender, p.joinedOn ?? null, p.status, p.status === 'FULL' ? (p.fullOn ?? null) : null, p.birthDate ?? null,
      p.ethnicity ?? null, p.education ?? null, phone.sealed, phone.hash, p.workUnit ?? null, extra.doubleReportUnitId ?? null, p.mobileLocation ?? null, p.mobileUntil ?? null]);
  return fromRows(em, PartyMemberEntity, [row])[0];
}

// ---- member mutations -----------------------------------------------------------------------------------

export async function createMember(ctx: Context, input: MemberCreateInput): Promise<PartyMemberEntity> {
  const profile = parseProfile(input, ['input']);
  const node = await rosterNode(ctx, input.branchId, ['input', 'branchId']);
  const member = await ctx.em.transactional(async (em) => {
    const unitId = input.doubleReportUnitId ? await doubleReportUnit(ctx, em, input.doubleReportUnitId, node.communityId, ['input', 'doubleReportUnitId']) : null;
    await assertPhoneFree(em, phoneColumns(profile.phone).hash, node.communityId, null, ['input', 'phone']);
    return insertMember(em, node, profile, { doubleReportUnitId: unitId });
  });
  ctx.loaders.clearAll();
  return member;
}

async function memberForWrite(ctx: Context, globalId: string, field: string[]): Promise<PartyMemberEntity> {
  const id = idOf(globalId, 'PartyMember');
  const member = id == null ? null : await findVisibleMember(ctx, id);
  if (!member || member.archivedAt) fail(UserErrorCode.NOT_FOUND, '找不到该党员', field);
  await assertCan(ctx, 'write', 'PartyMember', member, '无权修改该党员的信息');
  return member;
}

export async function updateMember(ctx: Context, input: MemberUpdateInput): Promise<PartyMemberEntity> {
  const before = await memberForWrite(ctx, input.id, ['input', 'id']);
  const { id: _id, doubleReportUnitId, ...fields } = input;
  const patch = memberPatchSchema.safeParse(given(fields));
  if (!patch.success) zodFail(patch.error, ['input']);
  const changes = patch.data;
  const updated = await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from party_member where id = ? for update`, [before.id]);
    const current = fromRows(em, PartyMemberEntity, [row])[0];
    if (current.archivedAt) fail(UserErrorCode.NOT_FOUND, '找不到该党员', ['input', 'id']);
    if (changes.status === MemberStatus.PROBATIONARY && current.status === MemberStatus.FULL) {
      fail(UserErrorCode.INVALID_TRANSITION, '正式党员不能改回预备党员', ['input', 'status']);
    }
    const status = changes.status ?? current.status;
    let fullOn = changes.fullOn !== undefined ? changes.fullOn : current.fullOn;
    if (status === MemberStatus.FULL && current.status === MemberStatus.PROBATIONARY && fullOn == null) fullOn = todayInChina();
    const merged = {
      name: changes.name ?? current.name, gender: changes.gender ?? current.gender, status, fullOn,
      joinedOn: changes.joinedOn !== undefined ? changes.joinedOn : current.joinedOn,
      birthDate: changes.birthDate !== undefined ? changes.birthDate : current.birthDate,
      ethnicity: changes.ethnicity !== undefined ? changes.ethnicity : current.ethnicity,
      education: changes.education !== undefined ? changes.education : current.education,
      workUnit: changes.workUnit !== undefined ? changes.workUnit : current.workUnit,
      mobileLocation: changes.mobileLocation !== undefined ? changes.mobileLocation : current.mobileLocation,
      mobileUntil: changes.mobileLocation === null ? null : changes.mobileUntil !== undefined ? changes.mobileUntil : current.mobileUntil,
    };
    const cross = z.object({}).passthrough().superRefine((v, c) => checkProfile(v as never, c)).safeParse(merged);
    if (!cross.success) zodFail(cross.error, ['input']);
    let phone = { sealed: current.phoneSealed, hash: current.phoneHash };
    if (changes.phone !== undefined) {
      phone = phoneColumns(changes.phone);
      await assertPhoneFree(em, phone.hash, current.communityId, current.id, ['input', 'phone']);
    }
    let unitId = current.doubleReportUnitId;
    if (doubleReportUnitId != null) {
      unitId = doubleReportUnitId.trim() === '' ? null : await doubleReportUnit(ctx, em, doubleReportUnitId, current.communityId, ['input', 'doubleReportUnitId']);
    }
    const [saved] = await sql(em,
      `update party_member set name = ?, gender = ?, status = ?, full_on = ?, joined_on = ?, birth_date = ?, ethnicity = ?, education = ?, work_unit = ?,
         mobile_location = ?, mobile_until = ?, phone_sealed = ?, phone_hash = ?, double_report_unit_id = ?, version = version + 1, updated_at = now()
       where id = ? returning *`,
      [merged.name, merged.gender, merged.status, merged.status === MemberStatus.FULL ? merged.fullOn : null, merged.joinedOn, merged.birthDate, merged.ethnicity,
        merged.education, merged.workUnit, merged.mobileLocation, merged.mobileUntil, phone.sealed, phone.hash, unitId, current.id]);
    return fromRows(em, PartyMemberEntity, [saved])[0];
  });
  ctx.loaders.clearAll();
  return updated;
}

// ---- positions -----------------------------------------------------------------------------------------

const ROLE_LEVELS: Record<PositionRole, OrgLevel[]> = {
  SECRETARY: [OrgLevel.COMMUNITY, OrgLevel.BRANCH],
  DEPUTY_SECRETARY: [OrgLevel.COMMUNITY, OrgLevel.BRANCH],
  COMMITTEE_MEMBER: [OrgLevel.COMMUNITY, OrgLevel.BRANCH],
  BUILDING_HEAD: [OrgLevel.BUILDING_GROUP],
  HOUSEHOLD_HEAD: [OrgLevel.MEMBER_HOUSEHOLD],
};
/** Positions one person at a time holds in a node. */
const SINGLE_HOLDER = new Set<PositionRole>([PositionRole.SECRETARY, PositionRole.BUILDING_HEAD, PositionRole.HOUSEHOLD_HEAD]);

function optionalDate(value: string | null | undefined, field: string[], label: string): string {
  if (value == null || value.trim() === '') return todayInChina();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) || Number.isNaN(Date.parse(`${value.trim()}T00:00:00Z`))) fail(UserErrorCode.INVALID_INPUT, `${label}应为有效日期 YYYY-MM-DD`, field);
  return value.trim();
}

export async function assignPosition(ctx: Context, input: MemberPositionAssignInput): Promise<MemberPositionEntity> {
  const member = await memberForWrite(ctx, input.memberId, ['input', 'memberId']);
  const nodeId = idOf(input.orgNodeId, ...ORG_TYPE_NAMES);
  const node = nodeId == null ? null : await findVisibleNode(ctx, nodeId);
  const home = await loadNode(ctx, member.orgNodeId);
  if (!node || !home || !node.path.startsWith(home.path)) fail(UserErrorCode.NOT_FOUND, '只能在党员所在支部及其下属党小组、中心户任职', ['input', 'orgNodeId']);
  if (node.archived) fail(UserErrorCode.ARCHIVED, '该组织已撤销', ['input', 'orgNodeId']);
  if (!ROLE_LEVELS[input.role].includes(node.level)) fail(UserErrorCode.INVALID_INPUT, '该职务不能设在这一级组织', ['input', 'role']);
  const since = optionalDate(input.since, ['input', 'since'], '任职日期');
  const position = await ctx.em.transactional(async (em) => {
    // one writer per node at a time: a second secretary cannot slip in beside the first
    await sql(em, `select id from org_node where id = ? for update`, [node.id]);
    const live = await sql<{ member_id: number; role: string }>(em, `select member_id, role from member_position where org_node_id = ? and until is null`, [node.id]);
    if (live.some((p) => p.member_id === member.id && p.role === input.role)) fail(UserErrorCode.DUPLICATE, '该党员已担任此职务', ['input', 'role']);
    if (SINGLE_HOLDER.has(input.role) && live.some((p) => p.role === input.role)) {
      fail(UserErrorCode.CONFLICT, `该组织已有${POSITION_LABEL[input.role]}，请先结束现任的职务`, ['input', 'role']);
    }
    const [row] = await sql(em, `insert into member_position (community_id, member_id, org_node_id, role, since) values (?, ?, ?, ?, ?) returning *`,
      [node.communityId, member.id, node.id, input.role, since]);
    return fromRows(em, MemberPositionEntity, [row])[0];
  });
  ctx.loaders.clearAll();
  return position;
}

const POSITION_LABEL: Record<PositionRole, string> = { SECRETARY: '书记', DEPUTY_SECRETARY: '副书记', COMMITTEE_MEMBER: '委员', BUILDING_HEAD: '党员楼栋长', HOUSEHOLD_HEAD: '党员中心户户主' };

export async function endPosition(ctx: Context, input: MemberPositionEndInput): Promise<MemberPositionEntity> {
  const id = idOf(input.positionId, 'MemberPosition');
  const position = id == null ? null : await findVisiblePosition(ctx, id);
  if (!position) fail(UserErrorCode.NOT_FOUND, '找不到该职务', ['input', 'positionId']);
  const member = await loadMember(ctx, position.memberId);
  await assertCan(ctx, 'write', 'PartyMember', member, '无权修改该党员的职务');
  const until = optionalDate(input.until, ['input', 'until'], '离任日期');
  if (position.since && until < position.since) fail(UserErrorCode.INVALID_INPUT, '离任日期不能早于任职日期', ['input', 'until']);
  const ended = await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `update member_position set until = ? where id = ? and until is null returning *`, [until, position.id]);
    if (!row) fail(UserErrorCode.INVALID_STATE, '该职务已经结束', ['input', 'positionId']);
    return fromRows(em, MemberPositionEntity, [row])[0];
  });
  ctx.loaders.clearAll();
  return ended;
}

// ---- transfers (组织关系转接) ------------------------------------------------------------------------------

export function loadTransfer(ctx: Context, id: number): Promise<MemberTransferEntity | null> {
  return ctx.loaders
    .get<number, MemberTransferEntity | null>('transfer.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, MemberTransferEntity, await sql(ctx.em, `select * from member_transfer where id = any(?::int[])`, [[...ids]])), (t) => t.id))
    .load(id);
}

export async function findVisibleTransfer(ctx: Context, id: number): Promise<MemberTransferEntity | null> {
  return readable(ctx, 'MemberTransfer', await loadTransfer(ctx, id));
}

/** A member's transfers, newest first, that the caller may read; batched. */
export function transfersOfMember(ctx: Context, memberId: number): Promise<MemberTransferEntity[]> {
  return ctx.loaders
    .get<number, MemberTransferEntity[]>('transfer.byMember', async (memberIds) => {
      const visible = condition(ctx, 'read', 'MemberTransfer', 't');
      if (visible.sql === 'false') return memberIds.map(() => []);
      const rows = fromRows(ctx.em, MemberTransferEntity, await sql(ctx.em,
        `select * from (select t.*, row_number() over (partition by t.member_id order by t.requested_at desc, t.id desc) as rn
           from member_transfer t where t.member_id = any(?::int[]) and ${visible.sql}) x where rn <= ? order by member_id, rn`,
        [[...memberIds], ...visible.params, HISTORY_LIMIT]));
      return groupBy(memberIds, rows, (t) => t.memberId!);
    })
    .load(memberId);
}

async function transferWhere(ctx: Context, filter: MemberTransferFilter | null | undefined): Promise<{ sql: string; params: unknown[] } | null> {
  const visible = condition(ctx, 'read', 'MemberTransfer', 't');
  if (visible.sql === 'false') return null;
  const parts = [visible.sql];
  const params = [...visible.params];
  if (filter?.state) { parts.push('t.state = ?'); params.push(filter.state); }
  if (filter?.awaitingMe) {
    const mine = condition(ctx, 'write', 'MemberTransfer', 't');
    if (mine.sql === 'false') return null;
    parts.push(`t.state = 'PENDING'`, mine.sql);
    params.push(...mine.params);
  }
  return { sql: parts.join(' and '), params };
}

export async function listTransfers(ctx: Context, filter: MemberTransferFilter | null | undefined, page: Page): Promise<MemberTransferEntity[]> {
  const where = await transferWhere(ctx, filter);
  if (!where) return [];
  return fromRows(ctx.em, MemberTransferEntity, await sql(ctx.em,
    `select t.* from member_transfer t where ${where.sql} order by (t.state = 'PENDING') desc, t.requested_at desc, t.id desc limit ? offset ?`,
    [...where.params, page.limit + 1, page.offset]));
}

export async function countTransfers(ctx: Context, filter: MemberTransferFilter | null | undefined): Promise<number> {
  const where = await transferWhere(ctx, filter);
  if (!where) return 0;
  const [row] = await sql<{ count: string }>(ctx.em, `select count(*) from member_transfer t where ${where.sql}`, where.params);
  return Number(row.count);
}

function shortText(value: string | null | undefined, max: number, field: string[], label: string): string | null {
  const text = value?.trim() ?? '';
  if (!text) return null;
  if ([...text].length > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  return text;
}

/** A live branch to receive a member: any branch on the platform (the other side may be another community's). */
async function receivingBranch(ctx: Context, globalId: string | null | undefined, field: string[]): Promise<OrgNodeEntity> {
  const id = globalId ? idOf(globalId, 'Branch', 'PartyCommittee') : null;
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node || node.archived || (node.level !== OrgLevel.BRANCH && node.level !== OrgLevel.COMMUNITY)) fail(UserErrorCode.NOT_FOUND, '找不到接收的支部', field);
  return node;
}

export async function requestTransfer(ctx: Context, input: MemberTransferRequestInput): Promise<MemberTransferEntity> {
  ctx.access.requireStaff();
  const note = shortText(input.note, 500, ['input', 'note'], '说明');
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  let row: Record<string, unknown>;
  if (input.kind === TransferKind.IN) {
    const to = await receivingBranch(ctx, input.toBranchId, ['input', 'toBranchId']);
    if (!(await can(ctx, 'write', 'PartyMember', { orgNodeId: to.id } as PartyMemberEntity))) throw forbidden('只能为本人管理的支部登记转入');
    const outside = shortText(input.outsideOrganization, 100, ['input', 'outsideOrganization'], '原党组织');
    if (!outside) fail(UserErrorCode.INVALID_INPUT, '请填写原党组织名称', ['input', 'outsideOrganization']);
    if (!input.incoming) fail(UserErrorCode.INVALID_INPUT, '请填写转入党员的基本信息', ['input', 'incoming']);
    const profile = parseProfile(input.incoming, ['input', 'incoming']);
    row = { kind: 'IN', to_org_node_id: to.id, outside_organization: outside, person_name: profile.name, incoming: JSON.stringify(profile) };
  } else {
    if (!input.memberId) fail(UserErrorCode.INVALID_INPUT, '请选择要转出的党员', ['input', 'memberId']);
    const member = await memberForWrite(ctx, input.memberId, ['input', 'memberId']);
    if (input.kind === TransferKind.INTERNAL) {
      const to = await receivingBranch(ctx, input.toBranchId, ['input', 'toBranchId']);
      if (to.id === member.orgNodeId) fail(UserErrorCode.INVALID_INPUT, '接收支部不能是党员现在所在的支部', ['input', 'toBranchId']);
      row = { kind: 'INTERNAL', member_id: member.id, from_org_node_id: member.orgNodeId, to_org_node_id: to.id, person_name: member.name };
    } else {
      const outside = shortText(input.outsideOrganization, 100, ['input', 'outsideOrganization'], '接收党组织');
      if (!outside) fail(UserErrorCode.INVALID_INPUT, '请填写接收党组织名称', ['input', 'outsideOrganization']);
      row = { kind: 'OUT', member_id: member.id, from_org_node_id: member.orgNodeId, outside_organization: outside, person_name: member.name };
    }
  }
  const transfer = await ctx.em.transactional(async (em) => {
    const [saved] = await sql(em,
      `insert into member_transfer (member_id, kind, from_org_node_id, to_org_node_id, outside_organization, person_name, incoming, note, requested_by)
       values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict do nothing returning *`,
      [row.member_id ?? null, row.kind, row.from_org_node_id ?? null, row.to_org_node_id ?? null, row.outside_organization ?? null, row.person_name, row.incoming ?? null, note, accountId]);
    if (!saved) fail(UserErrorCode.DUPLICATE, '该党员已有一条待审批的转接申请', ['input', 'memberId']);
    return fromRows(em, MemberTransferEntity, [saved])[0];
  });
  ctx.loaders.clearAll();
  return transfer;
}

export enum TransferDecision { APPROVE = 'APPROVE', REFUSE = 'REFUSE', CANCEL = 'CANCEL' }

/**
 * Approve, refuse or withdraw a pending transfer. Access is decided first, on the loaded row; then the transfer
 * row and the member row are locked, so of two approvals at once one moves the member and the other finds the
 * transfer decided; a member whose branch changed meanwhile is a CONFLICT.
 */
export async function decideTransfer(ctx: Context, input: MemberTransferDecideInput, decision: TransferDecision): Promise<MemberTransferEntity> {
  const id = idOf(input.transferId, 'MemberTransfer');
  const transfer = id == null ? null : await findVisibleTransfer(ctx, id);
  if (!transfer) fail(UserErrorCode.NOT_FOUND, '找不到该转接申请', ['input', 'transferId']);
  if (decision === TransferDecision.CANCEL) {
    // the requesting side withdraws: whoever may change the member (or, for a transfer in, the receiving branch)
    const side = transfer.kind === TransferKind.IN ? transfer.toOrgNodeId : transfer.fromOrgNodeId;
    if (!(await can(ctx, 'write', 'PartyMember', { orgNodeId: side } as PartyMemberEntity))) throw forbidden('只有申请方可以撤回');
  } else {
    await assertCan(ctx, 'write', 'MemberTransfer', transfer, transfer.kind === TransferKind.OUT ? '只有转出支部可以确认' : '只有接收支部可以审批');
  }
  const note = shortText(input.note, 500, ['input', 'note'], '意见');
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const decided = await ctx.em.transactional(async (em) => {
    const [locked] = await sql(em, `select * from member_transfer where id = ? for update`, [transfer.id]);
    const current = fromRows(em, MemberTransferEntity, [locked])[0];
    if (current.state !== TransferState.PENDING) fail(UserErrorCode.INVALID_STATE, `该转接申请已处理（${STATE_TEXT[current.state]}）`, ['input', 'transferId']);
    let memberId = current.memberId;
    if (decision === TransferDecision.APPROVE) {
      const today = todayInChina();
      if (current.kind === TransferKind.IN) {
        const to = (await sql(em, `select * from org_node where id = ?`, [current.toOrgNodeId]))[0];
        if (!to || to.archived_at) fail(UserErrorCode.ARCHIVED, '接收支部已撤销', ['input', 'transferId']);
        const profile = memberProfileSchema.parse(current.incoming);
        const node = { id: to.id, communityId: to.community_id } as OrgNodeEntity;
        memberId = (await insertMember(em, node, profile)).id;
      } else {
        const [m] = await sql<{ org_node_id: number; archived_at: Date | null }>(em, `select org_node_id, archived_at from party_member where id = ? for update`, [current.memberId]);
        if (!m || m.archived_at || m.org_node_id !== current.fromOrgNodeId) fail(UserErrorCode.CONFLICT, '党员所在支部已经变化，请重新申请', ['input', 'transferId']);
        await sql(em, `update member_position set until = ? where member_id = ? and until is null`, [today, current.memberId]);
        if (current.kind === TransferKind.INTERNAL) {
          await sql(em, `update party_member set org_node_id = ?, community_id = (select community_id from org_node where id = ?), version = version + 1, updated_at = now() where id = ?`,
            [current.toOrgNodeId, current.toOrgNodeId, current.memberId]);
        } else {
          await sql(em, `update party_member set archived_at = now(), version = version + 1, updated_at = now() where id = ?`, [current.memberId]);
        }
      }
    }
    const state = decision === TransferDecision.APPROVE ? 'APPROVED' : decision === TransferDecision.REFUSE ? 'REFUSED' : 'CANCELLED';
    const [saved] = await sql(em, `update member_transfer set state = ?, member_id = ?, decision_note = ?, decided_by = ?, decided_at = now() where id = ? returning *`,
      [state, memberId, note, accountId, current.id]);
    return fromRows(em, MemberTransferEntity, [saved])[0];
  });
  ctx.loaders.clearAll();
  return decided;
}

const STATE_TEXT: Record<TransferState, string> = { PENDING: '待审批', APPROVED: '已同意', REFUSED: '已退回', CANCELLED: '已撤回' };

// ---- branch warnings (支部工作条例) ------------------------------------------------------------------------

interface BranchFigures { id: number; members: number; full_members: number; committee: boolean }

function reasonsOf(figures: BranchFigures): BranchWarningReason[] {
  const f = { ...figures, full: figures.full_members };
  const reasons: BranchWarningReason[] = [];
  if (f.full < 3) reasons.push({ code: BranchWarningCode.TOO_FEW_FULL_MEMBERS, message: `正式党员只有 ${f.full} 人，不足 3 人（正式党员 3 人以上才能成立党支部）` });
  if (f.members > 50) reasons.push({ code: BranchWarningCode.TOO_MANY_MEMBERS, message: `党员 ${f.members} 人，超过 50 人，应考虑分设党支部` });
  if (f.full >= 7 && !f.committee) reasons.push({ code: BranchWarningCode.NO_BRANCH_COMMITTEE, message: `正式党员 ${f.full} 人（7 人以上），应设立支部委员会，目前没有在任的副书记或委员` });
  return reasons;
}

const FIGURES = `select n.id,
    (select count(*) from party_member m where m.org_node_id = n.id and m.archived_at is null)::int as members,
    (select count(*) from party_member m where m.org_node_id = n.id and m.archived_at is null and m.status = 'FULL')::int as full_members,
    exists (select 1 from member_position p where p.org_node_id = n.id and p.until is null and p.role in ('DEPUTY_SECRETARY', 'COMMITTEE_MEMBER')) as committee
  from org_node n`;

function toWarning(f: BranchFigures): BranchWarning {
  return { branchId: toGlobalId('Branch', f.id), orgNodeId: f.id, memberCount: f.members, fullMemberCount: f.full_members, reasons: reasonsOf(f) };
}

/** The rules a branch breaks now (empty when none, or when the caller may not read its members); batched. */
export async function warningsOf(ctx: Context, branch: OrgNodeEntity): Promise<BranchWarningReason[]> {
  if (branch.level !== OrgLevel.BRANCH || branch.archived) return [];
  if (!(await can(ctx, 'read', 'PartyMember', { orgNodeId: branch.id } as PartyMemberEntity))) return [];
  const figures = await ctx.loaders
    .get<number, BranchFigures | null>('branch.figures', async (ids) =>
      byKey(ids, await sql<BranchFigures>(ctx.em, `${FIGURES} where n.id = any(?::int[])`, [[...ids]]), (f) => f.id))
    .load(branch.id);
  return figures ? reasonsOf(figures) : [];
}

export const WARNING_LIMIT = 500;

/** Every live branch in the caller's scope that breaks a rule, in the order of the org tree. */
export async function branchWarnings(ctx: Context): Promise<BranchWarning[]> {
  const visible = condition(ctx, 'read', 'PartyMember', 'wm');
  if (visible.sql === 'false') return [];
  // the member policy on a member of the branch: the same grants decide whether its roll is readable
  const rows = await sql<BranchFigures>(ctx.em,
    `select * from (${FIGURES} where n.level = 'BRANCH' and n.archived_at is null
       and exists (select 1 from (select n.id as org_node_id) wm where ${visible.sql})) f
     where f.full_members < 3 or f.members > 50 or (f.full_members >= 7 and not f.committee)
     order by (select path from org_node where id = f.id) limit ?`,
    [...visible.params, WARNING_LIMIT]);
  return rows.map(toWarning);
}

export const TRANSFER_TARGET_LIMIT = 300;

/**
 * Where a member may be transferred within the platform: the live branches and community committees of the
 * member's street, other than the member's own. Names only (the sending side needs them to choose, even when it
 * may not read those branches); empty unless the caller may change the member.
 */
export async function transferTargets(ctx: Context, memberGlobalId: string): Promise<MemberTransferTarget[]> {
  const id = idOf(memberGlobalId, 'PartyMember');
  const member = id == null ? null : await findVisibleMember(ctx, id);
  if (!member || member.archivedAt || !(await can(ctx, 'write', 'PartyMember', member))) return [];
  const rows = await sql<{ id: number; level: string; name: string; community: string }>(ctx.em,
    `select n.id, n.level, n.name, c.name as community from org_node n join org_node c on c.id = n.community_id
     where n.level in ('BRANCH', 'COMMUNITY') and n.archived_at is null and n.id <> ?
       and c.parent_id = (select c2.parent_id from org_node c2 where c2.id = ?)
     order by (n.community_id = ?) desc, n.path limit ?`, [member.orgNodeId, member.communityId, member.communityId, TRANSFER_TARGET_LIMIT]);
  return rows.map((r) => ({ id: toGlobalId(r.level === 'BRANCH' ? 'Branch' : 'PartyCommittee', r.id), name: r.name, communityName: r.community }));
}
