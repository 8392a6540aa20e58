import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { fail, forbidden, unauthenticated, UserErrorCode } from '../../graphql/errors.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { maskName, maskPhone } from '../../graphql/mask.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { loadNode } from '../org/index.js';
import { CoBuildingUnitEntity, MAX_UNIT_COMMUNITIES, UnitKind } from './unit.entity.js';
import { can, condition, readable, reveal as revealValue, type Condition } from '../access/index.js';
import { communityForWrite as sharedCommunityForWrite } from '../org/index.js';
import type { UnitRow, UnitRowType } from './unit.policy.js';
import './unit.policy.js';

// ---- rows that concern a unit (the rules are in unit.policy.ts) ---------------------------------------

export { UNIT_ROW_TYPES, type UnitRow, type UnitRowType } from './unit.policy.js';

/** Staff whose grants cover the row's community, or a partner token of the row's unit issued by the row's community. */
export function canSeeUnitRow(ctx: Context, typeName: UnitRowType, row: UnitRow): Promise<boolean> {
  return can(ctx, 'read', typeName, row);
}

/** SQL for "row `alias` (with unit_id, community_id) is visible to the caller", as canSeeUnitRow decides. */
export function unitRowVisibility(ctx: Context, typeName: UnitRowType, alias: string): Condition {
  return condition(ctx, 'read', typeName, alias);
}

type EntityClass<E> = new (...args: never[]) => E;

/** Rows of a unit-scoped table by id, batched, without access checks (callers check). */
export function loadRow<E extends { id: number }>(ctx: Context, entity: EntityClass<E>, id: number): Promise<E | null> {
  return ctx.loaders
    .get<number, E | null>(`unit.row:${entity.name}`, async (ids) => {
      const table = ctx.em.getMetadata().get(entity.name).tableName;
      return byKey(ids, fromRows(ctx.em, entity, await sql(ctx.em, `select * from ${table} where id = any(?::int[])`, [[...ids]])), (r) => r.id);
    })
    .load(id);
}

/** A unit-scoped row the caller may see, or null (out of scope behaves as missing). */
export async function findVisibleRow<E extends { id: number } & UnitRow>(ctx: Context, entity: EntityClass<E>, typeName: UnitRowType, id: number): Promise<E | null> {
  return readable(ctx, typeName, await loadRow(ctx, entity, id));
}

export interface UnitRowList<E> {
  /** Loader name; must change with every argument that changes the rows (filters). */
  name: string;
  entity: EntityClass<E>;
  table: string;
  typeName: UnitRowType;
  /** Extra condition on alias `t`. */
  where?: string;
  params?: unknown[];
  /** Order within one unit, on alias `t`. */
  orderBy: string;
}

/** One page of visible rows for each unit, one statement per batch of units. */
export function unitRowsPage<E extends UnitRow>(ctx: Context, list: UnitRowList<E>, unitId: number, page: Page): Promise<E[]> {
  return ctx.loaders
    .get<number, E[]>(`${list.name}:${page.offset}:${page.limit}`, async (unitIds) => {
      const visible = unitRowVisibility(ctx, list.typeName, 't');
      const rows = await sql(ctx.em,
        `select * from (
           select t.*, row_number() over (partition by t.unit_id order by ${list.orderBy}) - 1 as rn
           from ${list.table} t
           where t.unit_id = any(?::int[]) and ${visible.sql}${list.where ? ` and ${list.where}` : ''}
         ) x where rn >= ? and rn <= ? order by unit_id, rn`,
        [[...unitIds], ...visible.params, ...(list.params ?? []), page.offset, page.offset + page.limit]);
      return groupBy(unitIds, fromRows(ctx.em, list.entity, rows), (r) => r.unitId);
    })
    .load(unitId);
}

