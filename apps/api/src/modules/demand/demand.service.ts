/**
 * Resident demands (诉求): reads through `sql` + `fromRows` under the policy's conditions, writes in
 * transactions that lock the demand row, check the version the caller saw, change the row, bump its version
 * and append to the timeline together.
 */
import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { fail, userError, UserErrorCode, UserFacingError } from '../../graphql/errors.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertPrintable, isUniqueViolation, validMobile } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { publishAfterCommit } from '../../cluster/bus.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, can, condition, GrantRole, readable, reveal, subtreeEnd } from '../access/index.js';
import { communityForWrite, loadNode, OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { loadUnit } from '../unit/index.js';
import { maskName, maskPhone, seal, unseal } from '../privacy/index.js';
import {
  DemandActorKind, DemandCategory, DemandChannel, DemandDeadlineEntity, DemandEntity, DemandEventEntity, DemandEventKind,
  DemandPriority, DemandSource, DemandState, OPEN_STATES,
} from './demand.entity.js';
import { ACTION_LABEL, DemandAction, findTransition, STATE_LABEL, transitionsFrom, type DemandTransition } from './demand.transitions.js';
import { addHours, defaultDeadline, type Deadline } from './demand.deadlines.js';
import type {
  AddDemandCommentInput, CreateDemandInput, DemandFilter, DemandPlaceInput, RateDemandInput, SetDemandDeadlineInput, SubmitDemandInput,
  TransitionDemandInput,
} from './demand.types.js';
import { DemandCommentVisibility } from './demand.types.js';
import './demand.policy.js';

// ---- ticket codes -------------------------------------------------------------------------------------

/** A-Z and 2-9 without the look-alikes 0/O and 1/I: 32 symbols, 8 of them carry 40 bits. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

export function newTicketCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** How residents type codes: lower case, with spaces or dashes. */
export function normalizeTicketCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

// ---- reads --------------------------------------------------------------------------------------------

export function loadDemand(ctx: Context, id: number): Promise<DemandEntity | null> {
  return ctx.loaders
    .get<number, DemandEntity | null>('demand.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, DemandEntity, await sql(ctx.em, `select * from demand where id = any(?::int[])`, [[...ids]])), (d) => d.id))
    .load(id);
}

/** A demand the caller may read (node(id), payloads); null otherwise. */
export async function findVisibleDemand(ctx: Context, id: number): Promise<DemandEntity | null> {
  return readable(ctx, 'Demand', await loadDemand(ctx, id));
}

const OPEN_SQL = `(${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;
/** SQL: demand `d` is open and past a deadline it has not met, at `?` (bound twice). */
export const OVERDUE_SQL = (d: string) => `(${d}.state in ${OPEN_SQL} and ((${d}.first_responded_at is null and ${d}.first_response_due_at < ?) or ${d}.resolution_due_at < ?))`;

interface Where { sql: string; params: unknown[] }

/**
 * SQL on alias `d`: the demand lies in `node`'s subtree, in a form the community index bounds, so that what it
 * costs does not grow with the number of communities. Tenancy keeps `demand.community_id` that of the demand's org
 * node (org.tenancy re-keys the rows when a node moves to another community), so:
 * - the community itself: its subtree's demands are exactly the community's, no org_node join, and
 *   demand_community_idx answers counts and totals from the index alone;
 * - a node inside a community: the path condition, bounded by its community;
 * - a node above the communities (a street): the path condition, bounded by the communities below it.
 */
export function demandsUnder(node: OrgNodeEntity): Where {
  if (node.communityId != null && node.communityId === node.id) return { sql: `d.community_id = ?`, params: [node.id] };
  const end = subtreeEnd(node.path);
  const path = `exists (select 1 from org_node fo where fo.id = d.org_node_id and fo.path >= ? and fo.path < ?)`;
  if (node.communityId != null) return { sql: `${path} and d.community_id = ?`, params: [node.path, end, node.communityId] };
  return {
    sql: `${path} and d.community_id = any(array(select c.id from org_node c where c.level = 'COMMUNITY' and c.path >= ? and c.path < ?))`,
    params: [node.path, end, node.path, end],
  };
}

/** The conditions of a filter (and the caller's read scope) on alias `d`; null when nothing can match. */
async function filterWhere(ctx: Context, filter: DemandFilter | null | undefined, now: Date): Promise<Where | null> {
  const scope = condition(ctx, 'read', 'Demand', 'd');
  if (scope.sql === 'false') return null;
  const parts: string[] = [scope.sql];
  const params: unknown[] = [...scope.params];
  const f = filter ?? {};
  const field = (name: string) => ['filter', name];
  if (f.orgNodeId != null) {
    const nodeId = idOf(f.orgNodeId, 'PartyCommittee', 'Branch', 'BuildingGroup', 'MemberHousehold');
    const node = nodeId == null ? null : await loadNode(ctx, nodeId);
    if (!node) return null;
    const under = demandsUnder(node);
    parts.push(under.sql); params.push(...under.params);
  }
  if (f.states?.length) { parts.push(`d.state = any(?::text[])`); params.push(f.states); }
  if (f.categories?.length) { parts.push(`d.category = any(?::text[])`); params.push(f.categories); }
  if (f.channels?.length) { parts.push(`d.channel = any(?::text[])`); params.push(f.channels); }
  if (f.assignedAccountId != null) {
    const id = idOf(f.assignedAccountId, 'Account');
    if (id == null) return null;
    parts.push(`d.assigned_account_id = ?`); params.push(id);
  }
  if (f.assignedToMe) {
    const p = ctx.access.principal;
    if (p.kind !== 'staff') return null;
    parts.push(`d.assigned_account_id = ?`); params.push(p.accountId);
  }
  if (f.assignedUnitId != null) {
    const id = idOf(f.assignedUnitId, 'CoBuildingUnit');
    if (id == null) return null;
    parts.push(`d.assigned_unit_id = ?`); params.push(id);
  }
  if (f.assignedBranchId != null) {
    const id = idOf(f.assignedBranchId, 'Branch');
    if (id == null) return null;
    parts.push(`d.assigned_branch_id = ?`); params.push(id);
  }
  if (f.overdue != null) {
    parts.push(f.overdue ? OVERDUE_SQL('d') : `not ${OVERDUE_SQL('d')}`);
    params.push(now, now);
  }
  if (f.escalated != null) parts.push(f.escalated ? `d.escalation_level > 0` : `d.escalation_level = 0`);
  if (f.query != null && f.query.trim() !== '') {
    const text = f.query.trim();
    if ([...text].length > 50) fail(UserErrorCode.INVALID_INPUT, '搜索词最多 50 个字', field('query'));
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(`(d.title ilike ? or d.description ilike ? or d.ticket_code = ?)`);
    params.push(like, like, text.toUpperCase());
  }
  if (f.createdFrom != null) { parts.push(`d.created_at >= ?`); params.push(f.createdFrom); }
  if (f.createdTo != null) { parts.push(`d.created_at < ?`); params.push(f.createdTo); }
  return { sql: parts.join(' and '), params };
}

/** A page of the demands the caller may read, newest first. */
export async function listDemands(ctx: Context, filter: DemandFilter | null | undefined, page: Page, now = new Date()): Promise<DemandEntity[]> {
  const where = await filterWhere(ctx, filter, now);
  if (!where) return [];
  const rows = await sql(ctx.em, `select d.* from demand d where ${where.sql} order by d.created_at desc, d.id desc limit ? offset ?`,
    [...where.params, page.limit + 1, page.offset]);
  return fromRows(ctx.em, DemandEntity, rows);
}

export async function countDemands(ctx: Context, filter: DemandFilter | null | undefined, now = new Date()): Promise<number> {
  const where = await filterWhere(ctx, filter, now);
  if (!where) return 0;
  const [{ count }] = await sql<{ count: string }>(ctx.em, `select count(*) from demand d where ${where.sql}`, where.params);
  return Number(count);
}

/** How many matching demands are in each state (every state listed, zeros included). */
export async function demandStateCounts(ctx: Context, filter: DemandFilter | null | undefined, now = new Date()): Promise<{ state: DemandState; count: number }[]> {
  const where = await filterWhere(ctx, { ...(filter ?? {}), states: null }, now);
  const counts = new Map<string, number>();
  if (where) {
    const rows = await sql<{ state: string; count: string }>(ctx.em, `select d.state, count(*) from demand d where ${where.sql} group by d.state`, where.params);
    for (const r of rows) counts.set(r.state, Number(r.count));
  }
  const wanted = filter?.states?.length ? filter.states : Object.values(DemandState);
  return wanted.map((state) => ({ state, count: counts.get(state) ?? 0 }));
}

// ---- personal data ------------------------------------------------------------------------------------

/** The resident's name: in clear for roles that may see contact details (announced), masked for other staff, null for partners. */
export async function residentNameOf(ctx: Context, d: DemandEntity): Promise<string | null> {
  if (!ctx.access.isStaff || d.residentName == null) return null;
  const clear = await reveal(ctx, 'Demand', d, 'residentName', { denied: 'null' });
  if (clear != null) return unseal(clear);
  return maskName(unseal(d.residentName));
}

/** The resident's phone, masked (138****1234); null for partners. In clear only through `revealDemandContact`. */
export function residentPhoneOf(ctx: Context, d: DemandEntity): string | null {
  if (!ctx.access.isStaff || d.residentPhone == null) return null;
  return maskPhone(unseal(d.residentPhone));
}

/** Name and phone in clear, through the policy's `reveal` (FORBIDDEN without a role that needs them); the reason goes in the timeline. */
export async function revealDemandContact(ctx: Context, input: { demandId: string; reason: string }): Promise<{ name: string | null; phone: string | null }> {
  const id = requireDemandId(input.demandId);
  const reason = (input.reason ?? '').trim();
  if ([...reason].length < 2 || [...reason].length > 200) fail(UserErrorCode.INVALID_INPUT, '请填写查看原因（2 到 200 个字）', ['input', 'reason']);
  assertPrintable(reason, ['input', 'reason'], '查看原因');
  const d = await findVisibleDemand(ctx, id);
  if (!d) fail(UserErrorCode.NOT_FOUND, '找不到该诉求', ['input', 'demandId']);
  ctx.access.requireStaff();
  const name = await reveal(ctx, 'Demand', d, 'residentName');
  const phone = await reveal(ctx, 'Demand', d, 'residentPhone');
  await ctx.em.transactional(async (em) => {
    await appendEvent(em, ctx, d.id, { kind: DemandEventKind.CONTACT_REVEALED, body: `查看联系方式：${reason}` });
  });
  ctx.loaders.clearAll();
  return { name: unseal(name), phone: unseal(phone) };
}

// ---- timeline -----------------------------------------------------------------------------------------

export const TIMELINE_LIMIT = 100;

/** A demand's latest TIMELINE_LIMIT events, oldest first, batched over demands. */
export function eventsOf(ctx: Context, demandId: number): Promise<DemandEventEntity[]> {
  return ctx.loaders
    .get<number, DemandEventEntity[]>('demand.events', async (ids) => {
      const rows = await sql(ctx.em,
        `select * from (select e.*, row_number() over (partition by e.demand_id order by e.id desc) as n from demand_event e where e.demand_id = any(?::int[])) x
         where x.n <= ? order by x.demand_id, x.id`, [[...ids], TIMELINE_LIMIT]);
      return groupBy(ids, fromRows(ctx.em, DemandEventEntity, rows), (e) => e.demandId);
    })
    .load(demandId);
}

export const ACTOR_ROLE: Record<DemandActorKind, string> = {
  STAFF: '社区工作人员',
  PARTNER: '合作单位',
  RESIDENT: '居民',
  SYSTEM: '系统',
};

/**
 * The timeline as this caller may see it: staff everything; a partner the public steps and its own unit's
 * notes (never other notes, never who among staff did what); null for others.
 */
export async function timelineFor(ctx: Context, d: DemandEntity): Promise<DemandEventEntity[]> {
  const events = await eventsOf(ctx, d.id);
  if (ctx.access.isStaff) return events;
  const unitId = ctx.access.partnerUnitId;
  if (unitId == null) return events.filter((e) => e.public);
  return events.filter((e) => e.public || (e.actorKind === DemandActorKind.PARTNER && e.actorUnitId === unitId));
}

/** Who took a step, by name: staff see staff and unit names; partners see only their own unit's name. */
export async function actorNameOf(ctx: Context, e: DemandEventEntity): Promise<string | null> {
  if (e.actorKind === DemandActorKind.PARTNER && e.actorUnitId != null) {
    if (ctx.access.isStaff || ctx.access.partnerUnitId === e.actorUnitId) return (await loadUnit(ctx, e.actorUnitId))?.name ?? null;
    return null;
  }
  if (e.actorKind === DemandActorKind.STAFF && e.actorAccountId != null && ctx.access.isStaff) return (await loadAccountName(ctx, e.actorAccountId)) ?? null;
  return null;
}

export function loadAccountName(ctx: Context, id: number): Promise<string | null> {
  return ctx.loaders
    .get<number, string | null>('demand.accountName', async (ids) => {
      const rows = await sql<{ id: number; display_name: string }>(ctx.em, `select id, display_name from account where id = any(?::int[])`, [[...ids]]);
      return byKey(ids, rows, (r) => r.id).map((r) => r?.display_name ?? null);
    })
    .load(id);
}

// ---- public view --------------------------------------------------------------------------------------

export interface PublicDemandView {
  ticketCode: string;
  title: string;
  category: DemandCategory;
  state: DemandState;
  placeText: string | null;
  communityName: string;
  rating: number | null;
  canRate: boolean;
  createdAt: Date;
  updatedAt: Date;
  timeline: PublicEvent[];
  replies: PublicEvent[];
}
interface PublicEvent { kind: DemandEventKind; toState: DemandState | null; body: string | null; actorRole: string; createdAt: Date }

/** What a resident sees: no personal data, no staff names, public steps only. */
export async function publicView(ctx: Context, d: DemandEntity): Promise<PublicDemandView> {
  const community = await loadNode(ctx, d.communityId);
  const events = (await eventsOf(ctx, d.id)).filter((e) => e.public);
  const timeline = events.map((e) => ({ kind: e.kind, toState: e.toState, body: e.body, actorRole: ACTOR_ROLE[e.actorKind], createdAt: e.createdAt }));
  return {
    ticketCode: d.ticketCode,
    title: d.title,
    category: d.category,
    state: d.state,
    placeText: [d.placeCompound, d.placeBuilding, d.placeText].filter(Boolean).join(' ') || null,
    communityName: community?.name ?? '',
    rating: d.rating,
    canRate: d.state === DemandState.RESOLVED && d.rating == null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    timeline,
    replies: timeline.filter((e) => e.kind === DemandEventKind.REPLY),
  };
}

/** The resident's lookup by ticket code: anyone holding the code. */
export async function demandByTicket(ctx: Context, code: string): Promise<DemandEntity | null> {
  const normalized = normalizeTicketCode(code ?? '');
  if (!CODE_PATTERN.test(normalized)) return null;
  const [row] = await sql(ctx.em, `select * from demand where ticket_code = ?`, [normalized]);
  return row ? fromRows(ctx.em, DemandEntity, [row])[0] : null;
}

// ---- what the caller may do ---------------------------------------------------------------------------

/** The steps the caller may take on this demand now: the table's steps from its state, narrowed by the policy. */
export async function allowedTransitions(ctx: Context, d: DemandEntity): Promise<DemandTransition[]> {
  if (!ctx.access.isStaff && !ctx.access.isPartner) return [];
  if (!(await can(ctx, 'write', 'Demand', d))) return [];
  const steps = transitionsFrom(d.state);
  return ctx.access.isPartner ? steps.filter((s) => s.partner) : steps;
}

export async function allowedActions(ctx: Context, d: DemandEntity): Promise<DemandAction[]> {
  return [...new Set((await allowedTransitions(ctx, d)).map((s) => s.action))];
}

// ---- deadlines ----------------------------------------------------------------------------------------

async function deadlineFor(em: EntityManager, communityId: number, category: DemandCategory): Promise<Deadline> {
  const [row] = await sql<{ first_response_hours: number; resolution_hours: number }>(em,
    `select first_response_hours, resolution_hours from demand_deadline where community_id = ? and category = ?`, [communityId, category]);
  return row ? { category, firstResponseHours: row.first_response_hours, resolutionHours: row.resolution_hours, custom: true } : defaultDeadline(category);
}

/** A community's deadlines for every category (staff of the community or above). */
export async function demandDeadlines(ctx: Context, communityGlobalId: string): Promise<Deadline[]> {
  ctx.access.requireStaff();
  const id = idOf(communityGlobalId, 'PartyCommittee');
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node || node.level !== OrgLevel.COMMUNITY || !ctx.access.grants.some((g) => g.communityId === node.id || node.path.startsWith(g.path))) return [];
  const rows = await sql<{ category: DemandCategory; first_response_hours: number; resolution_hours: number }>(ctx.em,
    `select category, first_response_hours, resolution_hours from demand_deadline where community_id = ?`, [node.id]);
  const custom = new Map(rows.map((r) => [r.category, r]));
  return Object.values(DemandCategory).map((category) => {
    const r = custom.get(category);
    return r ? { category, firstResponseHours: r.first_response_hours, resolutionHours: r.resolution_hours, custom: true } : defaultDeadline(category);
  });
}

export async function setDemandDeadline(ctx: Context, input: SetDemandDeadlineInput): Promise<Deadline> {
  const field = (name: string) => ['input', name];
  const first = input.firstResponseHours;
  const resolution = input.resolutionHours;
  if (!Number.isInteger(first) || first < 1 || first > 720) fail(UserErrorCode.INVALID_INPUT, '首次响应时限应为 1 到 720 小时', field('firstResponseHours'));
  if (!Number.isInteger(resolution) || resolution < 1 || resolution > 2160) fail(UserErrorCode.INVALID_INPUT, '办结时限应为 1 到 2160 小时', field('resolutionHours'));
  if (resolution < first) fail(UserErrorCode.INVALID_INPUT, '办结时限不能短于首次响应时限', field('resolutionHours'));
  const communityId = idOf(input.communityId, 'PartyCommittee');
  const community = await communityForWrite(ctx, communityId, field('communityId'));
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  await ctx.em.transactional(async (em) => {
    await sql(em,
      `insert into demand_deadline (community_id, category, first_response_hours, resolution_hours, updated_by, updated_at) values (?, ?, ?, ?, ?, now())
       on conflict (community_id, category) do update set first_response_hours = excluded.first_response_hours,
         resolution_hours = excluded.resolution_hours, updated_by = excluded.updated_by, updated_at = now()`,
      [community.id, input.category, first, resolution, accountId]);
  });
  return { category: input.category, firstResponseHours: first, resolutionHours: resolution, custom: true };
}

// ---- validation ---------------------------------------------------------------------------------------

function requireDemandId(globalId: string, field = ['input', 'demandId']): number {
  return idOf(globalId, 'Demand') ?? fail(UserErrorCode.NOT_FOUND, '找不到该诉求', field);
}

const chars = (text: string) => [...text].length;

function text(value: string | null | undefined, max: number, field: string[], label: string, required: boolean, multiline = false): string | null {
  const t = (value ?? '').trim();
  if (!t) {
    if (required) fail(UserErrorCode.INVALID_INPUT, `请填写${label}`, field);
    return null;
  }
  if (chars(t) > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  assertPrintable(t, field, label, multiline);
  return t;
}

function photoUrl(value: string, field: string[]): string {
  const url = value.trim();
  let ok = false;
  try {
    const parsed = new URL(url);
    ok = (parsed.protocol === 'https:' || parsed.protocol === 'http:') && url.length <= 500;
  } catch { ok = false; }
  if (!ok) fail(UserErrorCode.INVALID_INPUT, '照片地址应为 http 或 https 开头的网址（最长 500 个字符）', field);
  return url;
}

interface Place { compound: string | null; building: string | null; text: string | null; latitude: number | null; longitude: number | null }

function validPlace(place: DemandPlaceInput | null | undefined): Place {
  const f = (name: string) => ['input', 'place', name];
  const p = place ?? {};
  const lat = p.latitude ?? null;
  const lng = p.longitude ?? null;
  if (lat != null && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) fail(UserErrorCode.INVALID_INPUT, '纬度应在 -90 到 90 之间', f('latitude'));
  if (lng != null && !(Number.isFinite(lng) && lng >= -180 && lng <= 180)) fail(UserErrorCode.INVALID_INPUT, '经度应在 -180 到 180 之间', f('longitude'));
  if ((lat == null) !== (lng == null)) fail(UserErrorCode.INVALID_INPUT, '经纬度应同时填写', f(lat == null ? 'latitude' : 'longitude'));
  return {
    compound: text(p.compound, 100, f('compound'), '小区', false),
    building: text(p.building, 50, f('building'), '楼栋', false),
    text: text(p.text, 200, f('text'), '位置', false),
    latitude: lat,
    longitude: lng,
  };
}

function validKey(value: string | null | undefined): string | null {
  if (value == null || value === '') return null;
  const key = value.trim();
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key)) fail(UserErrorCode.INVALID_INPUT, '幂等键应为 8 到 100 个可见 ASCII 字符（例如 UUID）', ['input', 'idempotencyKey']);
  return key;
}

// ---- writes -------------------------------------------------------------------------------------------

export interface Actor { kind: DemandActorKind; accountId: number | null; unitId: number | null }

export function actorOf(ctx: Context): Actor {
  const p = ctx.access.principal;
  if (p.kind === 'staff') return { kind: DemandActorKind.STAFF, accountId: p.accountId, unitId: null };
  if (p.kind === 'partner') return { kind: DemandActorKind.PARTNER, accountId: null, unitId: p.unitId };
  return { kind: DemandActorKind.RESIDENT, accountId: null, unitId: null };
}

interface NewEvent {
  kind: DemandEventKind;
  fromState?: DemandState | null;
  toState?: DemandState | null;
  body?: string | null;
  public?: boolean;
  relatedDemandId?: number | null;
  escalationLevel?: number | null;
  rating?: number | null;
}

/** Append one step to a demand's timeline (inside the caller's transaction). */
export async function insertEvent(em: EntityManager, demandId: number, actor: Actor, e: NewEvent): Promise<void> {
  await sql(em,
    `insert into demand_event (demand_id, kind, from_state, to_state, body, public, actor_kind, actor_account_id, actor_unit_id, related_demand_id, escalation_level, rating)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [demandId, e.kind, e.fromState ?? null, e.toState ?? null, e.body ?? null, e.public ?? false, actor.kind, actor.accountId, actor.unitId,
      e.relatedDemandId ?? null, e.escalationLevel ?? null, e.rating ?? null]);
  announceDemand(em, demandId);
}

