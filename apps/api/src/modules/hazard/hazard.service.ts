/** Safety hazards (安全隐患) through their transition table, patrol rounds, and counts per node and period. */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertPrintable, validDate } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, can, condition, readable, subtreeEnd } from '../access/index.js';
import { loadNode, OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { HAZARD_ACTION_LABEL, HAZARD_STATE_LABEL } from '@tongxin/ui';
import { HazardEntity, HazardKind, HazardState, PatrolEntity } from './hazard.entity.js';
import { findHazardTransition, HAZARD_TRANSITIONS, HazardAction, OPEN_HAZARD_STATES } from './hazard.transitions.js';
import type { HazardFilter, PatrolFilter, RecordPatrolInput, ReportHazardInput, TransitionHazardInput } from './hazard.types.js';
import './hazard.policy.js';

const NODE_TYPES = ['PartyCommittee', 'Branch', 'BuildingGroup'];
export const MAX_PATROL_HAZARDS = 20;

function text(value: string | null | undefined, max: number, field: string[], label: string, required = false): string | null {
  const t = (value ?? '').trim();
  if (!t) {
    if (required) fail(UserErrorCode.INVALID_INPUT, `请填写${label}`, field);
    return null;
  }
  if ([...t].length > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  assertPrintable(t, field, label, true);
  return t;
}

function photoUrl(value: string, field: string[]): string {
  const url = value.trim();
  let ok = false;
  try { const u = new URL(url); ok = (u.protocol === 'https:' || u.protocol === 'http:') && url.length <= 500; } catch { ok = false; }
  if (!ok) fail(UserErrorCode.INVALID_INPUT, '照片地址应为 http 或 https 开头的网址', field);
  return url;
}

async function nodeFor(ctx: Context, globalId: string | null | undefined, field: string[]): Promise<{ node: OrgNodeEntity; communityId: number }> {
  ctx.access.requireStaffNotPartner();
  const id = idOf(globalId, ...NODE_TYPES);
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node || node.level === OrgLevel.STREET) fail(UserErrorCode.NOT_FOUND, '找不到该社区党委或党支部', field);
  if (node.archived) fail(UserErrorCode.ARCHIVED, `${node.name}已归档`, field);
  return { node, communityId: node.level === OrgLevel.COMMUNITY ? node.id : node.communityId! };
}

const staffName = async (ctx: Context): Promise<{ id: number | null; name: string }> => {
  const p = ctx.access.principal;
  if (p.kind !== 'staff') return { id: null, name: '工作人员' };
  const [row] = await sql<{ display_name: string }>(ctx.em, `select display_name from account where id = ?`, [p.accountId]);
  return { id: p.accountId, name: row?.display_name ?? '工作人员' };
};

// ---- reads ----

export function loadHazard(ctx: Context, id: number): Promise<HazardEntity | null> {
  return ctx.loaders
    .get<number, HazardEntity | null>('hazard.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, HazardEntity, await sql(ctx.em, `select * from hazard where id = any(?::int[])`, [[...ids]])), (h) => h.id))
    .load(id);
}
export async function findVisibleHazard(ctx: Context, id: number) { return readable(ctx, 'Hazard', await loadHazard(ctx, id)); }

export function loadPatrol(ctx: Context, id: number): Promise<PatrolEntity | null> {
  return ctx.loaders
    .get<number, PatrolEntity | null>('patrol.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, PatrolEntity, await sql(ctx.em, `select * from patrol where id = any(?::int[])`, [[...ids]])), (p) => p.id))
    .load(id);
}
export async function findVisiblePatrol(ctx: Context, id: number) { return readable(ctx, 'Patrol', await loadPatrol(ctx, id)); }

export function hazardsOfPatrol(ctx: Context, patrolId: number): Promise<HazardEntity[]> {
  return ctx.loaders
    .get<number, HazardEntity[]>('patrol.hazards', async (ids) =>
      groupBy(ids, fromRows(ctx.em, HazardEntity, await sql(ctx.em, `select * from hazard where patrol_id = any(?::int[]) order by patrol_id, id`, [[...ids]])), (h) => h.patrolId!))
    .load(patrolId);
}

const todaySql = `(now() at time zone 'Asia/Shanghai')::date`;

async function subtree(ctx: Context, globalId: string | null | undefined, alias: string): Promise<{ sql: string; params: unknown[] } | null | undefined> {
  if (globalId == null) return undefined;
  const id = idOf(globalId, ...NODE_TYPES);
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node) return null;
  return { sql: `exists (select 1 from org_node so where so.id = ${alias}.org_node_id and so.path >= ? and so.path < ?)`, params: [node.path, subtreeEnd(node.path)] };
}

async function hazardWhere(ctx: Context, f: HazardFilter | null | undefined) {
  const scope = condition(ctx, 'read', 'Hazard', 'h');
  if (scope.sql === 'false') return null;
  const parts = [scope.sql];
  const params: unknown[] = [...scope.params];
  const under = await subtree(ctx, f?.orgNodeId, 'h');
  if (under === null) return null;
  if (under) { parts.push(under.sql); params.push(...under.params); }
  if (f?.states?.length) { parts.push(`h.state = any(?::text[])`); params.push(f.states); }
  if (f?.kinds?.length) { parts.push(`h.kind = any(?::text[])`); params.push(f.kinds); }
  if (f?.overdue) parts.push(`h.state in ('FOUND', 'ASSIGNED') and h.deadline < ${todaySql}`);
  if (f?.patrolId != null) {
    const id = idOf(f.patrolId, 'Patrol');
    if (id == null) return null;
    parts.push(`h.patrol_id = ?`); params.push(id);
  }
  return { sql: parts.join(' and '), params };
}

export async function listHazards(ctx: Context, f: HazardFilter | null | undefined, page: Page): Promise<HazardEntity[]> {
  const w = await hazardWhere(ctx, f);
  if (!w) return [];
  return fromRows(ctx.em, HazardEntity, await sql(ctx.em, `select h.* from hazard h where ${w.sql} order by h.found_at desc, h.id desc limit ? offset ?`, [...w.params, page.limit + 1, page.offset]));
}

export async function countHazards(ctx: Context, f: HazardFilter | null | undefined): Promise<number> {
  const w = await hazardWhere(ctx, f);
  if (!w) return 0;
  return Number((await sql<{ count: string }>(ctx.em, `select count(*) from hazard h where ${w.sql}`, w.params))[0].count);
}

/** Counts over a node's subtree (what the caller may read) for [from, to). */
export async function hazardStats(ctx: Context, orgNodeId: string, from: Date, to: Date) {
  const empty = { found: 0, fixed: 0, verified: 0, open: 0, overdue: 0, patrols: 0, billboardsChecked: 0, byKind: [] as { kind: HazardKind; count: number }[] };
  const w = await hazardWhere(ctx, { orgNodeId });
  if (!w) return empty;
  const [row] = await sql<Record<string, string>>(ctx.em,
    `select count(*) filter (where h.found_at >= ? and h.found_at < ?) as found,
            count(*) filter (where h.fixed_at >= ? and h.fixed_at < ?) as fixed,
            count(*) filter (where h.verified_at >= ? and h.verified_at < ?) as verified,
            count(*) filter (where h.state in ('FOUND', 'ASSIGNED')) as open,
            count(*) filter (where h.state in ('FOUND', 'ASSIGNED') and h.deadline < ${todaySql}) as overdue
     from hazard h where ${w.sql}`, [from, to, from, to, from, to, ...w.params]);
  const kinds = await sql<{ kind: HazardKind; count: string }>(ctx.em,
    `select h.kind, count(*) from hazard h where ${w.sql} and h.found_at >= ? and h.found_at < ? group by h.kind order by 2 desc, 1`, [...w.params, from, to]);
  const pc = condition(ctx, 'read', 'Patrol', 'p');
  const under = (await subtree(ctx, orgNodeId, 'p'))!;
  const [patrols] = pc.sql === 'false' ? [{ n: '0', b: '0' }] : await sql<{ n: string; b: string }>(ctx.em,
    `select count(*) as n, coalesce(sum(p.billboards_checked), 0) as b from patrol p where ${pc.sql} and ${under.sql} and p.patrolled_at >= ? and p.patrolled_at < ?`,
    [...pc.params, ...under.params, from, to]);
  return {
    found: Number(row.found), fixed: Number(row.fixed), verified: Number(row.verified), open: Number(row.open), overdue: Number(row.overdue),
    patrols: Number(patrols.n), billboardsChecked: Number(patrols.b), byKind: kinds.map((k) => ({ kind: k.kind, count: Number(k.count) })),
  };
}

async function patrolWhere(ctx: Context, f: PatrolFilter | null | undefined) {
  const scope = condition(ctx, 'read', 'Patrol', 'p');
  if (scope.sql === 'false') return null;
  const parts = [scope.sql];
  const params: unknown[] = [...scope.params];
  const under = await subtree(ctx, f?.orgNodeId, 'p');
  if (under === null) return null;
  if (under) { parts.push(under.sql); params.push(...under.params); }
  if (f?.kinds?.length) { parts.push(`p.kind = any(?::text[])`); params.push(f.kinds); }
  return { sql: parts.join(' and '), params };
}

export async function listPatrols(ctx: Context, f: PatrolFilter | null | undefined, page: Page): Promise<PatrolEntity[]> {
  const w = await patrolWhere(ctx, f);
  if (!w) return [];
  return fromRows(ctx.em, PatrolEntity, await sql(ctx.em, `select p.* from patrol p where ${w.sql} order by p.patrolled_at desc, p.id desc limit ? offset ?`, [...w.params, page.limit + 1, page.offset]));
}

export async function countPatrols(ctx: Context, f: PatrolFilter | null | undefined): Promise<number> {
  const w = await patrolWhere(ctx, f);
  if (!w) return 0;
  return Number((await sql<{ count: string }>(ctx.em, `select count(*) from patrol p where ${w.sql}`, w.params))[0].count);
}

export async function allowedHazardActions(ctx: Context, h: HazardEntity): Promise<HazardAction[]> {
  if (!ctx.access.isStaff || !(await can(ctx, 'write', 'Hazard', h))) return [];
  return [...new Set(HAZARD_TRANSITIONS.filter((t) => t.from === h.state).map((t) => t.action))];
}

// ---- writes ----

export async function reportHazard(ctx: Context, input: ReportHazardInput, now = new Date()): Promise<HazardEntity> {
  const field = (n: string) => ['input', n];
  const title = text(input.title, 100, field('title'), '隐患名称', true)!;
  const place = text(input.place, 200, field('place'), '位置', true)!;
  const description = text(input.description, 2000, field('description'), '详细情况') ?? '';
  const photos = input.photoUrls ?? [];
  if (photos.length > 9) fail(UserErrorCode.INVALID_INPUT, '照片最多 9 张', field('photoUrls'));
  const photoUrls = photos.map((u, i) => photoUrl(u, ['input', 'photoUrls', String(i)]));
  const deadline = input.deadline ? validDate(input.deadline, field('deadline'), '整改期限') : null;
  const { node, communityId } = await nodeFor(ctx, input.orgNodeId, field('orgNodeId'));
  let patrolId: number | null = null;
  if (input.patrolId) {
    const id = idOf(input.patrolId, 'Patrol');
    const patrol = id == null ? null : await findVisiblePatrol(ctx, id);
    if (!patrol || patrol.communityId !== communityId) fail(UserErrorCode.NOT_FOUND, '找不到本社区的该巡查记录', field('patrolId'));
    patrolId = patrol.id;
  }
  const draft = Object.assign(Object.create(HazardEntity.prototype) as HazardEntity, { orgNodeId: node.id, communityId });
  await assertCan(ctx, 'write', 'Hazard', draft, '无权在该组织下登记隐患');
  const me = await staffName(ctx);
  const foundBy = text(input.foundBy, 50, field('foundBy'), '发现人') ?? me.name;
  const [row] = await sql<{ id: number }>(ctx.em,
    `insert into hazard (community_id, org_node_id, kind, title, description, place, found_by, found_by_account_id, photo_urls, deadline, patrol_id, found_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?) returning id`,
    [communityId, node.id, input.kind, title, description, place, foundBy, me.id, photoUrls, deadline, patrolId, input.foundAt ?? now]);
  ctx.loaders.clearAll();
  return (await loadHazard(ctx, row.id))!;
}

export async function transitionHazard(ctx: Context, input: TransitionHazardInput, now = new Date()): Promise<HazardEntity> {
  const id = idOf(input.hazardId, 'Hazard');
  const seen = id == null ? null : await findVisibleHazard(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该隐患', ['input', 'hazardId']);
  await assertCan(ctx, 'write', 'Hazard', seen);
  const note = text(input.note, 2000, ['input', 'note'], '说明');
  const assignee = text(input.assignee, 100, ['input', 'assignee'], '整改责任人');
  const deadline = input.deadline ? validDate(input.deadline, ['input', 'deadline'], '整改期限') : null;
  await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from hazard where id = ? for update`, [seen.id]);
    const h = fromRows(em, HazardEntity, [row])[0];
    if (h.version !== input.expectedVersion) fail(UserErrorCode.STALE, `隐患已被他人更新：当前为「${HAZARD_STATE_LABEL[h.state]}」，请刷新后重试`, ['input', 'expectedVersion']);
    const step = findHazardTransition(h.state, input.action);
    if (!step) {
      const allowed = HAZARD_TRANSITIONS.filter((t) => t.from === h.state).map((t) => HAZARD_ACTION_LABEL[t.action]).join('、');
      fail(UserErrorCode.INVALID_TRANSITION, `隐患当前为「${HAZARD_STATE_LABEL[h.state]}」，不能「${HAZARD_ACTION_LABEL[input.action]}」。${allowed ? `当前可执行：${allowed}` : '已办结'}`, ['input', 'action']);
    }
    if (step.needs.includes('assignee') && !assignee) fail(UserErrorCode.INVALID_INPUT, '请填写整改责任人', ['input', 'assignee']);
    if (step.needs.includes('note') && !note) fail(UserErrorCode.INVALID_INPUT, `「${HAZARD_ACTION_LABEL[step.action]}」需要填写说明`, ['input', 'note']);
    const sets: string[] = ['state = ?', 'version = version + 1', 'updated_at = ?'];
    const params: unknown[] = [step.to, now];
    if (note != null) { sets.push('note = ?'); params.push(note); }
    if (step.action === HazardAction.ASSIGN) { sets.push('assignee = ?', 'assigned_at = ?'); params.push(assignee, now); if (deadline) { sets.push('deadline = ?'); params.push(deadline); } }
    if (step.action === HazardAction.FIX) { sets.push('fixed_at = ?'); params.push(now); }
    if (step.action === HazardAction.VERIFY) { sets.push('verified_at = ?'); params.push(now); }
    if (step.action === HazardAction.REJECT) { sets.push('rejected_at = ?'); params.push(now); }
    if (step.action === HazardAction.RETURN) { sets.push('fixed_at = null'); if (deadline) { sets.push('deadline = ?'); params.push(deadline); } }
    await sql(em, `update hazard set ${sets.join(', ')} where id = ?`, [...params, h.id]);
  });
  ctx.loaders.clearAll();
  return (await loadHazard(ctx, seen.id))!;
}

export async function recordPatrol(ctx: Context, input: RecordPatrolInput, now = new Date()): Promise<PatrolEntity> {
  const field = (n: string) => ['input', n];
  const route = text(input.route, 200, field('route'), '巡查路线', true)!;
  const patrollers = text(input.patrollers, 200, field('patrollers'), '巡查人员', true)!;
  const notes = text(input.notes, 2000, field('notes'), '备注');
  const billboards = input.billboardsChecked ?? 0;
  if (!Number.isInteger(billboards) || billboards < 0 || billboards > 10000) fail(UserErrorCode.INVALID_INPUT, '检查广告牌数应为 0 到 10000', field('billboardsChecked'));
  const hazards = input.hazards ?? [];
  if (hazards.length > MAX_PATROL_HAZARDS) fail(UserErrorCode.INVALID_INPUT, `一次巡查最多登记 ${MAX_PATROL_HAZARDS} 处隐患`, field('hazards'));
  const checked = hazards.map((h, i) => ({
    kind: h.kind,
    title: text(h.title, 100, ['input', 'hazards', String(i), 'title'], '隐患名称', true)!,
    place: text(h.place, 200, ['input', 'hazards', String(i), 'place'], '位置', true)!,
  }));
  const { node, communityId } = await nodeFor(ctx, input.orgNodeId, field('orgNodeId'));
  const draft = Object.assign(Object.create(PatrolEntity.prototype) as PatrolEntity, { orgNodeId: node.id, communityId });
  await assertCan(ctx, 'write', 'Patrol', draft, '无权在该组织下登记巡查');
  const me = await staffName(ctx);
  const when = input.patrolledAt ?? now;
  const id = await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ id: number }>(em,
      `insert into patrol (community_id, org_node_id, kind, route, patrolled_at, patrollers, billboards_checked, notes, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [communityId, node.id, input.kind, route, when, patrollers, billboards, notes, me.id]);
    for (const h of checked) {
      await sql(em, `insert into hazard (community_id, org_node_id, kind, title, place, found_by, found_by_account_id, patrol_id, found_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [communityId, node.id, h.kind, h.title, h.place, [...patrollers].slice(0, 50).join(''), me.id, row.id, when]);
    }
    return row.id;
  });
  ctx.loaders.clearAll();
  return (await loadPatrol(ctx, id))!;
}

export { OPEN_HAZARD_STATES, HazardState };