/** How many visible rows each unit has, batched. */
export function unitRowCount<E extends UnitRow>(ctx: Context, list: UnitRowList<E>, unitId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>(`${list.name}:count`, async (unitIds) => {
      const visible = unitRowVisibility(ctx, list.typeName, 't');
      const rows = await sql<{ unit_id: number; count: string }>(ctx.em,
        `select t.unit_id, count(*) from ${list.table} t
         where t.unit_id = any(?::int[]) and ${visible.sql}${list.where ? ` and ${list.where}` : ''} group by t.unit_id`,
        [[...unitIds], ...visible.params, ...(list.params ?? [])]);
      return byKey(unitIds, rows, (r) => r.unit_id).map((r) => Number(r?.count ?? 0));
    })
    .load(unitId);
}

// ---- units ---------------------------------------------------------------------------------------------

/** Units by id, batched. A unit's name, kind and communities are public. */
export function loadUnit(ctx: Context, id: number): Promise<CoBuildingUnitEntity | null> {
  return ctx.loaders
    .get<number, CoBuildingUnitEntity | null>('unit.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, CoBuildingUnitEntity, await sql(ctx.em, `select * from co_building_unit where id = any(?::int[])`, [[...ids]])), (u) => u.id))
    .load(id);
}

/** Ids of the community committees each unit works with, batched. */
export function communityIdsOf(ctx: Context, unitId: number): Promise<number[]> {
  return ctx.loaders
    .get<number, number[]>('unit.communityIds', async (unitIds) => {
      const rows = await sql<{ unit_id: number; community_id: number }>(ctx.em,
        `select unit_id, community_id from unit_community where unit_id = any(?::int[]) order by since nulls first, community_id`, [[...unitIds]]);
      return groupBy(unitIds, rows, (r) => r.unit_id).map((list) => list.map((r) => r.community_id));
    })
    .load(unitId);
}

/** The community committees a unit works with (public): at most MAX_UNIT_COMMUNITIES, the earliest first. */
export async function communitiesOf(ctx: Context, unitId: number): Promise<OrgNodeEntity[]> {
  const nodes = await Promise.all((await communityIdsOf(ctx, unitId)).map((id) => loadNode(ctx, id)));
  return nodes.filter((n): n is OrgNodeEntity => n != null && !n.archived).slice(0, MAX_UNIT_COMMUNITIES);
}

/**
 * Contact person: in full for staff of the unit's communities and the unit's own tokens (each issued by one of
 * those communities, so they see what that community sees), masked for everyone else (CoBuildingUnitContact).
 */
export async function contactNameOf(ctx: Context, unit: CoBuildingUnitEntity): Promise<string | null> {
  if (!unit.contactName) return null;
  if (await can(ctx, 'read', 'CoBuildingUnitContact', unit)) return unit.contactName;
  return maskName(unit.contactName);
}

/**
 * Contact phone: never for outsiders (null); masked for staff of the unit's communities and the unit's own
 * tokens (CoBuildingUnitContact); in full on `reveal` for staff whose role needs personal data and for the
 * unit's own tokens (as the committee admins who issued them see it).
 */
export async function contactPhoneOf(ctx: Context, unit: CoBuildingUnitEntity, reveal: boolean): Promise<string | null> {
  if (!(await can(ctx, 'read', 'CoBuildingUnitContact', unit))) return null;
  if (!reveal) return maskPhone(unit.contactPhone);
  return revealValue(ctx, 'CoBuildingUnit', unit, 'contactPhone', { message: '无权查看完整联系电话 (your role cannot see full phone numbers)' });
}

/**
 * Units: of one community (public), or without a community the units of the caller's communities (staff)
 * or the whole public directory (everyone else); by name.
 */
export interface UnitListFilter {
  communityId?: number | null;
  kind?: UnitKind | null;
  /** Units with an agreement of some status (agreement.service agreementFilter). */
  agreement?: { sql: (communityId: number | null) => string; params: (communityId: number | null) => unknown[] } | null;
}

export async function listUnits(ctx: Context, filter: UnitListFilter, page: Page): Promise<{ rows: CoBuildingUnitEntity[]; total: () => Promise<number> }> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (filter.communityId != null) {
    conditions.push(`exists (select 1 from unit_community uc where uc.unit_id = u.id and uc.community_id = ?)`);
    params.push(filter.communityId);
  } else if (ctx.access.isStaff) {
    // the units of the caller's communities: those whose contacts they see as staff
    const scope = condition(ctx, 'read', 'CoBuildingUnitContact', 'u');
    conditions.push(scope.sql);
    params.push(...scope.params);
  }
  if (filter.kind) {
    conditions.push('u.kind = ?');
    params.push(filter.kind);
  }
  if (filter.agreement) {
    conditions.push(filter.agreement.sql(filter.communityId ?? null));
    params.push(...filter.agreement.params(filter.communityId ?? null));
  }
  const where = conditions.length ? `where ${conditions.join(' and ')}` : '';
  const rows = await sql(ctx.em, `select u.* from co_building_unit u ${where} order by u.name, u.id offset ? limit ?`, [...params, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, CoBuildingUnitEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from co_building_unit u ${where}`, params))[0].count),
  };
}

// ---- shared by the writes of this module ---------------------------------------------------------------

/** Writes are for staff: anonymous callers are UNAUTHENTICATED, partner tokens FORBIDDEN. */
export function requireStaff(ctx: Context): void {
  ctx.access.requireStaffNotPartner();
}

/** Decode a community id from input and require write access to it (FORBIDDEN otherwise; ARCHIVED when archived). */
export function communityForWrite(ctx: Context, globalId: string, field: string[]): Promise<OrgNodeEntity> {
  return sharedCommunityForWrite(ctx, idOf(globalId, 'PartyCommittee'), field, { notFound: '找不到该社区党委' });
}

/** Decode a unit id from input; NOT_FOUND on the field when there is no such unit. */
export async function unitFromInput(ctx: Context, globalId: string, field: string[]): Promise<CoBuildingUnitEntity> {
  const id = idOf(globalId, 'CoBuildingUnit');
  const unit = id == null ? null : await loadUnit(ctx, id);
  if (!unit) fail(UserErrorCode.NOT_FOUND, '找不到该共建单位', field);
  return unit;
}

/**
 * "Row is the person of the parameters (member id, name, member id)", for terms held by people (double
 * reports, cross-appointments): the same Party member, or the same name where either side has no member on record.
 */
export const SAME_PERSON_SQL = `(member_id = ?::int or (person_name = ? and (member_id is null or ?::int is null)))`;

/** Lock the unit row for the rest of the transaction: serializes writes about one unit. */
export async function lockUnit(em: EntityManager, unitId: number): Promise<void> {
  await sql(em, `select id from co_building_unit where id = ? for update`, [unitId]);
}

/**
 * Make sure the unit works with the community (agreements, seats and the like imply it). A new link is made
 * under a lock on the unit, and refused (INVALID_INPUT on `input.communityId`) beyond MAX_UNIT_COMMUNITIES.
 */
export async function ensureLinked(em: EntityManager, unitId: number, communityId: number, since: string | null): Promise<void> {
  const [linked] = await sql(em, `select 1 from unit_community where unit_id = ? and community_id = ?`, [unitId, communityId]);
  if (linked) return;
  await lockUnit(em, unitId);
  const [{ count }] = await sql<{ count: string }>(em, `select count(*) from unit_community where unit_id = ?`, [unitId]);
  if (Number(count) >= MAX_UNIT_COMMUNITIES) fail(UserErrorCode.INVALID_INPUT, `一个共建单位最多与 ${MAX_UNIT_COMMUNITIES} 个社区共建`, ['input', 'communityId']);
  await sql(em, `insert into unit_community (unit_id, community_id, since) values (?, ?, ?) on conflict do nothing`, [unitId, communityId, since]);
}

/** Today's date in China (Asia/Shanghai), YYYY-MM-DD. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD each). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Add months to a date the way PostgreSQL does (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}