/**
 * Live updates (Subscription.demandChanged): every new timeline event announces its demand once the
 * transaction commits (state, assignment, notes and replies all add one).
 */
export const DEMAND_TOPIC = 'tongxin:demand';
export interface DemandChangeMessage { demandId: number }

export function announceDemand(em: EntityManager, demandId: number): void {
  publishAfterCommit(em, DEMAND_TOPIC, { demandId } satisfies DemandChangeMessage);
}

function appendEvent(em: EntityManager, ctx: Context, demandId: number, e: NewEvent): Promise<void> {
  return insertEvent(em, demandId, actorOf(ctx), e);
}

/** Lock a demand row for a change and map it as a managed entity. */
export async function lockDemand(em: EntityManager, id: number): Promise<DemandEntity | null> {
  const [row] = await sql(em, `select * from demand where id = ? for update`, [id]);
  return row ? em.map(DemandEntity, row) : null;
}

export function assertVersion(d: DemandEntity, expected: number): void {
  if (d.version !== expected) {
    fail(UserErrorCode.STALE, `诉求已被他人更新：当前状态为「${STATE_LABEL[d.state]}」(${d.state})，版本 ${d.version}，请刷新后重试`, ['input', 'expectedVersion']);
  }
}

interface Intake {
  communityId: number;
  orgNodeId: number;
  channel: DemandChannel;
  category: DemandCategory;
  priority: DemandPriority;
  title: string;
  description: string;
  place: Place;
  residentName: string | null;
  residentPhone: string | null;
  photoUrls: string[];
  source: DemandSource;
  createdBy: number | null;
  resolvedOnSpot: boolean;
  resolution: string | null;
  idempotencyKey: string | null;
}

