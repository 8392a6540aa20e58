/**
 * Households, residents, compounds and buildings: reads (sql + fromRows, batched), writes (transactions), the
 * 联户 links and the coverage report. Sealed fields are opened only here; in clear only through the policy's
 * reveal, announced once per request (the audit log writes one row).
 */
import type { Context } from '../../graphql/context.js';
import type { Page } from '../../graphql/relay.js';
import { idOf } from '../../graphql/relay.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { announceReveal, assertCan, condition, inSubtree, mayReveal, readable, revealFields } from '../access/index.js';
import { findVisibleNode, loadNode, ORG_TYPE_NAMES, OrgLevel, OrgNodeEntity } from '../org/index.js';
import { lookupHash, maskIdNumber, maskPhone, normalizeIdNumber, normalizePhone, seal, unseal } from '../privacy/index.js';
import { BuildingEntity, CompoundEntity, HouseholdEntity, ResidentEntity, type CareCategory } from './household.entity.js';
import { loadBuilding, loadCompound, loadHousehold, loadResident, residentsOfHousehold } from './household.loaders.js';
import { firstIssue, householdSchema, residentSchema, type HouseholdInputData, type ResidentInputData } from './household.schema.js';
import './household.policy.js';

/** A member household linking more than this many households carries too much (the articles: 5 to 15). */
export const MAX_LINKED = 15;

// ---- sealed care data ------------------------------------------------------------------------------------

export interface CareData { categories: CareCategory[]; note: string }

export function openCare(sealed: Buffer | null): CareData | null {
  if (!sealed) return null;
  const parsed = JSON.parse(unseal(sealed)) as Partial<CareData>;
  return { categories: parsed.categories ?? [], note: parsed.note ?? '' };
}

export function sealCare(categories: readonly string[] | null | undefined, note: string | null | undefined): Buffer | null {
  if (!categories?.length && !note) return null;
  return seal(JSON.stringify({ categories: [...new Set(categories ?? [])], note: note ?? '' }));
}

// ---- reads -----------------------------------------------------------------------------------------------

export async function findVisibleHousehold(ctx: Context, id: number): Promise<HouseholdEntity | null> {
  return readable(ctx, 'Household', await loadHousehold(ctx, id));
}

export async function findVisibleResident(ctx: Context, id: number): Promise<ResidentEntity | null> {
  return readable(ctx, 'Resident', await loadResident(ctx, id));
}

export async function findVisibleBuilding(ctx: Context, id: number): Promise<BuildingEntity | null> {
  return readable(ctx, 'Building', await loadBuilding(ctx, id));
}

export async function findVisibleCompound(ctx: Context, id: number): Promise<CompoundEntity | null> {
  return readable(ctx, 'Compound', await loadCompound(ctx, id));
}

/** Compound and building names of a household (places, not personal data). */
export async function placeOf(ctx: Context, h: HouseholdEntity): Promise<{ compound: string; building: string }> {
  const building = await loadBuilding(ctx, h.buildingId);
  const compound = building ? await loadCompound(ctx, building.compoundId) : null;
  return { compound: compound?.name ?? '', building: building?.name ?? '' };
}

export async function addressOf(ctx: Context, h: HouseholdEntity): Promise<string> {
  const p = await placeOf(ctx, h);
  return `${p.compound}${p.building}${h.unit}${h.room}`;
}

export interface HouseholdFilter {
  orgNodeId?: string | null;
  compoundId?: string | null;
  buildingId?: string | null;
  gridId?: string | null;
  query?: string | null;
  phone?: string | null;
  idNumber?: string | null;
}

