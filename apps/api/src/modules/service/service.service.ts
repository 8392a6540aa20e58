/**
 * The service menu (菜单式服务): offers, and orders that are resident demands linked to an offer.
 *
 * 点单 a resident orders an offer: `submitDemand` (ticket code, deadlines, sealed contact, idempotency) with a hook
 *      that, in the same transaction, locks the offer, checks its weekly capacity and writes the `service_order` link;
 * 下单 staff dispatch it to a volunteer, a member (through their volunteer record) or a team: the demand's ACCEPT and
 *      ASSIGN steps;
 * 接单 the volunteer (their account) or staff take it: START;
 * 完成 RESOLVE with the hours it took, written as service records (source SERVICE_ORDER) in the same transaction, so
 *      they roll up with activity hours;
 * 评价 the resident rates it by ticket code: the demand's rating (`rateDemand`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey } from '../../graphql/loaders.js';
import { idOf, toGlobalId, fromGlobalId, type Page } from '../../graphql/relay.js';
import { assertPrintable, validInt, validText } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, can, condition, readable, revealFields } from '../access/index.js';
import { communityForWrite, loadNode, OrgLevel } from '../org/index.js';
import { maskName, seal, unseal } from '../privacy/index.js';
import {
  actorOf, assertVersion, DemandAction, DemandCategory, DemandEntity, DemandEventKind, DemandState, findTransition, findVisibleDemand, insertEvent,
  loadDemand, lockDemand, STATE_LABEL, submitDemand, type Actor,
} from '../demand/index.js';
import { ServiceAssigneeKind, ServiceCategory, ServiceOfferEntity, ServiceOrderEntity, ServiceProviderKind } from './service.entity.js';
import type { CompleteServiceOrderInput, DispatchServiceOrderInput, OrderServiceInput, ServiceOfferCreateInput, ServiceOfferUpdateInput } from './service.types.js';
import './service.policy.js';

const field = (name: string) => ['input', name];
const chars = (s: string) => [...s].length;

function optional(value: string | null | undefined, max: number, f: string[], label: string, multiline = false): string | null {
  const t = (value ?? '').trim();
  if (!t) return null;
  if (chars(t) > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, f);
  assertPrintable(t, f, label, multiline);
  return t;
}

// ---- offers -------------------------------------------------------------------------------------------

export function loadOffer(ctx: Context, id: number): Promise<ServiceOfferEntity | null> {
  return ctx.loaders
    .get<number, ServiceOfferEntity | null>('service.offer', async (ids) =>
      byKey(ids, fromRows(ctx.em, ServiceOfferEntity, await sql(ctx.em, `select * from service_offer where id = any(?::int[])`, [[...ids]])), (o) => o.id))
    .load(id);
}

export async function findVisibleOffer(ctx: Context, id: number): Promise<ServiceOfferEntity | null> {
  return readable(ctx, 'ServiceOffer', await loadOffer(ctx, id));
}

export interface OfferFilter { category?: ServiceCategory | null; includeHidden?: boolean | null }

function offerWhere(ctx: Context, communityId: number, f: OfferFilter): { sql: string; params: unknown[] } | null {
  const c = condition(ctx, 'read', 'ServiceOffer', 'o');
  if (c.sql === 'false') return null;
  const parts = [c.sql, 'o.community_id = ?'];
  const params: unknown[] = [...c.params, communityId];
  if (!f.includeHidden) parts.push('o.published and o.archived_at is null');
  if (f.category) { parts.push('o.category = ?'); params.push(f.category); }
  return { sql: parts.join(' and '), params };
}

/** A community's offers you may read, by category then name; hidden ones (unpublished, archived) only on request. */
export async function listOffers(ctx: Context, communityGlobalId: string, f: OfferFilter, page: Page): Promise<{ rows: ServiceOfferEntity[]; total: () => Promise<number> }> {
  const communityId = idOf(communityGlobalId, 'PartyCommittee');
  const where = communityId == null ? null : offerWhere(ctx, communityId, f);
  if (!where) return { rows: [], total: async () => 0 };
  const rows = await sql(ctx.em, `select o.* from service_offer o where ${where.sql} order by o.archived_at nulls first, o.category, o.title, o.id limit ? offset ?`,
    [...where.params, page.limit + 1, page.offset]);
  return {
    rows: fromRows(ctx.em, ServiceOfferEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from service_offer o where ${where.sql}`, where.params))[0].count),
  };
}

export interface ProviderView { kind: ServiceProviderKind; name: string; id: string | null }

/** Who offers it: a team or unit by name, a person masked. */
export async function providerOf(ctx: Context, o: ServiceOfferEntity): Promise<ProviderView> {
  const one = async (q: string, id: number) => (await sql<{ name: string }>(ctx.em, q, [id]))[0]?.name ?? '';
  switch (o.providerKind) {
    case ServiceProviderKind.MEMBER:
      return { kind: o.providerKind, name: maskName(await one(`select name from party_member where id = ?`, o.memberId!)), id: toGlobalId('PartyMember', o.memberId!) };
    case ServiceProviderKind.VOLUNTEER:
      return { kind: o.providerKind, name: maskName(await one(`select name from volunteer where id = ?`, o.volunteerId!)), id: toGlobalId('Volunteer', o.volunteerId!) };
    case ServiceProviderKind.VOLUNTEER_TEAM:
      return { kind: o.providerKind, name: await one(`select name from volunteer_team where id = ?`, o.teamId!), id: toGlobalId('VolunteerTeam', o.teamId!) };
    default:
      return { kind: o.providerKind, name: await one(`select name from co_building_unit where id = ?`, o.unitId!), id: toGlobalId('CoBuildingUnit', o.unitId!) };
  }
}

/** How many orders the offer took in the current week (Monday 00:00 Asia/Shanghai on), rejected and duplicates not counted. */
export async function ordersThisWeek(em: EntityManager, offerId: number, now: Date): Promise<number> {
  const [{ count }] = await sql<{ count: string }>(em,
    `select count(*) from service_order so join demand d on d.id = so.demand_id
     where so.offer_id = ? and so.created_at >= ? and d.state not in ('REJECTED', 'DUPLICATE')`, [offerId, weekStart(now)]);
  return Number(count);
}

/** Monday 00:00 of the week of `now`, Asia/Shanghai (UTC+8, no daylight saving). */
export function weekStart(now: Date): Date {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const day = (local.getUTCDay() + 6) % 7; // Monday 0
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day);
  return new Date(monday - 8 * 3600_000);
}

async function resolveProvider(ctx: Context, communityId: number, providerId: string): Promise<Pick<ServiceOfferEntity, 'providerKind' | 'memberId' | 'volunteerId' | 'teamId' | 'unitId'>> {
  const g = fromGlobalId(providerId ?? '');
  const none = { memberId: null, volunteerId: null, teamId: null, unitId: null };
  const bad = () => fail(UserErrorCode.INVALID_INPUT, '提供者应为本社区的党员、志愿者、志愿服务队或共建单位', field('providerId'));
  if (!g) bad();
  if (g!.type === 'PartyMember') {
    const [row] = await sql(ctx.em, `select 1 from party_member m join org_node n on n.id = m.org_node_id where m.id = ? and (n.id = ? or n.community_id = ?)`, [g!.id, communityId, communityId]);
    if (!row) bad();
    return { ...none, providerKind: ServiceProviderKind.MEMBER, memberId: g!.id };
  }
  if (g!.type === 'Volunteer') {
    const [row] = await sql(ctx.em, `select 1 from volunteer where id = ? and community_id = ? and archived_at is null`, [g!.id, communityId]);
    if (!row) bad();
    return { ...none, providerKind: ServiceProviderKind.VOLUNTEER, volunteerId: g!.id };
  }
  if (g!.type === 'VolunteerTeam') {
    const [row] = await sql(ctx.em, `select 1 from volunteer_team where id = ? and community_id = ? and archived_at is null`, [g!.id, communityId]);
    if (!row) bad();
    return { ...none, providerKind: ServiceProviderKind.VOLUNTEER_TEAM, teamId: g!.id };
  }
  if (g!.type === 'CoBuildingUnit') {
    const [row] = await sql(ctx.em, `select 1 from unit_community where unit_id = ? and community_id = ?`, [g!.id, communityId]);
    if (!row) bad();
    return { ...none, providerKind: ServiceProviderKind.UNIT, unitId: g!.id };
  }
  return bad();
}

export async function createOffer(ctx: Context, input: ServiceOfferCreateInput): Promise<ServiceOfferEntity> {
  const community = await communityForWrite(ctx, idOf(input.communityId, 'PartyCommittee'), field('communityId'));
  const title = validText(input.title, 50, field('title'), '服务名称');
  const description = optional(input.description, 1000, field('description'), '服务说明', true) ?? '';
  const schedule = validText(input.schedule, 100, field('schedule'), '服务时间');
  const place = validText(input.place, 100, field('place'), '服务地点');
  const capacityPerWeek = validInt(input.capacityPerWeek, 1, 500, field('capacityPerWeek'), '每周可接单数')!;
  const provider = await resolveProvider(ctx, community.id, input.providerId);
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const draft = Object.assign(new ServiceOfferEntity(), { communityId: community.id });
  await assertCan(ctx, 'write', 'ServiceOffer', draft);
  const [row] = await ctx.em.transactional((em) => sql<{ id: number }>(em,
    `insert into service_offer (community_id, title, category, description, schedule, place, capacity_per_week, provider_kind, member_id, volunteer_id, team_id, unit_id, published, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [community.id, title, input.category, description, schedule, place, capacityPerWeek, provider.providerKind, provider.memberId, provider.volunteerId,
      provider.teamId, provider.unitId, input.published ?? true, accountId]));
  ctx.loaders.clearAll();
  return (await loadOffer(ctx, row.id))!;
}

export async function updateOffer(ctx: Context, input: ServiceOfferUpdateInput, now = new Date()): Promise<ServiceOfferEntity> {
  const id = idOf(input.id, 'ServiceOffer');
  const seen = id == null ? null : await findVisibleOffer(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该服务', field('id'));
  ctx.access.requireStaff();
  await assertCan(ctx, 'write', 'ServiceOffer', seen);
  if (seen.archived && input.archived !== false) fail(UserErrorCode.ARCHIVED, '该服务已下架归档，不能修改', field('id'));
  const set: Partial<ServiceOfferEntity> = {};
  if (input.title != null) set.title = validText(input.title, 50, field('title'), '服务名称');
  if (input.category != null) set.category = input.category;
  if (input.description != null) set.description = optional(input.description, 1000, field('description'), '服务说明', true) ?? '';
  if (input.schedule != null) set.schedule = validText(input.schedule, 100, field('schedule'), '服务时间');
  if (input.place != null) set.place = validText(input.place, 100, field('place'), '服务地点');
  if (input.capacityPerWeek != null) set.capacityPerWeek = validInt(input.capacityPerWeek, 1, 500, field('capacityPerWeek'), '每周可接单数')!;
  if (input.published != null) set.published = input.published;
  if (input.archived != null) set.archivedAt = input.archived ? now : null;
  await ctx.em.transactional(async (em) => {
    const o = await em.findOneOrFail(ServiceOfferEntity, { id: seen.id });
    Object.assign(o, set, { updatedAt: now });
    await em.flush();
  });
  ctx.loaders.clearAll();
  return (await loadOffer(ctx, seen.id))!;
}

// ---- orders -------------------------------------------------------------------------------------------

const DEMAND_CATEGORY: Record<ServiceCategory, DemandCategory> = {
  REPAIR: DemandCategory.FACILITIES,
  HOUSEKEEPING: DemandCategory.OTHER,
  HEALTH: DemandCategory.ELDERLY_CARE,
  ELDERLY: DemandCategory.ELDERLY_CARE,
  LEGAL: DemandCategory.NEIGHBOUR_DISPUTE,
  CULTURE: DemandCategory.OTHER,
  DELIVERY: DemandCategory.ELDERLY_CARE,
  OTHER: DemandCategory.OTHER,
};

export const ORDER_TITLE_PREFIX = '便民服务：';

/** 点单: a resident orders an offer (public, no account). The order is a demand; the code follows and rates it. */
export async function orderService(ctx: Context, input: OrderServiceInput, now = new Date()): Promise<DemandEntity> {
  const offerId = idOf(input.offerId, 'ServiceOffer');
  const offer = offerId == null ? null : await loadOffer(ctx, offerId);
  if (!offer || !offer.published || offer.archived) fail(UserErrorCode.NOT_FOUND, '找不到该服务，或该服务已下架', field('offerId'));
  const address = validText(input.address, 100, field('address'), '服务地址');
  const preferredTime = optional(input.preferredTime, 50, field('preferredTime'), '希望时间');
  const note = optional(input.note, 500, field('note'), '补充说明', true);
  const description = [`点单「${offer.title}」`, preferredTime ? `希望时间：${preferredTime}` : null, note].filter(Boolean).join('\n');
  return submitDemand(ctx, {
    communityId: toGlobalId('PartyCommittee', offer.communityId),
    category: DEMAND_CATEGORY[offer.category],
    title: `${ORDER_TITLE_PREFIX}${offer.title}`,
    description,
    name: input.name,
    phone: input.phone,
    idempotencyKey: input.idempotencyKey,
  }, now, async (em, demand) => {
    // the offer row's lock makes concurrent orders of one offer take turns: the count below is exact
    const [locked] = await sql<{ capacity_per_week: number; published: boolean; archived_at: Date | null }>(em,
      `select capacity_per_week, published, archived_at from service_offer where id = ? for update`, [offer.id]);
    if (!locked || !locked.published || locked.archived_at != null) fail(UserErrorCode.NOT_FOUND, '找不到该服务，或该服务已下架', field('offerId'));
    const taken = await ordersThisWeek(em, offer.id, now);
    if (taken >= locked.capacity_per_week) {
      fail(UserErrorCode.SERVICE_FULL, `「${offer.title}」本周 ${locked.capacity_per_week} 个名额已约满，请下周再来点单或选择其他服务`, field('offerId'));
    }
    await sql(em, `insert into service_order (demand_id, community_id, offer_id, address, preferred_time, created_at) values (?, ?, ?, ?, ?, ?)`,
      [demand.id, offer.communityId, offer.id, seal(address), preferredTime, now]);
  });
}

export function orderOf(ctx: Context, demandId: number): Promise<ServiceOrderEntity | null> {
  return ctx.loaders
    .get<number, ServiceOrderEntity | null>('service.order', async (ids) =>
      byKey(ids, fromRows(ctx.em, ServiceOrderEntity, await sql(ctx.em, `select * from service_order where demand_id = any(?::int[])`, [[...ids]])), (o) => o.demandId))
    .load(demandId);
}

/** The order of a ticket code (for the resident's code page): the offer's title, or null when the code is a plain demand. */
export async function offerTitleOfTicket(ctx: Context, ticketCode: string): Promise<string | null> {
  const [row] = await sql<{ title: string }>(ctx.em,
    `select o.title from demand d join service_order so on so.demand_id = d.id join service_offer o on o.id = so.offer_id where d.ticket_code = ?`, [ticketCode]);
  return row?.title ?? null;
}

export interface OrderFilter { states?: DemandState[] | null; offerId?: string | null; mine?: boolean | null }

/** Service orders you may read (the Demand policy), newest first. */
export async function listOrders(ctx: Context, communityGlobalId: string | null, f: OrderFilter, page: Page): Promise<{ rows: ServiceOrderEntity[]; total: () => Promise<number> }> {
  // `mine` is its own access rule (dispatched to the caller); otherwise the Demand policy's read condition
  const c = f.mine ? { sql: 'true', params: [] } : condition(ctx, 'read', 'Demand', 'd');
  const empty = { rows: [], total: async () => 0 };
  if (c.sql === 'false') return empty;
  const parts = [c.sql];
  const params: unknown[] = [...c.params];
  if (communityGlobalId != null) {
    const id = idOf(communityGlobalId, 'PartyCommittee');
    if (id == null) return empty;
    parts.push('so.community_id = ?'); params.push(id);
  }
  if (f.states?.length) { parts.push('d.state = any(?::text[])'); params.push(f.states); }
  if (f.offerId) {
    const id = idOf(f.offerId, 'ServiceOffer');
    if (id == null) return empty;
    parts.push('so.offer_id = ?'); params.push(id);
  }
  if (f.mine) {
    const p = ctx.access.principal;
    if (p.kind !== 'staff') return empty;
    parts.push(`(d.assigned_account_id = ? or exists (select 1 from volunteer_team_member m join volunteer v on v.id = m.volunteer_id where m.team_id = so.assigned_team_id and v.account_id = ?))`);
    params.push(p.accountId, p.accountId);
  }
  const where = parts.join(' and ');
  const rows = await sql(ctx.em, `select so.* from service_order so join demand d on d.id = so.demand_id where ${where} order by so.created_at desc, so.demand_id desc limit ? offset ?`,
    [...params, page.limit + 1, page.offset]);
  return {
    rows: fromRows(ctx.em, ServiceOrderEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from service_order so join demand d on d.id = so.demand_id where ${where}`, params))[0].count),
  };
}

/** The resident's address: in clear for roles that may see contact details (announced to the audit), else masked. */
export async function addressOf(ctx: Context, order: ServiceOrderEntity): Promise<string | null> {
  if (!ctx.access.isStaff) return null;
  const found = await orderDemandFor(ctx, order.demandId);
  if (!found) return null;
  const d = found.d;
  const clear = unseal(order.address) ?? '';
  const assignee = await isAssignee(ctx, d, order);
  if (assignee || (await revealFields(ctx, 'Demand', d, ['address'], { denied: 'null' }))) return clear;
  return maskAddress(clear);
}

/** An address as staff without a need for it read it: the first few characters (compound, building), the rest hidden. */
export function maskAddress(clear: string): string {
  const cs = [...clear];
  return `${cs.slice(0, Math.min(6, Math.max(1, cs.length - 2))).join('')}****`;
}

/** The caller is the one the order was dispatched to: the volunteer's account, or an account of a volunteer in the team. */
export async function isAssignee(ctx: Context, d: DemandEntity, order: ServiceOrderEntity | null): Promise<boolean> {
  const p = ctx.access.principal;
  if (p.kind !== 'staff' || !order) return false;
  if (d.assignedAccountId != null && d.assignedAccountId === p.accountId) return true;
  if (order.assignedTeamId == null) return false;
  const [row] = await sql(ctx.em, `select 1 from volunteer_team_member m join volunteer v on v.id = m.volunteer_id where m.team_id = ? and v.account_id = ? and v.archived_at is null`,
    [order.assignedTeamId, p.accountId]);
  return row != null;
}

export interface AssigneeView { kind: ServiceAssigneeKind; id: string; name: string }

export async function assigneeOf(ctx: Context, order: ServiceOrderEntity): Promise<AssigneeView | null> {
  if (order.assignedTeamId != null) {
    const [t] = await sql<{ name: string }>(ctx.em, `select name from volunteer_team where id = ?`, [order.assignedTeamId]);
    return { kind: ServiceAssigneeKind.TEAM, id: toGlobalId('VolunteerTeam', order.assignedTeamId), name: t?.name ?? '' };
  }
  if (order.assignedVolunteerId != null) {
    const [v] = await sql<{ name: string; member_id: number | null }>(ctx.em, `select name, member_id from volunteer where id = ?`, [order.assignedVolunteerId]);
    return { kind: v?.member_id != null ? ServiceAssigneeKind.MEMBER : ServiceAssigneeKind.VOLUNTEER, id: toGlobalId('Volunteer', order.assignedVolunteerId), name: v?.name ?? '' };
  }
  return null;
}

export const CANDIDATE_LIMIT = 100;

export interface Candidate { kind: ServiceAssigneeKind; id: string; name: string; skills: string[]; hasAccount: boolean; openOrders: number }

/** Whom an order may be dispatched to: the community's volunteers (members among them marked) and teams; empty unless you may dispatch it. */
export async function dispatchCandidates(ctx: Context, demandGlobalId: string): Promise<Candidate[]> {
  const id = idOf(demandGlobalId, 'Demand');
  const d = id == null ? null : await findVisibleDemand(ctx, id);
  if (!d || !(await can(ctx, 'write', 'Demand', d))) return [];
  const open = `('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED')`;
  const teams = await sql<{ id: number; name: string; skills: string[]; open: string }>(ctx.em,
    `select t.id, t.name, t.skills, (select count(*) from service_order so join demand od on od.id = so.demand_id where so.assigned_team_id = t.id and od.state in ${open}) as open
     from volunteer_team t where t.community_id = ? and t.archived_at is null order by t.name, t.id limit ${CANDIDATE_LIMIT}`, [d.communityId]);
  const people = await sql<{ id: number; name: string; skills: string[]; member_id: number | null; account_id: number | null; open: string }>(ctx.em,
    `select v.id, v.name, v.skills, v.member_id, v.account_id,
       (select count(*) from service_order so join demand od on od.id = so.demand_id where so.assigned_volunteer_id = v.id and od.state in ${open}) as open
     from volunteer v where v.community_id = ? and v.archived_at is null order by (v.member_id is null), v.name, v.id limit ${CANDIDATE_LIMIT}`, [d.communityId]);
  return [
    ...teams.map((t) => ({ kind: ServiceAssigneeKind.TEAM, id: toGlobalId('VolunteerTeam', t.id), name: t.name, skills: t.skills, hasAccount: false, openOrders: Number(t.open) })),
    ...people.map((v) => ({
      kind: v.member_id != null ? ServiceAssigneeKind.MEMBER : ServiceAssigneeKind.VOLUNTEER, id: toGlobalId('Volunteer', v.id), name: v.name, skills: v.skills,
      hasAccount: v.account_id != null, openOrders: Number(v.open),
    })),
  ].slice(0, CANDIDATE_LIMIT);
}

function refused(d: DemandEntity, what: string): never {
  fail(UserErrorCode.INVALID_TRANSITION, `订单当前为「${STATE_LABEL[d.state]}」，不能${what}`, ['input', 'demandId']);
}

/**
 * The order's demand, when the caller may read it (the Demand policy) or is the one it was dispatched to (the
 * volunteer's account through the demand's assigned account, or a member of the team through the order).
 */
export async function orderDemandFor(ctx: Context, demandId: number): Promise<{ d: DemandEntity; order: ServiceOrderEntity } | null> {
  const order = await orderOf(ctx, demandId);
  const d = order ? await loadDemand(ctx, demandId) : null;
  if (!order || !d) return null;
  if ((await readable(ctx, 'Demand', d)) || (await isAssignee(ctx, d, order))) return { d, order };
  return null;
}

async function requireOrder(ctx: Context, demandGlobalId: string): Promise<{ d: DemandEntity; order: ServiceOrderEntity }> {
  const id = idOf(demandGlobalId, 'Demand');
  const found = id == null ? null : await orderDemandFor(ctx, id);
  if (!found) fail(UserErrorCode.NOT_FOUND, '找不到该服务订单', ['input', 'demandId']);
  return found;
}

/** Take the table's steps in order on the locked demand, each one in the timeline. */
interface Step { action: DemandAction; body: string | null; kind?: DemandEventKind; isPublic?: boolean }

async function takeSteps(em: EntityManager, d: DemandEntity, actor: Actor, steps: Step[], now: Date): Promise<void> {
  for (const s of steps) {
    const t = findTransition(d.state, s.action);
    if (!t) refused(d, `「${s.action}」`);
    const from = d.state;
    d.state = t.to;
    d.firstRespondedAt ??= now;
    if (s.action === DemandAction.RESOLVE) d.resolvedAt = now;
    await insertEvent(em, d.id, actor, { kind: s.kind ?? DemandEventKind.TRANSITION, fromState: from, toState: t.to, body: s.body, public: s.isPublic ?? true });
  }
  d.version += 1;
  d.updatedAt = now;
  await em.flush();
}

/** 下单: staff dispatch an order to a volunteer, a member (their volunteer record) or a team. */
export async function dispatchOrder(ctx: Context, input: DispatchServiceOrderInput, now = new Date()): Promise<DemandEntity> {
  const { d: seen, order } = await requireOrder(ctx, input.demandId);
  ctx.access.requireStaff();
  await assertCan(ctx, 'write', 'Demand', seen, '无权派单：只有负责该社区诉求的工作人员可以派单');
  const note = optional(input.note, 200, field('note'), '派单说明');
  const given = [input.volunteerId, input.memberId, input.teamId].filter((x) => x != null && x !== '');
  if (given.length !== 1) fail(UserErrorCode.INVALID_INPUT, '派单对象应为一名志愿者、一名党员或一支队伍（三选一）', ['input']);
  let volunteer: { id: number; name: string; account_id: number | null } | null = null;
  let team: { id: number; name: string } | null = null;
  if (input.teamId) {
    const id = idOf(input.teamId, 'VolunteerTeam');
    [team] = id == null ? [] : await sql<{ id: number; name: string }>(ctx.em, `select id, name from volunteer_team where id = ? and community_id = ? and archived_at is null`, [id, seen.communityId]);
    if (!team) fail(UserErrorCode.INVALID_INPUT, '只能派单给本社区的志愿服务队', field('teamId'));
  } else if (input.memberId) {
    const id = idOf(input.memberId, 'PartyMember');
    [volunteer] = id == null ? [] : await sql<{ id: number; name: string; account_id: number | null }>(ctx.em,
      `select id, name, account_id from volunteer where member_id = ? and community_id = ? and archived_at is null order by id limit 1`, [id, seen.communityId]);
    if (!volunteer) fail(UserErrorCode.INVALID_INPUT, '该党员尚未登记为本社区志愿者，请先在志愿者名册中添加', field('memberId'));
  } else {
    const id = idOf(input.volunteerId, 'Volunteer');
    [volunteer] = id == null ? [] : await sql<{ id: number; name: string; account_id: number | null }>(ctx.em,
      `select id, name, account_id from volunteer where id = ? and community_id = ? and archived_at is null`, [id, seen.communityId]);
    if (!volunteer) fail(UserErrorCode.INVALID_INPUT, '只能派单给本社区在册的志愿者', field('volunteerId'));
  }
  const label = team ? team.name : `志愿者${maskName(volunteer!.name)}`;
  const actor = actorOf(ctx);
  await ctx.em.transactional(async (em) => {
    const d = (await lockDemand(em, seen.id))!;
    assertVersion(d, input.expectedVersion);
    const steps: Step[] = [];
    if (d.state === DemandState.SUBMITTED) steps.push({ action: DemandAction.ACCEPT, body: '社区已受理点单' });
    if (![DemandState.SUBMITTED, DemandState.ACCEPTED, DemandState.ASSIGNED, DemandState.IN_PROGRESS, DemandState.REOPENED].includes(d.state)) refused(d, '派单');
    steps.push({ action: DemandAction.ASSIGN, kind: DemandEventKind.ASSIGNED, body: `派单给${label}${note ? `：${note}` : ''}` });
    d.assignedAccountId = volunteer?.account_id ?? null;
    d.assignedBranchId = null;
    d.assignedUnitId = null;
    await takeSteps(em, d, actor, steps, now);
    await sql(em, `update service_order set assigned_volunteer_id = ?, assigned_team_id = ? where demand_id = ?`, [volunteer?.id ?? null, team?.id ?? null, d.id]);
  });
  ctx.loaders.clearAll();
  return (await loadDemand(ctx, seen.id))!;
}

/** Staff who work on the demand, or the one it was dispatched to. */
async function assertWorker(ctx: Context, d: DemandEntity, order: ServiceOrderEntity): Promise<void> {
  if (await isAssignee(ctx, d, order)) return;
  await assertCan(ctx, 'write', 'Demand', d, '只有接单的志愿者或负责该社区诉求的工作人员可以操作');
}

/** 接单: the volunteer it was dispatched to (or staff for them) takes the order. */
export async function acceptOrder(ctx: Context, input: { demandId: string; expectedVersion: number }, now = new Date()): Promise<DemandEntity> {
  const { d: seen, order } = await requireOrder(ctx, input.demandId);
  ctx.access.requireStaff();
  await assertWorker(ctx, seen, order);
  const actor = actorOf(ctx);
  await ctx.em.transactional(async (em) => {
    const d = (await lockDemand(em, seen.id))!;
    assertVersion(d, input.expectedVersion);
    if (d.state !== DemandState.ASSIGNED) refused(d, '接单（请先派单）');
    await takeSteps(em, d, actor, [{ action: DemandAction.START, body: '已接单，将按约定时间上门服务' }], now);
  });
  ctx.loaders.clearAll();
  return (await loadDemand(ctx, seen.id))!;
}

function validHours(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 || Math.round(hours * 100) !== hours * 100) {
    fail(UserErrorCode.INVALID_INPUT, '服务时长应大于 0、不超过 24 小时，最多两位小数', field('hours'));
  }
  return hours;
}

function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 完成: RESOLVE with the hours it took; each volunteer who served gets a service record in the same transaction. */
export async function completeOrder(ctx: Context, input: CompleteServiceOrderInput, now = new Date()): Promise<DemandEntity> {
  const { d: seen, order } = await requireOrder(ctx, input.demandId);
  ctx.access.requireStaff();
  await assertWorker(ctx, seen, order);
  const hours = validHours(input.hours);
  const note = optional(input.note, 200, field('note'), '服务情况');
  let volunteerIds: number[];
  if (order.assignedTeamId != null) {
    const given = (input.volunteerIds ?? []).map((g) => idOf(g, 'Volunteer'));
    if (given.some((x) => x == null)) fail(UserErrorCode.INVALID_INPUT, '参与服务的队员不正确', field('volunteerIds'));
    let ids = [...new Set(given as number[])];
    if (!ids.length && ctx.access.principal.kind === 'staff') {
      const [me] = await sql<{ id: number }>(ctx.em, `select v.id from volunteer v join volunteer_team_member m on m.volunteer_id = v.id where m.team_id = ? and v.account_id = ?`,
        [order.assignedTeamId, ctx.access.principal.accountId]);
      if (me) ids = [me.id];
    }
    if (!ids.length) fail(UserErrorCode.INVALID_INPUT, '请选择参与服务的队员（服务时长记入其名下）', field('volunteerIds'));
    if (ids.length > 20) fail(UserErrorCode.INVALID_INPUT, '参与服务的队员最多 20 人', field('volunteerIds'));
    const rows = await sql<{ volunteer_id: number }>(ctx.em, `select volunteer_id from volunteer_team_member where team_id = ? and volunteer_id = any(?::int[])`, [order.assignedTeamId, ids]);
    if (rows.length !== ids.length) fail(UserErrorCode.INVALID_INPUT, '参与服务的队员应为该队伍的成员', field('volunteerIds'));
    volunteerIds = ids;
  } else if (order.assignedVolunteerId != null) {
    volunteerIds = [order.assignedVolunteerId];
  } else {
    refused(seen, '完成（尚未派单）');
  }
  const actor = actorOf(ctx);
  const recordedBy = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const [offer] = await sql<{ title: string }>(ctx.em, `select title from service_offer where id = ?`, [order.offerId]);
  await ctx.em.transactional(async (em) => {
    const d = (await lockDemand(em, seen.id))!;
    assertVersion(d, input.expectedVersion);
    if (d.state !== DemandState.IN_PROGRESS) refused(d, '完成（请先接单）');
    await takeSteps(em, d, actor, [{ action: DemandAction.RESOLVE, body: `服务已完成${note ? `：${note}` : ''}` }], now);
    await sql(em, `update service_order set hours = ?, completed_at = ? where demand_id = ?`, [hours.toFixed(2), now, d.id]);
    for (const v of volunteerIds) {
      // a reopened order completed again replaces its hours rather than counting them twice
      await sql(em,
        `insert into service_record (community_id, volunteer_id, demand_id, hours, served_on, source, note, recorded_by, created_at)
         values (?, ?, ?, ?, ?, 'SERVICE_ORDER', ?, ?, ?)
         on conflict (demand_id, volunteer_id) where demand_id is not null do update set hours = excluded.hours, served_on = excluded.served_on, note = excluded.note`,
        [d.communityId, v, d.id, hours.toFixed(2), shanghaiDay(now), `便民服务：${offer?.title ?? ''}`.slice(0, 200), recordedBy, now]);
    }
  });
  ctx.loaders.clearAll();
  return (await loadDemand(ctx, seen.id))!;
}

/** Give a volunteer their sign-in (staff of the community who write volunteers). */
export async function linkVolunteerAccount(ctx: Context, input: { volunteerId: string; username?: string | null }): Promise<boolean> {
  ctx.access.requireStaff();
  const id = idOf(input.volunteerId, 'Volunteer');
  const [v] = id == null ? [] : await sql<{ id: number; community_id: number }>(ctx.em, `select id, community_id from volunteer where id = ?`, [id]);
  if (!v) fail(UserErrorCode.NOT_FOUND, '找不到该志愿者', field('volunteerId'));
  const community = await loadNode(ctx, v.community_id);
  if (!community || community.level !== OrgLevel.COMMUNITY) fail(UserErrorCode.NOT_FOUND, '找不到该志愿者', field('volunteerId'));
  await communityForWrite(ctx, community.id, field('volunteerId'));
  let accountId: number | null = null;
  if (input.username) {
    const [a] = await sql<{ id: number }>(ctx.em, `select id from account where username = ? and disabled_at is null`, [input.username.trim().toLowerCase()]);
    if (!a) fail(UserErrorCode.NOT_FOUND, '找不到该账号', field('username'));
    const [other] = await sql(ctx.em, `select 1 from volunteer where account_id = ? and id <> ?`, [a.id, v.id]);
    if (other) fail(UserErrorCode.DUPLICATE, '该账号已关联其他志愿者', field('username'));
    accountId = a.id;
  }
  await ctx.em.transactional((em) => sql(em, `update volunteer set account_id = ? where id = ?`, [accountId, v.id]));
  ctx.loaders.clearAll();
  return accountId != null;
}

export type { DemandEntity };