/**
 * Insert a demand with a fresh ticket code and its first events. With an idempotency key already used in the
 * community, returns that demand instead: the unique index decides between concurrent requests (the second
 * insert waits for the first to commit, then does nothing and reads the first one's row).
 */
async function insertDemand(ctx: Context, intake: Intake, actor: Actor, now: Date, afterInsert?: AfterInsert): Promise<{ demand: DemandEntity; created: boolean }> {
  const existing = async (em: EntityManager) => {
    if (!intake.idempotencyKey) return null;
    const [row] = await sql(em, `select * from demand where community_id = ? and idempotency_key = ?`, [intake.communityId, intake.idempotencyKey]);
    return row ? fromRows(em, DemandEntity, [row])[0] : null;
  };
  const before = await existing(ctx.em);
  if (before) return { demand: before, created: false };
  const result = await ctx.em.transactional(async (em) => {
    const deadline = await deadlineFor(em, intake.communityId, intake.category);
    const state = intake.resolvedOnSpot ? DemandState.RESOLVED : DemandState.SUBMITTED;
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await sql(em,
        `insert into demand (community_id, org_node_id, ticket_code, title, description, channel, category, priority, state,
           place_compound, place_building, place_text, latitude, longitude, photo_urls, resident_name, resident_phone, source, created_by,
           resolved_on_spot, first_response_due_at, resolution_due_at, first_responded_at, resolved_at, idempotency_key, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict do nothing returning *`,
        [intake.communityId, intake.orgNodeId, newTicketCode(), intake.title, intake.description, intake.channel, intake.category, intake.priority, state,
          intake.place.compound, intake.place.building, intake.place.text, intake.place.latitude, intake.place.longitude, intake.photoUrls,
          seal(intake.residentName), seal(intake.residentPhone), intake.source, intake.createdBy, intake.resolvedOnSpot,
          addHours(now, deadline.firstResponseHours), addHours(now, deadline.resolutionHours),
          intake.resolvedOnSpot ? now : null, intake.resolvedOnSpot ? now : null, intake.idempotencyKey, now, now]);
      if (!row) {
        const other = await existing(em);
        if (other) return { demand: other, created: false };
        continue; // a ticket code collision: draw again
      }
      const demand = fromRows(em, DemandEntity, [row])[0];
      await insertEvent(em, demand.id, actor, { kind: DemandEventKind.CREATED, toState: DemandState.SUBMITTED, public: true, body: null });
      if (afterInsert) await afterInsert(em, demand);
      if (intake.resolvedOnSpot) {
        await insertEvent(em, demand.id, actor, {
          kind: DemandEventKind.TRANSITION, fromState: DemandState.SUBMITTED, toState: DemandState.RESOLVED, public: true,
          body: `立行立改${intake.resolution ? `：${intake.resolution}` : ''}`,
        });
      }
      return { demand, created: true };
    }
    throw new Error('could not draw an unused ticket code');
  });
  ctx.loaders.clearAll();
  return result;
}