function householdWhere(ctx: Context, filter: HouseholdFilter | null | undefined): { sql: string; params: unknown[] } {
  const visible = condition(ctx, 'read', 'Household', 'h');
  const parts = [visible.sql];
  const params = [...visible.params];
  const id = (value: string, type: string | string[], field: string) => {
    const n = idOf(value, ...(Array.isArray(type) ? type : [type]));
    if (n == null) fail(UserErrorCode.INVALID_INPUT, '编号无效', ['filter', field]);
    return n;
  };
  if (filter?.orgNodeId) {
    parts.push(`exists (select 1 from org_node hn where hn.id = h.org_node_id and starts_with(hn.path, (select fn.path from org_node fn where fn.id = ?)))`);
    params.push(id(filter.orgNodeId, ORG_TYPE_NAMES, 'orgNodeId'));
  }
  if (filter?.compoundId) {
    parts.push(`h.building_id in (select b.id from building b where b.compound_id = ?)`);
    params.push(id(filter.compoundId, 'Compound', 'compoundId'));
  }
  if (filter?.buildingId) { parts.push('h.building_id = ?'); params.push(id(filter.buildingId, 'Building', 'buildingId')); }
  if (filter?.gridId) {
    parts.push(`h.building_id in (select gb.building_id from grid_building gb join grid g on g.id = gb.grid_id where g.id = ? or g.parent_id = ?)`);
    const g = id(filter.gridId, 'Grid', 'gridId');
    params.push(g, g);
  }
  const q = filter?.query?.trim();
  if (q) {
    if ([...q].length > 50) fail(UserErrorCode.INVALID_INPUT, '搜索词最多 50 个字', ['filter', 'query']);
    parts.push(`(h.head_name like ? or h.room like ? or exists (select 1 from resident qr where qr.household_id = h.id and qr.name like ?))`);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like);
  }
  // exact lookups by phone or ID number: keyed hashes only, and only for roles that may see contact details
  if (filter?.phone || filter?.idNumber) {
    const allowed = condition(ctx, 'reveal', 'Household', 'h');
    parts.push(allowed.sql);
    params.push(...allowed.params);
  }
  if (filter?.phone) {
    const hash = lookupHash('phone', normalizePhone(filter.phone));
    parts.push(`(h.phone_hash = decode(?, 'hex') or exists (select 1 from resident pr where pr.household_id = h.id and pr.phone_hash = decode(?, 'hex')))`);
    params.push(hash?.toString('hex') ?? '', hash?.toString('hex') ?? '');
  }
  if (filter?.idNumber) {
    const hash = lookupHash('id_number', normalizeIdNumber(filter.idNumber));
    parts.push(`exists (select 1 from resident ir where ir.household_id = h.id and ir.id_number_hash = decode(?, 'hex'))`);
    params.push(hash?.toString('hex') ?? '');
  }
  return { sql: parts.join(' and '), params };
}

/** One page of the households the caller may read, by compound, building and room. */
export async function listHouseholds(ctx: Context, filter: HouseholdFilter | null | undefined, page: Page): Promise<HouseholdEntity[]> {
  ctx.access.requireStaff();
  const where = householdWhere(ctx, filter);
  if (where.sql.startsWith('false')) return [];
  const rows = await sql(ctx.em, `select h.* from household h where ${where.sql} order by h.building_id, h.unit, h.room, h.id limit ? offset ?`,
    [...where.params, page.limit + 1, page.offset]);
  return fromRows(ctx.em, HouseholdEntity, rows);
}

export async function countHouseholds(ctx: Context, filter: HouseholdFilter | null | undefined): Promise<number> {
  const where = householdWhere(ctx, filter);
  if (where.sql.startsWith('false')) return 0;
  const [{ count }] = await sql<{ count: string }>(ctx.em, `select count(*) from household h where ${where.sql}`, where.params);
  return Number(count);
}

/** One page of the households each org node looks after that the caller may see, batched. */
export function householdsOf(ctx: Context, node: OrgNodeEntity, page: Page): Promise<HouseholdEntity[]> {
  return ctx.loaders
    .get<number, HouseholdEntity[]>(`household.byOrg:${page.offset}:${page.limit}`, async (nodeIds) => {
      const visible = condition(ctx, 'read', 'Household', 'h');
      if (visible.sql === 'false') return nodeIds.map(() => []);
      const rows = await sql(ctx.em,
        `select * from (
           select h.*, row_number() over (partition by h.org_node_id order by h.id) - 1 as rn
           from household h where h.org_node_id = any(?::int[]) and ${visible.sql}
         ) t where rn >= ? and rn <= ? order by org_node_id, rn`,
        [[...nodeIds], ...visible.params, page.offset, page.offset + page.limit]);
      const grouped = new Map<number, HouseholdEntity[]>();
      for (const h of fromRows(ctx.em, HouseholdEntity, rows)) grouped.set(h.orgNodeId, [...(grouped.get(h.orgNodeId) ?? []), h]);
      return nodeIds.map((id) => grouped.get(id) ?? []);
    })
    .load(node.id);
}

