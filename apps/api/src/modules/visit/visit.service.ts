/**
 * Home visits (走访, 民情日记): the quick entry that may raise demands in the same transaction, the list, and the
 * ledger (per visitor, branch or month: households visited, people reached, opinions, fixed on the spot).
 */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey, Loaders } from '../../graphql/loaders.js';
import { idOf, toGlobalId, type Page } from '../../graphql/relay.js';
import { assertPrintable } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, condition, readable, subtreeEnd } from '../access/index.js';
import { loadNode, OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { findVisibleMember } from '../member/index.js';
import { findVisibleHousehold, placeOf } from '../household/index.js';
import { actorOf, createDemand, DemandChannel, DemandEventKind, findVisibleDemand, insertEvent, type DemandEntity } from '../demand/index.js';
import { VisitEntity, VisitKind } from './visit.entity.js';
import { VisitLedgerGroup, type RecordVisitInput, type VisitFilter, type VisitLedgerRow } from './visit.types.js';
import './visit.policy.js';

const VISIT_NODE_TYPES = ['PartyCommittee', 'Branch', 'BuildingGroup'];
export const MAX_VISIT_DEMANDS = 5;
export const LEDGER_LIMIT = 500;

function text(value: string | null | undefined, max: number, field: string[], label: string): string | null {
  const t = (value ?? '').trim();
  if (!t) return null;
  if ([...t].length > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  assertPrintable(t, field, label, true);
  return t;
}

function count(value: number | null | undefined, fallback: number, field: string[], label: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > 100) fail(UserErrorCode.INVALID_INPUT, `${label}应为 0 到 100 的整数`, field);
  return n;
}

export function loadVisit(ctx: Context, id: number): Promise<VisitEntity | null> {
  return ctx.loaders
    .get<number, VisitEntity | null>('visit.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, VisitEntity, await sql(ctx.em, `select * from visit where id = any(?::int[])`, [[...ids]])), (v) => v.id))
    .load(id);
}

export async function findVisibleVisit(ctx: Context, id: number): Promise<VisitEntity | null> {
  return readable(ctx, 'Visit', await loadVisit(ctx, id));
}

/** The demands a visit raised that the caller may read. */
export async function demandsOf(ctx: Context, visitId: number): Promise<DemandEntity[]> {
  const ids = await ctx.loaders
    .get<number, number[]>('visit.demandIds', async (visitIds) => {
      const rows = await sql<{ visit_id: number; demand_id: number }>(ctx.em, `select visit_id, demand_id from visit_demand where visit_id = any(?::int[]) order by demand_id`, [[...visitIds]]);
      return visitIds.map((v) => rows.filter((r) => r.visit_id === v).map((r) => r.demand_id));
    })
    .load(visitId);
  return (await Promise.all(ids.map((id) => findVisibleDemand(ctx, id)))).filter((d): d is DemandEntity => d != null);
}

/** The visitor's name: the member's, or the staff account's display name. */
export function visitorNameOf(ctx: Context, v: VisitEntity): Promise<string | null> {
  return ctx.loaders
    .get<number, string | null>('visit.visitorName', async (ids) => {
      const rows = await sql<{ id: number; name: string }>(ctx.em,
        `select v.id, coalesce(m.name, a.display_name) as name from visit v left join party_member m on m.id = v.visitor_member_id
         left join account a on a.id = v.visitor_account_id where v.id = any(?::int[])`, [[...ids]]);
      return byKey(ids, rows, (r) => r.id).map((r) => r?.name ?? null);
    })
    .load(v.id);
}

async function visitWhere(ctx: Context, filter: VisitFilter | null | undefined): Promise<{ sql: string; params: unknown[] } | null> {
  const scope = condition(ctx, 'read', 'Visit', 'v');
  if (scope.sql === 'false') return null;
  const parts = [scope.sql];
  const params: unknown[] = [...scope.params];
  const f = filter ?? {};
  if (f.orgNodeId != null) {
    const id = idOf(f.orgNodeId, ...VISIT_NODE_TYPES);
    const node = id == null ? null : await loadNode(ctx, id);
    if (!node) return null;
    parts.push(`exists (select 1 from org_node vo where vo.id = v.org_node_id and vo.path >= ? and vo.path < ?)`);
    params.push(node.path, subtreeEnd(node.path));
  }
  if (f.visitorMemberId != null) {
    const id = idOf(f.visitorMemberId, 'PartyMember');
    if (id == null) return null;
    parts.push(`v.visitor_member_id = ?`); params.push(id);
  }
  if (f.kinds?.length) { parts.push(`v.kind = any(?::text[])`); params.push(f.kinds); }
  if (f.from != null) { parts.push(`v.visited_at >= ?`); params.push(f.from); }
  if (f.to != null) { parts.push(`v.visited_at < ?`); params.push(f.to); }
  return { sql: parts.join(' and '), params };
}

export async function listVisits(ctx: Context, filter: VisitFilter | null | undefined, page: Page): Promise<VisitEntity[]> {
  const where = await visitWhere(ctx, filter);
  if (!where) return [];
  return fromRows(ctx.em, VisitEntity, await sql(ctx.em, `select v.* from visit v where ${where.sql} order by v.visited_at desc, v.id desc limit ? offset ?`, [...where.params, page.limit + 1, page.offset]));
}

export async function countVisits(ctx: Context, filter: VisitFilter | null | undefined): Promise<number> {
  const where = await visitWhere(ctx, filter);
  if (!where) return 0;
  const [{ count: n }] = await sql<{ count: string }>(ctx.em, `select count(*) from visit v where ${where.sql}`, where.params);
  return Number(n);
}

/** The ledger (走访台账) over the visits the caller may read: one row per group, or one total row without a group. */
export async function visitLedger(ctx: Context, filter: VisitFilter | null | undefined, group: VisitLedgerGroup | null | undefined): Promise<VisitLedgerRow[]> {
  const where = await visitWhere(ctx, filter);
  if (!where) return [];
  const keySql = {
    [VisitLedgerGroup.MEMBER]: `case when v.visitor_member_id is not null then 'm:' || v.visitor_member_id else 'a:' || v.visitor_account_id end`,
    [VisitLedgerGroup.BRANCH]: `coalesce((select b.id from org_node b join org_node vo on vo.id = v.org_node_id where b.level = 'BRANCH' and vo.path >= b.path and vo.path < b.path || '~'), v.org_node_id)::text`,
    [VisitLedgerGroup.MONTH]: `to_char(v.visited_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
  }[group ?? VisitLedgerGroup.MONTH];
  const rows = await sql<{ key: string | null; visits: string; households: string; people: string; opinions: string; fixed: string; demands: string }>(ctx.em,
    `select ${group ? keySql : `null`} as key, count(*) as visits, count(distinct v.household_id) as households, sum(v.people_reached) as people,
       sum(v.opinions) as opinions, sum(v.fixed_on_spot) as fixed, sum((select count(*) from visit_demand vd where vd.visit_id = v.id)) as demands
     from visit v where ${where.sql} group by 1 order by 2 desc, 1 limit ?`, [...where.params, LEDGER_LIMIT]);
  const labels = await ledgerLabels(ctx, group ?? null, rows.map((r) => r.key ?? ''));
  return rows.map((r) => ({
    key: r.key == null ? 'total' : labels.keys.get(r.key) ?? r.key,
    label: r.key == null ? '合计' : labels.names.get(r.key) ?? r.key,
    visits: Number(r.visits), households: Number(r.households), peopleReached: Number(r.people ?? 0), opinions: Number(r.opinions ?? 0),
    fixedOnSpot: Number(r.fixed ?? 0), demandsRaised: Number(r.demands ?? 0),
  }));
}

async function ledgerLabels(ctx: Context, group: VisitLedgerGroup | null, keys: string[]): Promise<{ names: Map<string, string>; keys: Map<string, string> }> {
  const names = new Map<string, string>();
  const ids = new Map<string, string>();
  if (group === VisitLedgerGroup.MONTH) for (const k of keys) names.set(k, `${k.slice(0, 4)}年${Number(k.slice(5, 7))}月`);
  if (group === VisitLedgerGroup.BRANCH) {
    const rows = await sql<{ id: number; name: string; level: string }>(ctx.em, `select id, name, level from org_node where id = any(?::int[])`, [keys.map(Number)]);
    for (const r of rows) {
      names.set(String(r.id), r.name);
      ids.set(String(r.id), toGlobalId(r.level === 'BRANCH' ? 'Branch' : r.level === 'COMMUNITY' ? 'PartyCommittee' : 'BuildingGroup', r.id));
    }
  }
  if (group === VisitLedgerGroup.MEMBER) {
    const members = keys.filter((k) => k.startsWith('m:')).map((k) => Number(k.slice(2)));
    const accounts = keys.filter((k) => k.startsWith('a:')).map((k) => Number(k.slice(2)));
    for (const r of await sql<{ id: number; name: string }>(ctx.em, `select id, name from party_member where id = any(?::int[])`, [members])) {
      names.set(`m:${r.id}`, r.name); ids.set(`m:${r.id}`, toGlobalId('PartyMember', r.id));
    }
    for (const r of await sql<{ id: number; name: string }>(ctx.em, `select id, display_name as name from account where id = any(?::int[])`, [accounts])) {
      names.set(`a:${r.id}`, r.name); ids.set(`a:${r.id}`, toGlobalId('Account', r.id));
    }
  }
  return { names, keys: ids };
}

/** The node a demand raised on a visit hangs on: the branch over the visit's node, else the community. */
async function demandNodeFor(ctx: Context, node: OrgNodeEntity): Promise<string> {
  if (node.level === OrgLevel.BRANCH) return toGlobalId('Branch', node.id);
  if (node.level === OrgLevel.BUILDING_GROUP && node.parentId != null) {
    const parent = await loadNode(ctx, node.parentId);
    if (parent?.level === OrgLevel.BRANCH) return toGlobalId('Branch', parent.id);
  }
  return toGlobalId('PartyCommittee', node.level === OrgLevel.COMMUNITY ? node.id : node.communityId!);
}

/** Record a visit; its demands are made in the same transaction, with the visit in their timelines. */
export async function recordVisit(ctx: Context, input: RecordVisitInput, now = new Date()): Promise<VisitEntity> {
  ctx.access.requireStaffNotPartner();
  const field = (n: string) => ['input', n];
  const member = input.visitorMemberId ? await (async () => {
    const id = idOf(input.visitorMemberId, 'PartyMember');
    return (id == null ? null : await findVisibleMember(ctx, id)) ?? fail(UserErrorCode.NOT_FOUND, '找不到该党员', field('visitorMemberId'));
  })() : null;
  const household = input.householdId ? await (async () => {
    const id = idOf(input.householdId, 'Household');
    return (id == null ? null : await findVisibleHousehold(ctx, id)) ?? fail(UserErrorCode.NOT_FOUND, '找不到该住户', field('householdId'));
  })() : null;
  const place = text(input.place, 200, field('place'), '走访地点');
  if (!household && !place) fail(UserErrorCode.INVALID_INPUT, '请选择走访的住户或填写地点', field('place'));
  let nodeId: number | null = null;
  if (input.orgNodeId) {
    nodeId = idOf(input.orgNodeId, ...VISIT_NODE_TYPES);
    if (nodeId == null) fail(UserErrorCode.NOT_FOUND, '找不到该组织', field('orgNodeId'));
  } else nodeId = member?.orgNodeId ?? household?.orgNodeId ?? null;
  if (nodeId == null) fail(UserErrorCode.INVALID_INPUT, '请选择走访所属的党组织', field('orgNodeId'));
  let node = await loadNode(ctx, nodeId);
  if (node?.level === OrgLevel.MEMBER_HOUSEHOLD && node.parentId != null) node = await loadNode(ctx, node.parentId);
  if (!node || node.level === OrgLevel.STREET || node.communityId == null && node.level !== OrgLevel.COMMUNITY) fail(UserErrorCode.NOT_FOUND, '找不到该组织', field('orgNodeId'));
  const communityId = node.level === OrgLevel.COMMUNITY ? node.id : node.communityId!;
  if (household && household.communityId !== communityId) fail(UserErrorCode.INVALID_INPUT, '住户不在该社区', field('householdId'));
  const visitedAt = input.visitedAt ?? now;
  if (visitedAt.getTime() > now.getTime() + 5 * 60_000) fail(UserErrorCode.INVALID_INPUT, '走访时间不能晚于现在', field('visitedAt'));
  const demands = input.demands ?? [];
  if (demands.length > MAX_VISIT_DEMANDS) fail(UserErrorCode.INVALID_INPUT, `一次走访最多登记 ${MAX_VISIT_DEMANDS} 件诉求`, field('demands'));
  const opinions = count(input.opinions, demands.length, field('opinions'), '收集意见数');
  const fixed = count(input.fixedOnSpot, demands.filter((d) => d.resolvedOnSpot).length, field('fixedOnSpot'), '当场解决数');
  if (fixed > opinions) fail(UserErrorCode.INVALID_INPUT, '当场解决数不能多于收集意见数', field('fixedOnSpot'));
  if (opinions < demands.length) fail(UserErrorCode.INVALID_INPUT, '收集意见数不能少于登记的诉求数', field('opinions'));
  const people = count(input.peopleReached, 1, field('peopleReached'), '走访人数');
  const draft = Object.assign(Object.create(VisitEntity.prototype) as VisitEntity, { orgNodeId: node.id, communityId });
  await assertCan(ctx, 'write', 'Visit', draft, '无权在该组织下登记走访');
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const demandNode = demands.length ? await demandNodeFor(ctx, node) : '';
  const actor = actorOf(ctx);
  const id = await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ id: number }>(em,
      `insert into visit (community_id, org_node_id, visitor_member_id, visitor_account_id, household_id, place, visited_at, kind, findings, follow_up,
         people_reached, opinions, fixed_on_spot, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [communityId, node.id, member?.id ?? null, member ? null : accountId, household?.id ?? null, place, visitedAt, input.kind ?? VisitKind.ROUTINE,
        text(input.findings, 2000, field('findings'), '走访情况') ?? '', text(input.followUp, 2000, field('followUp'), '后续跟进'), people, opinions, fixed, accountId]);
    const inner = { ...ctx, em, loaders: new Loaders(ctx.access.scopeKey) };
    const visitor = member?.name ?? null;
    const where = household ? await placeOf(inner, household) : null;
    for (const [i, d] of demands.entries()) {
      let made: DemandEntity;
      try {
        made = await createDemand(inner, {
          orgNodeId: demandNode, channel: DemandChannel.VISIT, category: d.category, title: d.title, description: d.description ?? null,
          place: household && where ? { compound: where.compound, building: where.building, text: `${household.unit ? `${household.unit}单元` : ''}${household.room}` } : { text: place },
          residentName: household?.headName ?? null, resolvedOnSpot: d.resolvedOnSpot ?? false,
        }, now);
      } catch (error) {
        // name the demand in the visit's input, not the demand's own input
        const e = error as { errors?: { field?: string[] }[] };
        for (const u of e.errors ?? []) if (u.field?.[0] === 'input') u.field = ['input', 'demands', String(i), ...u.field.slice(1)];
        throw error;
      }
      await sql(em, `insert into visit_demand (visit_id, demand_id) values (?, ?)`, [row.id, made.id]);
      await insertEvent(em, made.id, actor, { kind: DemandEventKind.NOTE, public: false, body: `走访${visitor ? `（${visitor}）` : ''}时登记，见民情日记` });
    }
    return row.id;
  });
  ctx.loaders.clearAll();
  return (await loadVisit(ctx, id))!;
}