/**
 * Runs inside the intake's transaction right after a NEW demand's insert (not for an idempotent repeat): another
 * module links its own row to the demand there (a service order to its offer); throwing rolls the demand back.
 */
export type AfterInsert = (em: EntityManager, demand: DemandEntity) => Promise<void>;

/** Staff intake: at the door, on the phone, on a walk (the channel is preset by the form). */
export async function createDemand(ctx: Context, input: CreateDemandInput, now = new Date()): Promise<DemandEntity> {
  const field = (name: string) => ['input', name];
  ctx.access.requireStaffNotPartner();
  const errors: ReturnType<typeof userError>[] = [];
  const title = text(input.title, 100, field('title'), '标题', true)!;
  const description = text(input.description, 5000, field('description'), '问题描述', false, true) ?? '';
  const place = validPlace(input.place);
  const residentName = text(input.residentName, 20, field('residentName'), '居民姓名', false);
  const residentPhone = input.residentPhone == null || input.residentPhone.trim() === '' ? null : validMobile(input.residentPhone, field('residentPhone'));
  const photos = input.photoUrls ?? [];
  if (photos.length > 9) errors.push(userError(UserErrorCode.INVALID_INPUT, '照片最多 9 张', field('photoUrls')));
  const photoUrls = photos.map((u, i) => photoUrl(u, ['input', 'photoUrls', String(i)]));
  const resolvedOnSpot = input.resolvedOnSpot === true;
  const resolution = text(input.resolution, 2000, field('resolution'), '处理情况', false, true);
  const idempotencyKey = validKey(input.idempotencyKey);
  if (errors.length) throw new UserFacingError(errors);

  const nodeId = idOf(input.orgNodeId, 'PartyCommittee', 'Branch');
  const node = nodeId == null ? null : await loadNode(ctx, nodeId);
  if (!node || (node.level !== OrgLevel.COMMUNITY && node.level !== OrgLevel.BRANCH)) fail(UserErrorCode.NOT_FOUND, '找不到该社区党委或党支部', field('orgNodeId'));
  if (node.archived) fail(UserErrorCode.ARCHIVED, `${node.name}已归档，不能登记新诉求`, field('orgNodeId'));
  const communityId = node.level === OrgLevel.COMMUNITY ? node.id : node.communityId!;
  // the policy decides on the demand as it would be
  const draft = Object.assign(Object.create(DemandEntity.prototype) as DemandEntity, { communityId, orgNodeId: node.id, assignedBranchId: null, assignedUnitId: null });
  await assertCan(ctx, 'write', 'Demand', draft, '无权在该组织下登记诉求');
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const { demand } = await insertDemand(ctx, {
    communityId, orgNodeId: node.id, channel: input.channel, category: input.category, priority: input.priority ?? DemandPriority.NORMAL,
    title, description, place, residentName, residentPhone, photoUrls, source: DemandSource.STAFF, createdBy: accountId,
    resolvedOnSpot, resolution, idempotencyKey,
  }, actorOf(ctx), now);
  return (await findVisibleDemand(ctx, demand.id)) ?? fail(UserErrorCode.NOT_FOUND, '找不到该诉求', field('idempotencyKey'));
}