/** How many households each org node looks after (a roll-up count, as public as the node). */
export function householdCountOf(ctx: Context, node: OrgNodeEntity): Promise<number> {
  return ctx.loaders
    .get<number, number>('household.countByOrg', async (nodeIds) => {
      const rows = await sql<{ org_node_id: number; count: string }>(ctx.em,
        `select org_node_id, count(*) from household where org_node_id = any(?::int[]) group by org_node_id`, [[...nodeIds]]);
      const map = new Map(rows.map((r) => [r.org_node_id, Number(r.count)]));
      return nodeIds.map((id) => map.get(id) ?? 0);
    })
    .load(node.id);
}

export function residentsOf(ctx: Context, h: HouseholdEntity): Promise<ResidentEntity[]> {
  return residentsOfHousehold(ctx, h.id, 50);
}

/** Compounds of the communities the caller works in (or of one community). */
export async function listCompounds(ctx: Context, communityId: string | null | undefined): Promise<CompoundEntity[]> {
  ctx.access.requireStaff();
  const c = condition(ctx, 'read', 'Compound', 'c');
  if (c.sql === 'false') return [];
  const community = communityId ? idOf(communityId, ...ORG_TYPE_NAMES) : null;
  if (communityId && community == null) fail(UserErrorCode.INVALID_INPUT, '社区编号无效', ['communityId']);
  const rows = await sql(ctx.em, `select c.* from compound c where ${c.sql} ${community != null ? 'and c.community_id = ?' : ''} order by c.community_id, c.name limit 200`,
    [...c.params, ...(community != null ? [community] : [])]);
  return fromRows(ctx.em, CompoundEntity, rows);
}

export function buildingsOf(ctx: Context, compound: CompoundEntity): Promise<BuildingEntity[]> {
  return ctx.loaders.get<number, BuildingEntity[]>('building.byCompound', async (ids) => {
    const rows = await sql(ctx.em, `select * from building where compound_id = any(?::int[]) order by compound_id, length(name), name limit 5000`, [[...ids]]);
    const grouped = new Map<number, BuildingEntity[]>();
    for (const b of fromRows(ctx.em, BuildingEntity, rows)) grouped.set(b.compoundId, [...(grouped.get(b.compoundId) ?? []), b]);
    return ids.map((id) => grouped.get(id) ?? []);
  }).load(compound.id);
}

export function householdCountOfBuilding(ctx: Context, b: BuildingEntity): Promise<number> {
  return ctx.loaders.get<number, number>('household.countByBuilding', async (ids) => {
    const visible = condition(ctx, 'read', 'Household', 'h');
    if (visible.sql === 'false') return ids.map(() => 0);
    const rows = await sql<{ building_id: number; count: string }>(ctx.em,
      `select h.building_id, count(*) from household h where h.building_id = any(?::int[]) and ${visible.sql} group by h.building_id`, [[...ids], ...visible.params]);
    const map = new Map(rows.map((r) => [r.building_id, Number(r.count)]));
    return ids.map((id) => map.get(id) ?? 0);
  }).load(b.id);
}

// ---- personal data: masked, or in clear on an explicit request -----------------------------------------

export function maskedPhone(sealed: Buffer | null): string | null {
  return sealed ? maskPhone(unseal(sealed)) : null;
}

export function maskedIdNumber(sealed: Buffer | null): string | null {
  return sealed ? maskIdNumber(unseal(sealed)) : null;
}

/** The phone: masked, or in clear when asked and the policy allows (one audit row). */
export async function householdPhone(ctx: Context, h: HouseholdEntity, inClear: boolean): Promise<string | null> {
  if (!inClear || !h.phone) return maskedPhone(h.phone);
  await revealFields(ctx, 'Household', h, ['phone']);
  return unseal(h.phone);
}

/** Care categories in clear: only on request (`reveal: true`) and for roles that may; null otherwise. */
export async function householdCare(ctx: Context, h: HouseholdEntity, inClear: boolean): Promise<CareData | null> {
  if (!inClear || !h.care) return null;
  if (!(await revealFields(ctx, 'Household', h, ['careCategories', 'careNote'], { denied: 'null' }))) return null;
  return openCare(h.care);
}

