/** The Party-building project ledger (党建项目台账): list and filters, per-area counts, entry, progress notes. */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertPrintable, validDate } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, condition, readable, subtreeEnd } from '../access/index.js';
import { loadNode, OrgLevel } from '../org/index.js';
import { PartyProjectArea, PartyProjectEntity, PartyProjectProgressEntity, PartyProjectStatus } from './project.entity.js';
import type { CreatePartyProjectInput, PartyProjectFilter, UpdatePartyProjectInput } from './project.types.js';
import './project.policy.js';

export const PROGRESS_LIMIT = 50;
const OWNER_TYPES = ['PartyCommittee', 'Branch'];

export const todayIn = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const OVERDUE_SQL = (p: string) => `(${p}.status in ('PLANNED', 'IN_PROGRESS') and ${p}.due_date < (now() at time zone 'Asia/Shanghai')::date)`;

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

export function loadProject(ctx: Context, id: number): Promise<PartyProjectEntity | null> {
  return ctx.loaders
    .get<number, PartyProjectEntity | null>('project.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, PartyProjectEntity, await sql(ctx.em, `select * from party_project where id = any(?::int[])`, [[...ids]])), (p) => p.id))
    .load(id);
}
export async function findVisibleProject(ctx: Context, id: number) { return readable(ctx, 'PartyProject', await loadProject(ctx, id)); }

export function progressOf(ctx: Context, projectId: number): Promise<PartyProjectProgressEntity[]> {
  return ctx.loaders
    .get<number, PartyProjectProgressEntity[]>('project.progress', async (ids) => {
      const rows = await sql(ctx.em,
        `select * from (select x.*, row_number() over (partition by x.project_id order by x.noted_on desc, x.id desc) as n from party_project_progress x
           where x.project_id = any(?::int[])) y where y.n <= ? order by y.project_id, y.noted_on, y.id`, [[...ids], PROGRESS_LIMIT]);
      return groupBy(ids, fromRows(ctx.em, PartyProjectProgressEntity, rows), (r) => r.projectId);
    })
    .load(projectId);
}

interface Where { sql: string; params: unknown[] }

export async function projectWhere(ctx: Context, f: PartyProjectFilter | null | undefined): Promise<Where | null> {
  const scope = condition(ctx, 'read', 'PartyProject', 'p');
  if (scope.sql === 'false') return null;
  const parts = [scope.sql];
  const params: unknown[] = [...scope.params];
  if (f?.orgNodeId != null) {
    const id = idOf(f.orgNodeId, 'PartyCommittee', 'Branch');
    const node = id == null ? null : await loadNode(ctx, id);
    if (!node) return null;
    parts.push(`exists (select 1 from org_node po where po.id = p.org_node_id and po.path >= ? and po.path < ?)`);
    params.push(node.path, subtreeEnd(node.path));
  }
  if (f?.areas?.length) { parts.push(`p.area = any(?::text[])`); params.push(f.areas); }
  if (f?.statuses?.length) { parts.push(`p.status = any(?::text[])`); params.push(f.statuses); }
  if (f?.overdue != null) parts.push(f.overdue ? OVERDUE_SQL('p') : `not ${OVERDUE_SQL('p')}`);
  if (f?.unitId != null) {
    const id = idOf(f.unitId, 'CoBuildingUnit');
    if (id == null) return null;
    parts.push(`? = any(p.unit_ids)`); params.push(id);
  }
  if (f?.query != null && f.query.trim() !== '') {
    const q = f.query.trim();
    if ([...q].length > 50) fail(UserErrorCode.INVALID_INPUT, '搜索词最多 50 个字', ['filter', 'query']);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(`(p.title ilike ? or p.goals ilike ?)`); params.push(like, like);
  }
  return { sql: parts.join(' and '), params };
}

export async function listProjects(ctx: Context, f: PartyProjectFilter | null | undefined, page: Page): Promise<PartyProjectEntity[]> {
  const w = await projectWhere(ctx, f);
  if (!w) return [];
  return fromRows(ctx.em, PartyProjectEntity, await sql(ctx.em,
    `select p.* from party_project p where ${w.sql} order by p.community_id, p.area, p.due_date, p.id limit ? offset ?`, [...w.params, page.limit + 1, page.offset]));
}

export async function countProjects(ctx: Context, f: PartyProjectFilter | null | undefined): Promise<number> {
  const w = await projectWhere(ctx, f);
  if (!w) return 0;
  return Number((await sql<{ count: string }>(ctx.em, `select count(*) from party_project p where ${w.sql}`, w.params))[0].count);
}

export async function areaCounts(ctx: Context, f: PartyProjectFilter | null | undefined) {
  const w = await projectWhere(ctx, { ...(f ?? {}), areas: null });
  const rows = w ? await sql<{ area: PartyProjectArea; total: string; completed: string; overdue: string }>(ctx.em,
    `select p.area, count(*) as total, count(*) filter (where p.status = 'COMPLETED') as completed, count(*) filter (where ${OVERDUE_SQL('p')}) as overdue
     from party_project p where ${w.sql} group by p.area`, w.params) : [];
  return Object.values(PartyProjectArea).map((area) => {
    const r = rows.find((x) => x.area === area);
    return { area, total: Number(r?.total ?? 0), completed: Number(r?.completed ?? 0), overdue: Number(r?.overdue ?? 0) };
  });
}

const accountOf = (ctx: Context) => (ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null);

export async function createProject(ctx: Context, input: CreatePartyProjectInput): Promise<PartyProjectEntity> {
  ctx.access.requireStaffNotPartner();
  const field = (n: string) => ['input', n];
  const title = text(input.title, 100, field('title'), '项目名称', true)!;
  const goals = text(input.goals, 2000, field('goals'), '项目目标') ?? '';
  const startDate = validDate(input.startDate, field('startDate'), '开始日期');
  const dueDate = validDate(input.dueDate, field('dueDate'), '计划完成日期');
  if (dueDate < startDate) fail(UserErrorCode.INVALID_INPUT, '计划完成日期不能早于开始日期', field('dueDate'));
  const id = idOf(input.orgNodeId, ...OWNER_TYPES);
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node || (node.level !== OrgLevel.COMMUNITY && node.level !== OrgLevel.BRANCH)) fail(UserErrorCode.NOT_FOUND, '找不到该社区党委或党支部', field('orgNodeId'));
  const communityId = node.level === OrgLevel.COMMUNITY ? node.id : node.communityId!;
  const unitGlobalIds = input.unitIds ?? [];
  if (unitGlobalIds.length > 10) fail(UserErrorCode.INVALID_INPUT, '共建单位最多 10 个', field('unitIds'));
  const unitIds = [...new Set(unitGlobalIds.map((g, i) => idOf(g, 'CoBuildingUnit') ?? fail(UserErrorCode.INVALID_INPUT, '找不到该共建单位', ['input', 'unitIds', String(i)])))];
  if (unitIds.length) {
    const linked = await sql<{ unit_id: number }>(ctx.em, `select unit_id from unit_community where community_id = ? and unit_id = any(?::int[])`, [communityId, unitIds]);
    const missing = unitIds.findIndex((u) => !linked.some((l) => l.unit_id === u));
    if (missing >= 0) fail(UserErrorCode.INVALID_INPUT, '只能选择与本社区共建的单位', ['input', 'unitIds', String(missing)]);
  }
  const draft = Object.assign(Object.create(PartyProjectEntity.prototype) as PartyProjectEntity, { orgNodeId: node.id, communityId, unitIds });
  await assertCan(ctx, 'write', 'PartyProject', draft, '无权在该组织下登记党建项目');
  const status = startDate <= todayIn() ? PartyProjectStatus.IN_PROGRESS : PartyProjectStatus.PLANNED;
  const [row] = await sql<{ id: number }>(ctx.em,
    `insert into party_project (community_id, org_node_id, title, area, goals, unit_ids, start_date, due_date, status, created_by)
     values (?, ?, ?, ?, ?, ?::int[], ?, ?, ?, ?) returning id`,
    [communityId, node.id, title, input.area, goals, unitIds, startDate, dueDate, status, accountOf(ctx)]);
  ctx.loaders.clearAll();
  return (await loadProject(ctx, row.id))!;
}