/**
 * A resident files a demand on the public page: anonymous, channel ONLINE, owned by the community committee. A
 * partner token may relay one into its own community (source PARTNER).
 */
export async function submitDemand(ctx: Context, input: SubmitDemandInput, now = new Date(), afterInsert?: AfterInsert): Promise<DemandEntity> {
  const field = (name: string) => ['input', name];
  const description = text(input.description, 5000, field('description'), '问题描述', true, true)!;
  const title = text(input.title, 100, field('title'), '标题', false) ?? firstChars(description, 30);
  const place = validPlace(input.place);
  const name = text(input.name, 20, field('name'), '姓名', true)!;
  const phone = validMobile(input.phone ?? '', field('phone'));
  const photoUrls = input.photoUrl == null || input.photoUrl.trim() === '' ? [] : [photoUrl(input.photoUrl, field('photoUrl'))];
  const idempotencyKey = validKey(input.idempotencyKey);
  const communityId = idOf(input.communityId, 'PartyCommittee');
  const community = communityId == null ? null : await loadNode(ctx, communityId);
  if (!community || community.level !== OrgLevel.COMMUNITY || community.archived) fail(UserErrorCode.NOT_FOUND, '找不到该社区', field('communityId'));
  // a partner's program relaying a resident's request (Open311): only into the token's community, recorded as the unit's
  const relayed = ctx.access.isPartner;
  if (relayed && ctx.access.partnerCommunityId !== community.id) fail(UserErrorCode.NOT_FOUND, '合作单位令牌只能向签发令牌的社区提交诉求', field('communityId'));
  const { demand } = await insertDemand(ctx, {
    communityId: community.id, orgNodeId: community.id, channel: DemandChannel.ONLINE, category: input.category, priority: DemandPriority.NORMAL,
    title, description, place, residentName: name, residentPhone: phone, photoUrls, source: relayed ? DemandSource.PARTNER : DemandSource.RESIDENT, createdBy: null,
    resolvedOnSpot: false, resolution: null, idempotencyKey,
  }, relayed ? actorOf(ctx) : { kind: DemandActorKind.RESIDENT, accountId: null, unitId: null }, now, afterInsert);
  return demand;
}