/** Whether the household or one of its residents is in a care category, for roles that may see care data; null for others. */
export async function hasCare(ctx: Context, h: HouseholdEntity): Promise<boolean | null> {
  if (!(await mayReveal(ctx, 'Household', h))) return null;
  if (h.care) return true;
  return (await residentsOf(ctx, h)).some((r) => r.care != null);
}

export async function residentField(ctx: Context, r: ResidentEntity, field: 'phone' | 'idNumber', inClear: boolean): Promise<string | null> {
  const sealed = r[field];
  if (!sealed) return null;
  if (!inClear) return field === 'phone' ? maskedPhone(sealed) : maskedIdNumber(sealed);
  const h = await loadHousehold(ctx, r.householdId);
  await revealFields(ctx, 'Resident', r, [field], { orgNodeId: h?.orgNodeId ?? null });
  return unseal(sealed);
}

export async function residentCare(ctx: Context, r: ResidentEntity, inClear: boolean): Promise<CareData | null> {
  if (!inClear || !r.care) return null;
  const h = await loadHousehold(ctx, r.householdId);
  if (!(await revealFields(ctx, 'Resident', r, ['careCategories', 'careNote'], { denied: 'null', orgNodeId: h?.orgNodeId ?? null }))) return null;
  return openCare(r.care);
}

/** The node that looks after the household, if the caller may see it. */
export function lookedAfterBy(ctx: Context, h: HouseholdEntity): Promise<OrgNodeEntity | null> {
  return findVisibleNode(ctx, h.orgNodeId);
}

// ---- writes ------------------------------------------------------------------------------------------------

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const { path, message } = firstIssue(result.error);
    fail(UserErrorCode.INVALID_INPUT, message, ['input', path]);
  }
  return result.data;
}

/** Find or create the compound and building named in a community (safe under concurrency). */
export async function placeFor(em: Context['em'], communityId: number, orgNodeId: number, compound: string, building: string): Promise<number> {
  await sql(em, `insert into compound (community_id, org_node_id, name) values (?, ?, ?) on conflict (community_id, name) do nothing`, [communityId, communityId, compound]);
  const [c] = await sql<{ id: number }>(em, `select id from compound where community_id = ? and name = ?`, [communityId, compound]);
  await sql(em, `insert into building (community_id, compound_id, org_node_id, name) values (?, ?, ?, ?) on conflict (compound_id, name) do nothing`, [communityId, c.id, orgNodeId, building]);
  const [b] = await sql<{ id: number }>(em, `select id from building where compound_id = ? and name = ?`, [c.id, building]);
  return b.id;
}

/** The node a new household hangs on: one the caller may write under, in a community. */
async function nodeForWrite(ctx: Context, orgNodeId: string, field: string[]): Promise<OrgNodeEntity> {
  const id = idOf(orgNodeId, ...ORG_TYPE_NAMES);
  const node = id == null ? null : await findVisibleNode(ctx, id);
  if (!node || node.communityId == null || node.archivedAt) fail(UserErrorCode.NOT_FOUND, '找不到该组织，或它不属于某个社区', field);
  await assertCan(ctx, 'write', 'Household', { orgNodeId: node.id } as HouseholdEntity);
  return node;
}

const sensitiveOf = (data: { phone?: string | null; careCategories?: readonly string[]; careNote?: string | null; idNumber?: string | null }) =>
  [data.phone ? 'phone' : null, data.idNumber ? 'idNumber' : null, data.careCategories?.length ? 'careCategories' : null, data.careNote ? 'careNote' : null]
    .filter((f): f is string => f != null);

export interface HouseholdCreate extends Partial<HouseholdInputData> { orgNodeId: string }