export async function updateProject(ctx: Context, input: UpdatePartyProjectInput): Promise<PartyProjectEntity> {
  const field = (n: string) => ['input', n];
  const id = idOf(input.projectId, 'PartyProject');
  const seen = id == null ? null : await findVisibleProject(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该项目', field('projectId'));
  await assertCan(ctx, 'write', 'PartyProject', seen);
  const goals = input.goals != null ? text(input.goals, 2000, field('goals'), '项目目标') ?? '' : null;
  const dueDate = input.dueDate ? validDate(input.dueDate, field('dueDate'), '计划完成日期') : null;
  if (dueDate && dueDate < seen.startDate) fail(UserErrorCode.INVALID_INPUT, '计划完成日期不能早于开始日期', field('dueDate'));
  const progress = text(input.progress, 2000, field('progress'), '推进情况');
  const progressOn = input.progressOn ? validDate(input.progressOn, field('progressOn'), '日期') : todayIn();
  await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ version: number }>(em, `select version from party_project where id = ? for update`, [seen.id]);
    if (row.version !== input.expectedVersion) fail(UserErrorCode.STALE, '项目已被他人更新，请刷新后重试', field('expectedVersion'));
    const sets = ['version = version + 1', 'updated_at = now()'];
    const params: unknown[] = [];
    if (input.status != null) {
      sets.push('status = ?', 'completed_on = ?');
      params.push(input.status, input.status === PartyProjectStatus.COMPLETED ? todayIn() : null);
    }
    if (goals != null) { sets.push('goals = ?'); params.push(goals); }
    if (dueDate) { sets.push('due_date = ?'); params.push(dueDate); }
    await sql(em, `update party_project set ${sets.join(', ')} where id = ?`, [...params, seen.id]);
    if (progress) await sql(em, `insert into party_project_progress (project_id, noted_on, body, created_by) values (?, ?, ?, ?)`, [seen.id, progressOn, progress, accountOf(ctx)]);
  });
  ctx.loaders.clearAll();
  return (await loadProject(ctx, seen.id))!;
}