function firstChars(text: string, n: number): string {
  const line = text.split('\n')[0].trim();
  const cs = [...line];
  return cs.length > n ? `${cs.slice(0, n).join('')}…` : line;
}

/**
 * Who may be handed a demand: an active staff account with a working grant (not VIEWER) on the demand's org node
 * or above it, or on the branch it is assigned to. One rule, for the ASSIGN step and for the list of candidates;
 * `g` is access_grant and `n` its org_node.
 */
function assigneeGrantRule(d: DemandEntity, demandNode: Pick<OrgNodeEntity, 'path'>): { where: string; params: unknown[] } {
  return { where: `g.role <> 'VIEWER' and (starts_with(?, n.path) or n.id = ?)`, params: [demandNode.path, d.assignedBranchId ?? -1] };
}

export const ASSIGNABLE_LIMIT = 100;
const ROLE_RANK = `case g.role when 'COMMITTEE_ADMIN' then 0 when 'BRANCH_SECRETARY' then 1 when 'GRID_WORKER' then 2 else 3 end`;

export interface AssignableAccountRow { id: number; displayName: string; role: GrantRole }

/**
 * The staff accounts a demand may be assigned to (the ASSIGN step's rule), each with its strongest qualifying
 * role; empty unless the caller may take the ASSIGN step on the demand now. One statement.
 */
export async function assignableAccounts(ctx: Context, demandId: string): Promise<AssignableAccountRow[]> {
  if (!ctx.access.isStaff) return [];
  const id = idOf(demandId, 'Demand');
  const d = id == null ? null : await findVisibleDemand(ctx, id);
  if (!d || !(await allowedActions(ctx, d)).includes(DemandAction.ASSIGN)) return [];
  const node = await loadNode(ctx, d.orgNodeId);
  if (!node) return [];
  const rule = assigneeGrantRule(d, node);
  const rows = await sql<{ id: number; display_name: string; role: GrantRole; rank: number }>(ctx.em,
    `select * from (
       select distinct on (a.id) a.id, a.display_name, g.role, ${ROLE_RANK} as rank
       from access_grant g join org_node n on n.id = g.org_node_id join account a on a.id = g.account_id
       where a.disabled_at is null and ${rule.where}
       order by a.id, ${ROLE_RANK}
     ) x order by x.rank, x.display_name, x.id limit ${ASSIGNABLE_LIMIT}`, rule.params);
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}