export async function createHousehold(ctx: Context, input: HouseholdCreate): Promise<HouseholdEntity> {
  ctx.access.requireStaff();
  const data = parse(householdSchema, input);
  const node = await nodeForWrite(ctx, input.orgNodeId, ['input', 'orgNodeId']);
  const id = await ctx.em.transactional(async (em) => {
    const buildingId = await placeFor(em, node.communityId!, node.id, data.compound, data.building);
    const [dup] = await sql(em, `select 1 from household where building_id = ? and unit = ? and room = ?`, [buildingId, data.unit, data.room]);
    if (dup) fail(UserErrorCode.DUPLICATE, `${data.compound}${data.building}${data.unit}${data.room}已登记`, ['input', 'room']);
    const h = em.create(HouseholdEntity, {
      communityId: node.communityId!, orgNodeId: node.id, buildingId, unit: data.unit, room: data.room, headName: data.headName, size: data.size,
      phone: seal(data.phone ?? null), phoneHash: data.phone ? lookupHash('phone', data.phone) : null, care: sealCare(data.careCategories, data.careNote),
    } as HouseholdEntity);
    await em.flush();
    const fields = sensitiveOf(data);
    if (fields.length) await announceReveal(ctx, 'Household', h, fields, { em, action: 'WRITE', orgNodeId: h.orgNodeId });
    return h.id;
  });
  ctx.loaders.clearAll();
  return (await loadHousehold(ctx, id))!;
}

export interface HouseholdUpdate extends Partial<HouseholdInputData> { id: string }

