import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { likeEscape, sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { communityForWrite as sharedCommunityForWrite, loadNode, OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { can, condition, readable, reveal } from '../access/index.js';
import { maskName, maskPhone } from '../../graphql/mask.js';
import { readsCommunityId } from './volunteer.policy.js';
import { shanghaiDay, yearRange } from '../activity/index.js';
import { RecognitionEntity, ServiceRecordEntity, ServiceSource, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import { uniquely, validMobile, validSearch, validText } from '../../graphql/validate.js';

// ---- access (the rules are in volunteer.policy.ts) -------------------------------------------------------

/** Staff with any grant in the community (or above it) read its volunteers: the community-wide read policy. */
export { readsCommunity as canReadCommunity } from './volunteer.policy.js';

async function community(ctx: Context, id: number): Promise<OrgNodeEntity | null> {
  const node = await loadNode(ctx, id);
  return node && node.level === OrgLevel.COMMUNITY ? node : null;
}

export function canSeeVolunteer(ctx: Context, volunteer: VolunteerEntity): Promise<boolean> {
  return can(ctx, 'read', 'Volunteer', volunteer);
}

/** The volunteer's phone: masked, or in clear on request when the policy allows (FORBIDDEN otherwise). */
export async function volunteerPhone(ctx: Context, volunteer: VolunteerEntity, inClear: boolean): Promise<string> {
  if (volunteer.phone == null) return '已清除';
  if (!inClear) return maskPhone(volunteer.phone)!;
  return (await reveal(ctx, 'Volunteer', volunteer, 'phone'))!;
}

/** The volunteer's name: in full for staff, masked (张*华) for partner tokens. */
export function volunteerName(ctx: Context, volunteer: VolunteerEntity): string {
  return ctx.access.isStaff ? volunteer.name : maskName(volunteer.name);
}

/** One page of a team's roster; null unless the caller reads the community's volunteers (community-wide read). */
export async function rosterOfTeam(ctx: Context, team: VolunteerTeamEntity, page: Page): Promise<VolunteerEntity[] | null> {
  if (!(await readsCommunityId(ctx, team.communityId))) return null;
  return membersOfTeam(ctx, team.id, page);
}

/** Staff with a grant in the community (community-wide read). */
export function canReadCommunityId(ctx: Context, communityId: number): Promise<boolean> {
  return readsCommunityId(ctx, communityId);
}

// ---- loaders -------------------------------------------------------------------------------------------

export function loadVolunteer(ctx: Context, id: number): Promise<VolunteerEntity | null> {
  return ctx.loaders
    .get<number, VolunteerEntity | null>('volunteer.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, VolunteerEntity, await sql(ctx.em, `select * from volunteer where id = any(?::int[])`, [[...ids]])), (v) => v.id))
    .load(id);
}

export async function findVisibleVolunteer(ctx: Context, id: number): Promise<VolunteerEntity | null> {
  return readable(ctx, 'Volunteer', await loadVolunteer(ctx, id));
}

export function loadTeam(ctx: Context, id: number): Promise<VolunteerTeamEntity | null> {
  return ctx.loaders
    .get<number, VolunteerTeamEntity | null>('team.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, VolunteerTeamEntity, await sql(ctx.em, `select * from volunteer_team where id = any(?::int[])`, [[...ids]])), (t) => t.id))
    .load(id);
}

export function loadServiceRecord(ctx: Context, id: number): Promise<ServiceRecordEntity | null> {
  return ctx.loaders
    .get<number, ServiceRecordEntity | null>('serviceRecord.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, ServiceRecordEntity, await sql(ctx.em, `select * from service_record where id = any(?::int[])`, [[...ids]])), (r) => r.id))
    .load(id);
}

export async function findVisibleServiceRecord(ctx: Context, id: number): Promise<ServiceRecordEntity | null> {
  return readable(ctx, 'ServiceRecord', await loadServiceRecord(ctx, id));
}

export async function findVisibleRecognition(ctx: Context, id: number): Promise<RecognitionEntity | null> {
  const recognition = await ctx.loaders
    .get<number, RecognitionEntity | null>('recognition.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, RecognitionEntity, await sql(ctx.em, `select * from recognition where id = any(?::int[])`, [[...ids]])), (r) => r.id))
    .load(id);
  return readable(ctx, 'Recognition', recognition);
}

/** Teams each volunteer belongs to, batched. */
export function teamsOfVolunteer(ctx: Context, volunteerId: number): Promise<VolunteerTeamEntity[]> {
  return ctx.loaders
    .get<number, VolunteerTeamEntity[]>('volunteer.teams', async (ids) => {
      const rows = await sql<Record<string, unknown> & { volunteer_id: number }>(ctx.em,
        `select m.volunteer_id, t.* from volunteer_team_member m join volunteer_team t on t.id = m.team_id
         where m.volunteer_id = any(?::int[]) and t.archived_at is null order by m.volunteer_id, t.name, t.id`, [[...ids]]);
      const teams = fromRows(ctx.em, VolunteerTeamEntity, rows);
      const pairs = rows.map((r, i) => ({ volunteerId: r.volunteer_id, team: teams[i] }));
      return groupBy(ids, pairs, (p) => p.volunteerId).map((list) => list.map((p) => p.team));
    })
    .load(volunteerId);
}

/** One page of each team's live members, by name. */
export function membersOfTeam(ctx: Context, teamId: number, page: Page): Promise<VolunteerEntity[]> {
  return ctx.loaders
    .get<number, VolunteerEntity[]>(`team.members:${page.offset}:${page.limit}`, async (ids) => {
      const rows = await sql(ctx.em,
        `select * from (
           select m.team_id, v.*, row_number() over (partition by m.team_id order by v.name, v.id) - 1 as rn
           from volunteer_team_member m join volunteer v on v.id = m.volunteer_id
           where m.team_id = any(?::int[]) and v.archived_at is null
         ) t where rn >= ? and rn <= ? order by team_id, rn`,
        [[...ids], page.offset, page.offset + page.limit]);
      const volunteers = fromRows(ctx.em, VolunteerEntity, rows);
      const pairs = rows.map((r, i) => ({ teamId: r.team_id as number, volunteer: volunteers[i] }));
      return groupBy(ids, pairs, (p) => p.teamId).map((list) => list.map((p) => p.volunteer));
    })
    .load(teamId);
}

export function memberCountOfTeam(ctx: Context, teamId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('team.memberCount', async (ids) => {
      const rows = await sql<{ team_id: number; count: string }>(ctx.em,
        `select m.team_id, count(*) from volunteer_team_member m join volunteer v on v.id = m.volunteer_id
         where m.team_id = any(?::int[]) and v.archived_at is null group by m.team_id`, [[...ids]]);
      return byKey(ids, rows, (r) => r.team_id).map((r) => Number(r?.count ?? 0));
    })
    .load(teamId);
}

/** "served_on within the year" (all time when year is null), as SQL on alias `r`. */
function yearCondition(year: number | null): { sql: string; params: unknown[] } {
  if (year == null) return { sql: 'true', params: [] };
  const { from, to } = yearRange(year);
  return { sql: 'r.served_on >= ?::date and r.served_on < ?::date', params: [from, to] };
}

function validYear(year: number | null | undefined): number | null {
  if (year == null) return null;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fail(UserErrorCode.INVALID_INPUT, '年份应为 2000 到 2100', ['year']);
  return year;
}

type HoursKind = 'volunteer' | 'team' | 'unit';
const HOURS_SQL: Record<HoursKind, (where: string) => string> = {
  volunteer: (where) => `select r.volunteer_id as key, sum(r.hours) as hours from service_record r where r.volunteer_id = any(?::int[]) and ${where} group by r.volunteer_id`,
  // a volunteer in two teams counts in both teams' totals, once in the community's
  team: (where) => `select m.team_id as key, sum(r.hours) as hours from volunteer_team_member m join service_record r on r.volunteer_id = m.volunteer_id
                    where m.team_id = any(?::int[]) and ${where} group by m.team_id`,
  unit: (where) => `select v.unit_id as key, sum(r.hours) as hours from volunteer v join service_record r on r.volunteer_id = v.id
                    where v.unit_id = any(?::int[]) and ${where} group by v.unit_id`,
};

/** Service hours summed per volunteer, team or unit (optionally in one year), one statement per batch. */
export function serviceHoursOf(ctx: Context, kind: HoursKind, id: number, year?: number | null): Promise<number> {
  const y = validYear(year);
  return ctx.loaders
    .get<number, number>(`hours.${kind}:${y}`, async (ids) => {
      const cond = yearCondition(y);
      const rows = await sql<{ key: number; hours: string }>(ctx.em, HOURS_SQL[kind](cond.sql), [[...ids], ...cond.params]);
      return byKey(ids, rows, (r) => r.key).map((r) => Number(r?.hours ?? 0));
    })
    .load(id);
}

export interface CommunityHours { communityId: number; year: number | null; totalHours: number; recordCount: number; volunteerCount: number }

/** A community's volunteer hours (optionally in one year): totals only, public. */
export async function communityHours(ctx: Context, communityId: number, year?: number | null): Promise<CommunityHours | null> {
  const y = validYear(year);
  if (!(await community(ctx, communityId))) return null;
  const cond = yearCondition(y);
  const [row] = await sql<{ hours: string | null; records: string; volunteers: string }>(ctx.em,
    `select sum(r.hours) as hours, count(*) as records, count(distinct r.volunteer_id) as volunteers
     from service_record r where r.community_id = ? and ${cond.sql}`, [communityId, ...cond.params]);
  return { communityId, year: y, totalHours: Number(row.hours ?? 0), recordCount: Number(row.records), volunteerCount: Number(row.volunteers) };
}

/** One page of a volunteer's service records, newest first. */
export function recordsOfVolunteer(ctx: Context, volunteerId: number, year: number | null, page: Page): Promise<ServiceRecordEntity[]> {
  const y = validYear(year);
  return ctx.loaders
    .get<number, ServiceRecordEntity[]>(`volunteer.records:${y}:${page.offset}:${page.limit}`, async (ids) => {
      const cond = yearCondition(y);
      const rows = await sql(ctx.em,
        `select * from (
           select r.*, row_number() over (partition by r.volunteer_id order by r.served_on desc, r.id desc) - 1 as rn
           from service_record r where r.volunteer_id = any(?::int[]) and ${cond.sql}
         ) t where rn >= ? and rn <= ? order by volunteer_id, rn`,
        [[...ids], ...cond.params, page.offset, page.offset + page.limit]);
      return groupBy(ids, fromRows(ctx.em, ServiceRecordEntity, rows), (r) => r.volunteerId);
    })
    .load(volunteerId);
}

export function recordCountOfVolunteer(ctx: Context, volunteerId: number, year: number | null): Promise<number> {
  const y = validYear(year);
  return ctx.loaders
    .get<number, number>(`volunteer.recordCount:${y}`, async (ids) => {
      const cond = yearCondition(y);
      const rows = await sql<{ volunteer_id: number; count: string }>(ctx.em,
        `select r.volunteer_id, count(*) from service_record r where r.volunteer_id = any(?::int[]) and ${cond.sql} group by r.volunteer_id`, [[...ids], ...cond.params]);
      return byKey(ids, rows, (r) => r.volunteer_id).map((r) => Number(r?.count ?? 0));
    })
    .load(volunteerId);
}

/** Recognitions of each volunteer, newest year first. */
export async function recognitionsOfVolunteer(ctx: Context, volunteerId: number): Promise<RecognitionEntity[]> {
  // recognitions are for staff; partners see the volunteer without them
  if (!ctx.access.isStaff) return [];
  return ctx.loaders
    .get<number, RecognitionEntity[]>('volunteer.recognitions', async (ids) => {
      const rows = fromRows(ctx.em, RecognitionEntity, await sql(ctx.em, `select * from recognition where volunteer_id = any(?::int[]) order by year desc, id`, [[...ids]]));
      return groupBy(ids, rows, (r) => r.volunteerId!);
    })
    .load(volunteerId);
}

// ---- lists ---------------------------------------------------------------------------------------------

/** Volunteers of a community the caller may see (staff in the community; a partner: its unit's), by name. */
export async function listVolunteers(ctx: Context, communityId: number, filter: { teamId?: number | null; search?: string | null; unitId?: number | null }, page: Page): Promise<{ rows: VolunteerEntity[]; total: () => Promise<number> }> {
  if (!ctx.access.isStaff && !ctx.access.isPartner) return { rows: [], total: async () => 0 };
  const where = ['v.community_id = ?', 'v.archived_at is null'];
  const params: unknown[] = [communityId];
  // the community's volunteers the caller may read: all of them for its staff, the unit's for a partner
  const visible = condition(ctx, 'read', 'Volunteer', 'v');
  where.push(visible.sql);
  params.push(...visible.params);
  if (filter.teamId != null) { where.push('exists (select 1 from volunteer_team_member m where m.volunteer_id = v.id and m.team_id = ?)'); params.push(filter.teamId); }
  if (filter.unitId != null) { where.push('v.unit_id = ?'); params.push(filter.unitId); }
  if (filter.search != null) {
    const text = validSearch(filter.search, 20, ['search']);
    where.push('v.name ilike ?');
    params.push(`%${likeEscape(text)}%`);
  }
  const from = `volunteer v where ${where.join(' and ')}`;
  const rows = await sql(ctx.em, `select v.* from ${from} order by v.name, v.id offset ? limit ?`, [...params, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, VolunteerEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from ${from}`, params))[0].count),
  };
}

/** A community's live volunteer teams (public), by name. */
export async function listTeams(ctx: Context, communityId: number, page: Page): Promise<{ rows: VolunteerTeamEntity[]; total: () => Promise<number> }> {
  const rows = await sql(ctx.em, `select * from volunteer_team where community_id = ? and archived_at is null order by id offset ? limit ?`, [communityId, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, VolunteerTeamEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from volunteer_team where community_id = ? and archived_at is null`, [communityId]))[0].count),
  };
}

/** A community's recognitions (staff in the community), newest year first. */
export async function listRecognitions(ctx: Context, communityId: number, year: number | null, page: Page): Promise<{ rows: RecognitionEntity[]; total: () => Promise<number> }> {
  const y = validYear(year);
  if (!(await canReadCommunityId(ctx, communityId))) return { rows: [], total: async () => 0 };
  const where = `community_id = ?${y == null ? '' : ' and year = ?'}`;
  const params = y == null ? [communityId] : [communityId, y];
  const rows = await sql(ctx.em, `select * from recognition where ${where} order by year desc, title, id offset ? limit ?`, [...params, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, RecognitionEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from recognition where ${where}`, params))[0].count),
  };
}

// ---- writes --------------------------------------------------------------------------------------------

const field = (name: string) => ['input', name];

/** The community committee, for a write by staff who can write it (FORBIDDEN otherwise, ARCHIVED when archived). */
function communityForWrite(em: EntityManager, ctx: Context, communityId: number, fieldPath: string[]): Promise<OrgNodeEntity> {
  return sharedCommunityForWrite(ctx, communityId, fieldPath, { em });
}




function validSkills(skills: string[] | null | undefined): string[] | undefined {
  if (skills == null) return undefined;
  const cleaned = [...new Set(skills.map((s) => s.trim()).filter(Boolean))];
  if (cleaned.length > 20 || cleaned.some((s) => [...s].length > 20)) fail(UserErrorCode.INVALID_INPUT, '技能最多 20 项，每项最多 20 个字', field('skills'));
  return cleaned;
}

async function checkMember(em: EntityManager, memberId: number | null | undefined, communityId: number): Promise<void> {
  if (memberId == null) return;
  const [m] = await sql(em, `select 1 from party_member where id = ? and community_id = ? and archived_at is null`, [memberId, communityId]);
  if (!m) fail(UserErrorCode.NOT_FOUND, '找不到该党员（须为本社区党员）', field('memberId'));
}

async function checkUnit(em: EntityManager, unitId: number | null | undefined): Promise<void> {
  if (unitId == null) return;
  const [u] = await sql(em, `select 1 from co_building_unit where id = ?`, [unitId]);
  if (!u) fail(UserErrorCode.NOT_FOUND, '找不到该共建单位', field('unitId'));
}

async function lockVolunteer(em: EntityManager, ctx: Context, id: number, fieldPath = field('id')): Promise<VolunteerEntity> {
  const [row] = await sql(em, `select * from volunteer where id = ? for update`, [id]);
  if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该志愿者', fieldPath);
  const volunteer = em.map(VolunteerEntity, row);
  await communityForWrite(em, ctx, volunteer.communityId, fieldPath);
  return volunteer;
}

async function lockTeam(em: EntityManager, ctx: Context, id: number, fieldPath = field('id')): Promise<VolunteerTeamEntity> {
  const [row] = await sql(em, `select * from volunteer_team where id = ? for update`, [id]);
  if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该志愿服务队', fieldPath);
  const team = em.map(VolunteerTeamEntity, row);
  await communityForWrite(em, ctx, team.communityId, fieldPath);
  return team;
}

export interface VolunteerCreate { communityId: number; name: string; phone: string; memberId?: number | null; unitId?: number | null; skills?: string[] | null; teamIds?: number[] | null }

export async function createVolunteer(ctx: Context, input: VolunteerCreate): Promise<VolunteerEntity> {
  ctx.access.requireStaffNotPartner();
  const name = validText(input.name, 20, field('name'), '姓名');
  const phone = validMobile(input.phone, field('phone'));
  const skills = validSkills(input.skills) ?? [];
  const result = await uniquely(() => ctx.em.transactional(async (em) => {
    const c = await communityForWrite(em, ctx, input.communityId, field('communityId'));
    await checkMember(em, input.memberId, c.id);
    await checkUnit(em, input.unitId);
    const volunteer = em.create(VolunteerEntity, { communityId: c.id, name, phone, memberId: input.memberId ?? null, unitId: input.unitId ?? null, skills } as VolunteerEntity);
    await em.flush();
    for (const teamId of new Set(input.teamIds ?? [])) {
      const team = await lockTeam(em, ctx, teamId, field('teamIds'));
      if (team.communityId !== c.id) fail(UserErrorCode.NOT_FOUND, '找不到该志愿服务队（须为本社区的）', field('teamIds'));
      await sql(em, `insert into volunteer_team_member (team_id, volunteer_id) values (?, ?) on conflict do nothing`, [team.id, volunteer.id]);
    }
    return volunteer;
  }), '本社区已有使用该手机号的志愿者', field('phone'));
  ctx.loaders.clearAll();
  return result;
}

export interface VolunteerUpdate { id: number; name?: string | null; phone?: string | null; memberId?: number | null; unitId?: number | null; skills?: string[] | null; archived?: boolean | null }

export async function updateVolunteer(ctx: Context, input: VolunteerUpdate): Promise<VolunteerEntity> {
  ctx.access.requireStaffNotPartner();
  const name = input.name != null ? validText(input.name, 20, field('name'), '姓名') : undefined;
  const phone = input.phone != null ? validMobile(input.phone, field('phone')) : undefined;
  const skills = validSkills(input.skills);
  const result = await uniquely(() => ctx.em.transactional(async (em) => {
    const volunteer = await lockVolunteer(em, ctx, input.id);
    if (input.memberId !== undefined) { await checkMember(em, input.memberId, volunteer.communityId); volunteer.memberId = input.memberId; }
    if (input.unitId !== undefined) { await checkUnit(em, input.unitId); volunteer.unitId = input.unitId; }
    if (name !== undefined) volunteer.name = name;
    if (phone !== undefined) volunteer.phone = phone;
    if (skills !== undefined) volunteer.skills = skills;
    if (input.archived != null) volunteer.archivedAt = input.archived ? (volunteer.archivedAt ?? new Date()) : null;
    await em.flush();
    return volunteer;
  }), '本社区已有使用该手机号的志愿者', field('phone'));
  ctx.loaders.clearAll();
  return result;
}

export async function createTeam(ctx: Context, input: { communityId: number; name: string; skills?: string[] | null; unitId?: number | null }): Promise<VolunteerTeamEntity> {
  ctx.access.requireStaffNotPartner();
  const name = validText(input.name, 50, field('name'), '服务队名称');
  const skills = validSkills(input.skills) ?? [];
  return uniquely(() => ctx.em.transactional(async (em) => {
    const c = await communityForWrite(em, ctx, input.communityId, field('communityId'));
    await checkUnit(em, input.unitId);
    const team = em.create(VolunteerTeamEntity, { communityId: c.id, name, skills, unitId: input.unitId ?? null } as VolunteerTeamEntity);
    await em.flush();
    return team;
  }), '本社区已有同名志愿服务队', field('name'));
}

export async function updateTeam(ctx: Context, input: { id: number; name?: string | null; skills?: string[] | null; unitId?: number | null; archived?: boolean | null }): Promise<VolunteerTeamEntity> {
  ctx.access.requireStaffNotPartner();
  const name = input.name != null ? validText(input.name, 50, field('name'), '服务队名称') : undefined;
  const skills = validSkills(input.skills);
  const result = await uniquely(() => ctx.em.transactional(async (em) => {
    const team = await lockTeam(em, ctx, input.id);
    if (input.unitId !== undefined) { await checkUnit(em, input.unitId); team.unitId = input.unitId; }
    if (name !== undefined) team.name = name;
    if (skills !== undefined) team.skills = skills;
    if (input.archived != null) team.archivedAt = input.archived ? (team.archivedAt ?? new Date()) : null;
    await em.flush();
    return team;
  }), '本社区已有同名志愿服务队', field('name'));
  ctx.loaders.clearAll();
  return result;
}

/** Add a volunteer to a team of the same community (adding twice is harmless), or take them off it. */
export async function setTeamMembership(ctx: Context, teamId: number, volunteerId: number, member: boolean): Promise<{ team: VolunteerTeamEntity; volunteer: VolunteerEntity }> {
  ctx.access.requireStaffNotPartner();
  const result = await ctx.em.transactional(async (em) => {
    const team = await lockTeam(em, ctx, teamId, field('teamId'));
    const volunteer = await lockVolunteer(em, ctx, volunteerId, field('volunteerId'));
    if (volunteer.communityId !== team.communityId) fail(UserErrorCode.INVALID_INPUT, '志愿者与服务队不在同一社区', field('volunteerId'));
    if (member) await sql(em, `insert into volunteer_team_member (team_id, volunteer_id) values (?, ?) on conflict do nothing`, [team.id, volunteer.id]);
    else await sql(em, `delete from volunteer_team_member where team_id = ? and volunteer_id = ?`, [team.id, volunteer.id]);
    return { team, volunteer };
  });
  ctx.loaders.clearAll();
  return result;
}

function validHours(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 || Math.round(hours * 100) !== hours * 100) {
    fail(UserErrorCode.INVALID_INPUT, '服务时长应大于 0、不超过 24 小时，最多两位小数', field('hours'));
  }
  return hours;
}

function validServedOn(servedOn: string, now: Date): string {
  const text = servedOn.trim();
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!ok || text < '2000-01-01') fail(UserErrorCode.INVALID_INPUT, '服务日期应为有效日期 YYYY-MM-DD', field('servedOn'));
  if (text > shanghaiDay(now)) fail(UserErrorCode.INVALID_INPUT, '服务日期不能晚于今天', field('servedOn'));
  return text;
}

/** Hours entered by staff (e.g. river patrols that had no sign-up). */
export async function createServiceRecord(ctx: Context, input: { volunteerId: number; hours: number; servedOn: string; activityId?: number | null; note?: string | null }, now = new Date()): Promise<ServiceRecordEntity> {
  ctx.access.requireStaffNotPartner();
  const hours = validHours(input.hours);
  const servedOn = validServedOn(input.servedOn, now);
  const note = input.note?.trim() || null;
  if (note && [...note].length > 200) fail(UserErrorCode.INVALID_INPUT, '备注最多 200 个字', field('note'));
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const result = await ctx.em.transactional(async (em) => {
    const volunteer = await lockVolunteer(em, ctx, input.volunteerId, field('volunteerId'));
    if (volunteer.archived) fail(UserErrorCode.ARCHIVED, `${volunteer.name}已不在志愿者名册中`, field('volunteerId'));
    if (input.activityId != null) {
      const [a] = await sql(em, `select 1 from activity where id = ? and community_id = ?`, [input.activityId, volunteer.communityId]);
      if (!a) fail(UserErrorCode.NOT_FOUND, '找不到该活动（须为本社区的活动）', field('activityId'));
    }
    const record = em.create(ServiceRecordEntity, {
      communityId: volunteer.communityId, volunteerId: volunteer.id, activityId: input.activityId ?? null, hours: hours.toFixed(2),
      servedOn, source: ServiceSource.MANUAL, note, recordedBy: accountId,
    } as ServiceRecordEntity);
    await em.flush();
    return record;
  });
  ctx.loaders.clearAll();
  return result;
}

export async function deleteServiceRecord(ctx: Context, id: number): Promise<number> {
  ctx.access.requireStaffNotPartner();
  await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ volunteer_id: number }>(em, `select volunteer_id from service_record where id = ? for update`, [id]);
    if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该服务记录', field('id'));
    await lockVolunteer(em, ctx, row.volunteer_id, field('id'));
    await sql(em, `delete from service_record where id = ?`, [id]);
  });
  ctx.loaders.clearAll();
  return id;
}

export async function createRecognition(ctx: Context, input: { communityId: number; year: number; title: string; volunteerId?: number | null; householdId?: number | null; citation?: string | null }): Promise<RecognitionEntity> {
  ctx.access.requireStaffNotPartner();
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) fail(UserErrorCode.INVALID_INPUT, '年份应为 2000 到 2100', field('year'));
  const title = input.title.trim();
  if (title.length < 1 || [...title].length > 50) fail(UserErrorCode.INVALID_INPUT, '称号应为 1 到 50 个字，如 优秀志愿者', field('title'));
  if ((input.volunteerId == null) === (input.householdId == null)) fail(UserErrorCode.INVALID_INPUT, '请选择一位志愿者或一户家庭（二选一）', field('volunteerId'));
  const citation = input.citation?.trim() || null;
  if (citation && [...citation].length > 500) fail(UserErrorCode.INVALID_INPUT, '事迹简介最多 500 个字', field('citation'));
  return uniquely(() => ctx.em.transactional(async (em) => {
    const c = await communityForWrite(em, ctx, input.communityId, field('communityId'));
    if (input.volunteerId != null) {
      const [v] = await sql(em, `select 1 from volunteer where id = ? and community_id = ?`, [input.volunteerId, c.id]);
      if (!v) fail(UserErrorCode.NOT_FOUND, '找不到该志愿者（须为本社区志愿者）', field('volunteerId'));
    } else {
      const [h] = await sql(em, `select 1 from household where id = ? and community_id = ?`, [input.householdId, c.id]);
      if (!h) fail(UserErrorCode.NOT_FOUND, '找不到该户（须为本社区住户）', field('householdId'));
    }
    const recognition = em.create(RecognitionEntity, {
      communityId: c.id, year: input.year, title, volunteerId: input.volunteerId ?? null, householdId: input.householdId ?? null, citation,
    } as RecognitionEntity);
    await em.flush();
    return recognition;
  }), '该年度已有同样的表彰', field('title'));
}

export async function deleteRecognition(ctx: Context, id: number): Promise<number> {
  ctx.access.requireStaffNotPartner();
  await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ community_id: number }>(em, `select community_id from recognition where id = ? for update`, [id]);
    if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该表彰', field('id'));
    await communityForWrite(em, ctx, row.community_id, field('id'));
    await sql(em, `delete from recognition where id = ?`, [id]);
  });
  ctx.loaders.clearAll();
  return id;
}