/** The assignee of an ASSIGN step, checked against the demand: exactly one of account, branch, unit. */
async function resolveAssignee(ctx: Context, d: DemandEntity, input: TransitionDemandInput): Promise<{ accountId: number | null; branchId: number | null; unitId: number | null; label: string; isPublic: boolean }> {
  const f = (name: string) => ['input', 'assignee', name];
  const a = input.assignee ?? {};
  const given = [a.accountId, a.orgNodeId, a.unitId].filter((x) => x != null && x !== '');
  if (given.length !== 1) fail(UserErrorCode.INVALID_INPUT, '指派对象应为一名工作人员、一个党支部或一个共建单位（三选一）', ['input', 'assignee']);
  const demandNode = await loadNode(ctx, d.orgNodeId);
  if (a.accountId) {
    const id = idOf(a.accountId, 'Account');
    const rule = demandNode && assigneeGrantRule(d, demandNode);
    const [row] = id == null || !rule ? [] : await sql<{ display_name: string }>(ctx.em,
      `select a.display_name from account a where a.id = ? and a.disabled_at is null and exists (
         select 1 from access_grant g join org_node n on n.id = g.org_node_id
         where g.account_id = a.id and ${rule.where})`, [id, ...rule.params]);
    if (!row) fail(UserErrorCode.INVALID_INPUT, '该工作人员不负责此诉求所在的组织，不能指派', f('accountId'));
    return { accountId: id, branchId: null, unitId: null, label: row.display_name, isPublic: false };
  }
  if (a.orgNodeId) {
    const id = idOf(a.orgNodeId, 'Branch');
    const branch = id == null ? null : await loadNode(ctx, id);
    if (!branch || branch.level !== OrgLevel.BRANCH || branch.communityId !== d.communityId) fail(UserErrorCode.INVALID_INPUT, '只能指派给本社区的党支部', f('orgNodeId'));
    if (branch.archived) fail(UserErrorCode.ARCHIVED, `${branch.name}已归档，不能指派`, f('orgNodeId'));
    return { accountId: null, branchId: branch.id, unitId: null, label: branch.name, isPublic: true };
  }
  const id = idOf(a.unitId, 'CoBuildingUnit');
  const [row] = id == null ? [] : await sql<{ name: string }>(ctx.em,
    `select u.name from co_building_unit u join unit_community uc on uc.unit_id = u.id where u.id = ? and uc.community_id = ?`, [id, d.communityId]);
  if (!row) fail(UserErrorCode.INVALID_INPUT, '只能指派给与本社区共建的单位', f('unitId'));
  return { accountId: null, branchId: null, unitId: id, label: row.name, isPublic: true };
}

function refusedStep(ctx: Context, d: DemandEntity, action: DemandAction, allowed: DemandAction[]): never {
  const names = allowed.map((a) => `${ACTION_LABEL[a]}（${a}）`).join('、');
  fail(UserErrorCode.INVALID_TRANSITION,
    `诉求当前为「${STATE_LABEL[d.state]}」，不能「${ACTION_LABEL[action]}」。${names ? `当前可执行：${names}` : '当前没有您可执行的操作'}`,
    ['input', 'action']);
}