export async function updateHousehold(ctx: Context, input: HouseholdUpdate): Promise<HouseholdEntity> {
  ctx.access.requireStaff();
  const id = idOf(input.id, 'Household');
  const current = id == null ? null : await findVisibleHousehold(ctx, id);
  if (!current) fail(UserErrorCode.NOT_FOUND, '找不到该户', ['input', 'id']);
  await assertCan(ctx, 'write', 'Household', current);
  const place = await placeOf(ctx, current);
  const care = openCare(current.care);
  const merged = {
    compound: input.compound ?? place.compound, building: input.building ?? place.building, unit: input.unit ?? current.unit, room: input.room ?? current.room,
    headName: input.headName ?? current.headName, size: input.size ?? current.size,
    phone: input.phone !== undefined ? input.phone : undefined,
    careCategories: input.careCategories !== undefined ? input.careCategories : care?.categories ?? [],
    careNote: input.careNote !== undefined ? input.careNote : care?.note ?? null,
  };
  const data = parse(householdSchema, merged);
  await ctx.em.transactional(async (em) => {
    const h = await em.findOneOrFail(HouseholdEntity, { id: current.id }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
    h.buildingId = await placeFor(em, h.communityId, h.orgNodeId, data.compound, data.building);
    Object.assign(h, { unit: data.unit, room: data.room, headName: data.headName, size: data.size });
    const fields: string[] = [];
    if (input.phone !== undefined) {
      h.phone = seal(data.phone ?? null);
      h.phoneHash = data.phone ? lookupHash('phone', data.phone) : null;
      fields.push('phone');
    }
    if (input.careCategories !== undefined || input.careNote !== undefined) {
      h.care = sealCare(data.careCategories, data.careNote);
      fields.push('careCategories', 'careNote');
    }
    const [dup] = await sql(em, `select 1 from household where building_id = ? and unit = ? and room = ? and id <> ?`, [h.buildingId, h.unit, h.room, h.id]);
    if (dup) fail(UserErrorCode.DUPLICATE, `${data.compound}${data.building}${data.unit}${data.room}已登记`, ['input', 'room']);
    await em.flush();
    if (fields.length) await announceReveal(ctx, 'Household', h, fields, { em, action: 'WRITE', orgNodeId: h.orgNodeId });
  });
  ctx.loaders.clearAll();
  return (await loadHousehold(ctx, current.id))!;
}

export interface ResidentWrite extends Partial<ResidentInputData> { householdId?: string; id?: string }

export async function saveResident(ctx: Context, input: ResidentWrite): Promise<ResidentEntity> {
  ctx.access.requireStaff();
  let existing: ResidentEntity | null = null;
  let household: HouseholdEntity | null;
  if (input.id) {
    const rid = idOf(input.id, 'Resident');
    existing = rid == null ? null : await findVisibleResident(ctx, rid);
    if (!existing) fail(UserErrorCode.NOT_FOUND, '找不到该居民', ['input', 'id']);
    household = await loadHousehold(ctx, existing.householdId);
  } else {
    const hid = input.householdId ? idOf(input.householdId, 'Household') : null;
    household = hid == null ? null : await findVisibleHousehold(ctx, hid);
    if (!household) fail(UserErrorCode.NOT_FOUND, '找不到该户', ['input', 'householdId']);
  }
  await assertCan(ctx, 'write', 'Household', household!);
  const care = existing ? openCare(existing.care) : null;
  const data = parse(residentSchema, {
    name: input.name ?? existing?.name, relation: input.relation ?? existing?.relation, birthYear: input.birthYear !== undefined ? input.birthYear : existing?.birthYear,
    phone: input.phone, idNumber: input.idNumber,
    careCategories: input.careCategories !== undefined ? input.careCategories : care?.categories ?? [],
    careNote: input.careNote !== undefined ? input.careNote : care?.note ?? null,
  });
  const id = await ctx.em.transactional(async (em) => {
    const r = existing ? await em.findOneOrFail(ResidentEntity, { id: existing.id }) : em.create(ResidentEntity, { householdId: household!.id } as ResidentEntity);
    Object.assign(r, { name: data.name, relation: data.relation, birthYear: data.birthYear ?? null });
    const fields: string[] = [];
    if (!existing || input.phone !== undefined) {
      r.phone = seal(data.phone ?? null);
      r.phoneHash = data.phone ? lookupHash('phone', data.phone) : null;
      if (data.phone || existing) fields.push('phone');
    }
    if (!existing || input.idNumber !== undefined) {
      r.idNumber = seal(data.idNumber ?? null);
      r.idNumberHash = data.idNumber ? lookupHash('id_number', data.idNumber) : null;
      if (data.idNumber || existing) fields.push('idNumber');
    }
    if (!existing || input.careCategories !== undefined || input.careNote !== undefined) {
      r.care = sealCare(data.careCategories, data.careNote);
      if (r.care || existing) fields.push('careCategories', 'careNote');
    }
    await em.flush();
    if (fields.length) await announceReveal(ctx, 'Resident', r, fields, { em, action: 'WRITE', orgNodeId: household!.orgNodeId });
    return r.id;
  });
  ctx.loaders.clearAll();
  return (await loadResident(ctx, id))!;
}

// ---- 联户 links ----------------------------------------------------------------------------------------------

/** Link a household to a member household (党员中心户): it is looked after there from now on. */
export async function linkHousehold(ctx: Context, input: { householdId: string; memberHouseholdId: string }): Promise<HouseholdEntity> {
  ctx.access.requireStaff();
  const hid = idOf(input.householdId, 'Household');
  const h = hid == null ? null : await findVisibleHousehold(ctx, hid);
  if (!h) fail(UserErrorCode.NOT_FOUND, '找不到该户', ['input', 'householdId']);
  const mid = idOf(input.memberHouseholdId, ...ORG_TYPE_NAMES);
  const member = mid == null ? null : await findVisibleNode(ctx, mid);
  if (!member || member.level !== OrgLevel.MEMBER_HOUSEHOLD || member.archivedAt) fail(UserErrorCode.NOT_FOUND, '找不到该党员中心户', ['input', 'memberHouseholdId']);
  if (member.communityId !== h.communityId) fail(UserErrorCode.INVALID_INPUT, '只能联系本社区的住户', ['input', 'memberHouseholdId']);
  await assertCan(ctx, 'write', 'Household', h);
  await assertCan(ctx, 'write', 'Household', { orgNodeId: member.id } as HouseholdEntity);
  if (h.orgNodeId === member.id) return h;
  await ctx.em.transactional(async (em) => {
    await sql(em, `update household set org_node_id = ?, updated_at = now() where id = ?`, [member.id, h.id]);
  });
  ctx.loaders.clearAll();
  return (await loadHousehold(ctx, h.id))!;
}

/** Unlink a household from its member household: it goes back to the member household's building group. */
export async function unlinkHousehold(ctx: Context, input: { householdId: string }): Promise<HouseholdEntity> {
  ctx.access.requireStaff();
  const hid = idOf(input.householdId, 'Household');
  const h = hid == null ? null : await findVisibleHousehold(ctx, hid);
  if (!h) fail(UserErrorCode.NOT_FOUND, '找不到该户', ['input', 'householdId']);
  await assertCan(ctx, 'write', 'Household', h);
  const node = await loadNode(ctx, h.orgNodeId);
  if (!node || node.level !== OrgLevel.MEMBER_HOUSEHOLD || node.parentId == null) fail(UserErrorCode.INVALID_STATE, '该户没有党员中心户联系', ['input', 'householdId']);
  await ctx.em.transactional(async (em) => {
    await sql(em, `update household set org_node_id = ?, updated_at = now() where id = ? and org_node_id = ?`, [node.parentId, h.id, node.id]);
  });
  ctx.loaders.clearAll();
  return (await loadHousehold(ctx, h.id))!;
}

// ---- coverage -------------------------------------------------------------------------------------------------

export enum LinkLoad { NONE = 'NONE', OK = 'OK', TOO_MANY = 'TOO_MANY' }

export interface MemberLoad { node: OrgNodeEntity; linkedCount: number; careCount: number; load: LinkLoad }
export interface Coverage { node: OrgNodeEntity; uncovered: HouseholdEntity[]; uncoveredCount: number; careCount: number; loads: MemberLoad[] }

export const COVERAGE_UNCOVERED_LIMIT = 200;
export const COVERAGE_LOADS_LIMIT = 300;

const CARE_SQL = `(h.care is not null or exists (select 1 from resident cr where cr.household_id = h.id and cr.care is not null))`;

/**
 * The 联户 coverage of an org node's subtree: care-category households no member household links (only for
 * roles that may see care data; one audit row), and each member household's load (too many above 15, none).
 */
export async function coverage(ctx: Context, orgNodeId: string): Promise<Coverage | null> {
  ctx.access.requireStaff();
  const id = idOf(orgNodeId, ...ORG_TYPE_NAMES);
  const node = id == null ? null : await findVisibleNode(ctx, id);
  if (!node) return null;
  const care = condition(ctx, 'reveal', 'Household', 'h');
  let uncovered: HouseholdEntity[] = [];
  let uncoveredCount = 0;
  let careCount = 0;
  if (care.sql !== 'false') {
    const rows = await sql<Record<string, unknown> & { total: string; care_total: string }>(ctx.em,
      `with c as (
         select h.*, n.level as node_level from household h join org_node n on n.id = h.org_node_id
         where starts_with(n.path, ?) and ${care.sql} and ${CARE_SQL}
       )
       select t.*, (select count(*) from c where node_level <> 'MEMBER_HOUSEHOLD') as total, (select count(*) from c) as care_total
       from (select 1) one left join lateral (select * from c where node_level <> 'MEMBER_HOUSEHOLD' order by building_id, unit, room, id limit ?) t on true`,
      [node.path, ...care.params, COVERAGE_UNCOVERED_LIMIT]);
    uncoveredCount = Number(rows[0]?.total ?? 0);
    careCount = Number(rows[0]?.care_total ?? 0);
    uncovered = fromRows(ctx.em, HouseholdEntity, rows.filter((r) => r.id != null));
    await announceReveal(ctx, 'OrgNode', node, ['careStatus'], { reason: '联户覆盖报告', orgNodeId: node.id });
  }
  const mine = inSubtree(ctx.access, 'm.path');
  let loads: MemberLoad[] = [];
  if (mine.sql !== 'false') {
    const rows = await sql<Record<string, unknown> & { linked: string; care_linked: string }>(ctx.em,
      `select m.*, (select count(*) from household h where h.org_node_id = m.id) as linked,
              (select count(*) from household h where h.org_node_id = m.id and ${care.sql === 'false' ? 'false' : `${CARE_SQL} and ${care.sql}`}) as care_linked
       from org_node m where m.level = 'MEMBER_HOUSEHOLD' and m.archived_at is null and starts_with(m.path, ?) and ${mine.sql}
       order by m.path limit ?`,
      [...(care.sql === 'false' ? [] : care.params), node.path, ...mine.params, COVERAGE_LOADS_LIMIT]);
    const nodes = fromRows(ctx.em, OrgNodeEntity, rows);
    loads = nodes.map((m, i) => {
      const linked = Number(rows[i].linked);
      return { node: m, linkedCount: linked, careCount: Number(rows[i].care_linked), load: linked === 0 ? LinkLoad.NONE : linked > MAX_LINKED ? LinkLoad.TOO_MANY : LinkLoad.OK };
    });
  }
  return { node, uncovered, uncoveredCount, careCount, loads };
}