/** Take one step of the lifecycle, as the transition table and the policy allow. */
export async function transitionDemand(ctx: Context, input: TransitionDemandInput, now = new Date()): Promise<DemandEntity> {
  const id = requireDemandId(input.demandId);
  const seen = await findVisibleDemand(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该诉求', ['input', 'demandId']);
  await assertCan(ctx, 'write', 'Demand', seen);
  // decide what the caller may do on the version they saw; the locked row must still be that version
  const allowed = await allowedTransitions(ctx, seen);
  const step = allowed.find((s) => s.action === input.action && s.from === seen.state);
  const reason = text(input.reason, 2000, ['input', 'reason'], '原因', false, true);
  let duplicateOf: DemandEntity | null = null;
  let assignee: Awaited<ReturnType<typeof resolveAssignee>> | null = null;
  if (seen.version === input.expectedVersion) {
    if (!step) refusedStep(ctx, seen, input.action, allowed.map((s) => s.action));
    if (step.needs.includes('reason') && !reason) fail(UserErrorCode.INVALID_INPUT, `「${ACTION_LABEL[step.action]}」需要填写原因`, ['input', 'reason']);
    if (step.needs.includes('duplicateOf')) {
      const dupId = input.duplicateOfId ? idOf(input.duplicateOfId, 'Demand') : null;
      duplicateOf = dupId == null ? null : await findVisibleDemand(ctx, dupId);
      if (!duplicateOf) fail(UserErrorCode.INVALID_INPUT, '请指定重复的原诉求', ['input', 'duplicateOfId']);
      if (duplicateOf.id === seen.id) fail(UserErrorCode.INVALID_INPUT, '诉求不能与自身重复', ['input', 'duplicateOfId']);
      if (duplicateOf.communityId !== seen.communityId) fail(UserErrorCode.INVALID_INPUT, '原诉求应属于同一社区', ['input', 'duplicateOfId']);
      if (duplicateOf.state === DemandState.DUPLICATE) fail(UserErrorCode.INVALID_INPUT, `原诉求 ${duplicateOf.ticketCode} 本身也是重复诉求，请指向最初的诉求`, ['input', 'duplicateOfId']);
    }
    if (step.needs.includes('assignee')) assignee = await resolveAssignee(ctx, seen, input);
  }

  const actor = actorOf(ctx);
  await ctx.em.transactional(async (em) => {
    const d = (await lockDemand(em, id))!;
    assertVersion(d, input.expectedVersion);
    const t = findTransition(d.state, input.action)!;
    const from = d.state;
    d.state = t.to;
    d.version += 1;
    d.updatedAt = now;
    let kind = DemandEventKind.TRANSITION;
    let body = reason;
    let isPublic = true;
    switch (t.action) {
      case DemandAction.ACCEPT:
      case DemandAction.REJECT:
        d.firstRespondedAt ??= now;
        if (t.action === DemandAction.REJECT) d.closedAt = now;
        break;
      case DemandAction.MARK_DUPLICATE:
        d.firstRespondedAt ??= now;
        d.duplicateOfId = duplicateOf!.id;
        d.closedAt = now;
        body = reason ?? '与已登记的诉求重复，将一并办理';
        break;
      case DemandAction.ASSIGN:
        d.assignedAccountId = assignee!.accountId;
        d.assignedBranchId = assignee!.branchId;
        d.assignedUnitId = assignee!.unitId;
        d.firstRespondedAt ??= now;
        kind = DemandEventKind.ASSIGNED;
        body = `指派给${assignee!.isPublic ? '' : '工作人员'}${assignee!.label}${reason ? `：${reason}` : ''}`;
        isPublic = assignee!.isPublic;
        break;
      case DemandAction.START:
        d.firstRespondedAt ??= now;
        break;
      case DemandAction.RESOLVE:
        d.firstRespondedAt ??= now;
        d.resolvedAt = now;
        break;
      case DemandAction.CLOSE:
        d.closedAt = now;
        break;
      case DemandAction.REOPEN: {
        kind = DemandEventKind.REOPENED;
        const deadline = await deadlineFor(em, d.communityId, d.category);
        d.resolutionDueAt = addHours(now, deadline.resolutionHours);
        break;
      }
    }
    await em.flush();
    await insertEvent(em, d.id, actor, { kind, fromState: from, toState: t.to, body, public: isPublic, relatedDemandId: duplicateOf?.id ?? null });
    if (duplicateOf) {
      // linked both ways: the original's timeline names the duplicate (staff only: another resident's ticket)
      await insertEvent(em, duplicateOf.id, actor, { kind: DemandEventKind.DUPLICATE_LINKED, body: `重复诉求 ${d.ticketCode} 已并入本诉求`, public: false, relatedDemandId: d.id });
    }
  });
  ctx.loaders.clearAll();
  return (await loadDemand(ctx, id))!;
}

/** An internal note or a public reply; a public reply counts as the first response. */
export async function addDemandComment(ctx: Context, input: AddDemandCommentInput, now = new Date()): Promise<DemandEntity> {
  const id = requireDemandId(input.demandId);
  const body = text(input.body, 2000, ['input', 'body'], '内容', true, true)!;
  const seen = await findVisibleDemand(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该诉求', ['input', 'demandId']);
  await assertCan(ctx, 'write', 'Demand', seen);
  const isPublic = input.visibility === DemandCommentVisibility.PUBLIC;
  const actor = actorOf(ctx);
  await ctx.em.transactional(async (em) => {
    const d = (await lockDemand(em, id))!;
    assertVersion(d, input.expectedVersion);
    d.version += 1;
    d.updatedAt = now;
    if (isPublic) d.firstRespondedAt ??= now;
    await em.flush();
    await insertEvent(em, d.id, actor, { kind: isPublic ? DemandEventKind.REPLY : DemandEventKind.NOTE, body, public: isPublic });
  });
  ctx.loaders.clearAll();
  return (await loadDemand(ctx, id))!;
}

/** The resident's rating by ticket code: only when RESOLVED, once; 1-2 reopens the demand, 3-5 closes it. */
export async function rateDemand(ctx: Context, input: RateDemandInput, now = new Date()): Promise<DemandEntity> {
  const code = normalizeTicketCode(input.ticketCode ?? '');
  if (!CODE_PATTERN.test(code)) fail(UserErrorCode.NOT_FOUND, '受理编号不正确', ['input', 'ticketCode']);
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) fail(UserErrorCode.INVALID_INPUT, '评分应为 1 到 5 的整数', ['input', 'rating']);
  const comment = text(input.comment, 500, ['input', 'comment'], '评价内容', false, true);
  const actor: Actor = { kind: DemandActorKind.RESIDENT, accountId: null, unitId: null };
  const id = await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from demand where ticket_code = ? for update`, [code]);
    if (!row) fail(UserErrorCode.NOT_FOUND, '受理编号不正确', ['input', 'ticketCode']);
    const d = em.map(DemandEntity, row);
    if (d.rating != null) fail(UserErrorCode.INVALID_STATE, '该诉求已经评价过，每件诉求只能评价一次', ['input', 'ticketCode']);
    if (d.state !== DemandState.RESOLVED) fail(UserErrorCode.INVALID_STATE, `诉求当前为「${STATE_LABEL[d.state]}」，办结后才能评价`, ['input', 'ticketCode']);
    const t = findTransition(d.state, input.rating <= 2 ? DemandAction.REOPEN : DemandAction.CLOSE)!;
    const from = d.state;
    d.rating = input.rating;
    d.ratingComment = comment;
    d.ratedAt = now;
    d.state = t.to;
    d.version += 1;
    d.updatedAt = now;
    if (t.action === DemandAction.CLOSE) d.closedAt = now;
    else d.resolutionDueAt = addHours(now, (await deadlineFor(em, d.communityId, d.category)).resolutionHours);
    await em.flush();
    await insertEvent(em, d.id, actor, { kind: DemandEventKind.RATED, rating: input.rating, body: comment, public: true });
    await insertEvent(em, d.id, actor, {
      kind: t.action === DemandAction.REOPEN ? DemandEventKind.REOPENED : DemandEventKind.TRANSITION, fromState: from, toState: t.to, public: true,
      body: t.action === DemandAction.REOPEN ? '居民不满意，重新办理' : '居民评价后关闭',
    });
    return d.id;
  });
  ctx.loaders.clearAll();
  return (await loadDemand(ctx, id))!;
}

export type { OrgNodeEntity };
