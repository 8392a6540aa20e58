/**
 * The talent pool (治理人才库): recruitment calls (招募令) residents answer without an account, review by staff,
 * placement in talent teams (each working as a volunteer team), search by skill and area for dispatching, and
 * counts per team (people, problems solved).
 */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey } from '../../graphql/loaders.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertPrintable, validDate, validMobile, validText } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, condition, readable } from '../access/index.js';
import { communityForWrite } from '../org/index.js';
import { maskPhone, seal, unseal } from '../privacy/index.js';
import { ApplicantDecision, ApplicantStatus, RecruitmentCallEntity, TalentApplicantEntity, TalentTeamEntity } from './talent.entity.js';
import type { ApplyToRecruitmentCallInput, RecruitmentCallCreateInput, ReviewTalentApplicantInput, TalentTeamCreateInput } from './talent.types.js';
import './talent.policy.js';

const field = (name: string) => ['input', name];
const chars = (s: string) => [...s].length;

function optional(value: string | null | undefined, max: number, f: string[], label: string, multiline = false): string | null {
  const t = (value ?? '').trim();
  if (!t) return null;
  if (chars(t) > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, f);
  assertPrintable(t, f, label, multiline);
  return t;
}

function validSkills(values: string[] | null | undefined, f: string[], min: number, max: number): string[] {
  const skills = [...new Set((values ?? []).flatMap((s) => s.split(/[,，、]/)).map((s) => s.trim()).filter(Boolean))];
  if (skills.length < min) fail(UserErrorCode.INVALID_INPUT, '请至少填写一项特长', f);
  if (skills.length > max) fail(UserErrorCode.INVALID_INPUT, `特长最多 ${max} 项`, f);
  for (const s of skills) {
    if (chars(s) > 20) fail(UserErrorCode.INVALID_INPUT, '每项特长最多 20 个字', f);
    assertPrintable(s, f, '特长');
  }
  return skills;
}

function validKey(value: string | null | undefined): string | null {
  if (value == null || value === '') return null;
  const key = value.trim();
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key)) fail(UserErrorCode.INVALID_INPUT, '幂等键应为 8 到 100 个可见 ASCII 字符（例如 UUID）', field('idempotencyKey'));
  return key;
}

const shanghaiDay = (now: Date) => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

// ---- calls --------------------------------------------------------------------------------------------

export function loadCall(ctx: Context, id: number): Promise<RecruitmentCallEntity | null> {
  return ctx.loaders
    .get<number, RecruitmentCallEntity | null>('talent.call', async (ids) =>
      byKey(ids, fromRows(ctx.em, RecruitmentCallEntity, await sql(ctx.em, `select * from recruitment_call where id = any(?::int[])`, [[...ids]])), (c) => c.id))
    .load(id);
}

export async function findVisibleCall(ctx: Context, id: number): Promise<RecruitmentCallEntity | null> {
  return readable(ctx, 'RecruitmentCall', await loadCall(ctx, id));
}

/** Open for sign-up on `day` (YYYY-MM-DD). */
export function callIsOpen(c: RecruitmentCallEntity, day: string): boolean {
  return c.published && c.opensOn <= day && (c.closesOn == null || c.closesOn >= day);
}

export async function listCalls(ctx: Context, communityGlobalId: string, includeHidden: boolean, page: Page): Promise<{ rows: RecruitmentCallEntity[]; total: () => Promise<number> }> {
  const communityId = idOf(communityGlobalId, 'PartyCommittee');
  const c = condition(ctx, 'read', 'RecruitmentCall', 'c');
  if (communityId == null || c.sql === 'false') return { rows: [], total: async () => 0 };
  const where = `${c.sql} and c.community_id = ?${includeHidden ? '' : ' and c.published'}`;
  const params = [...c.params, communityId];
  const rows = await sql(ctx.em, `select c.* from recruitment_call c where ${where} order by c.opens_on desc, c.id desc limit ? offset ?`, [...params, page.limit + 1, page.offset]);
  return {
    rows: fromRows(ctx.em, RecruitmentCallEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from recruitment_call c where ${where}`, params))[0].count),
  };
}

export async function createCall(ctx: Context, input: RecruitmentCallCreateInput): Promise<RecruitmentCallEntity> {
  const community = await communityForWrite(ctx, idOf(input.communityId, 'PartyCommittee'), field('communityId'));
  const title = validText(input.title, 50, field('title'), '招募令标题');
  const body = optional(input.body, 2000, field('body'), '招募内容', true) ?? '';
  const skillsWanted = validSkills(input.skillsWanted, field('skillsWanted'), 0, 20);
  const opensOn = validDate(input.opensOn, field('opensOn'), '开始日期');
  const closesOn = input.closesOn ? validDate(input.closesOn, field('closesOn'), '截止日期') : null;
  if (closesOn && closesOn < opensOn) fail(UserErrorCode.INVALID_INPUT, '截止日期不能早于开始日期', field('closesOn'));
  const draft = Object.assign(new RecruitmentCallEntity(), { communityId: community.id });
  await assertCan(ctx, 'write', 'RecruitmentCall', draft);
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const [row] = await ctx.em.transactional((em) => sql<{ id: number }>(em,
    `insert into recruitment_call (community_id, title, body, skills_wanted, opens_on, closes_on, published, created_by) values (?, ?, ?, ?::text[], ?, ?, ?, ?) returning id`,
    [community.id, title, body, skillsWanted, opensOn, closesOn, input.published ?? true, accountId]));
  ctx.loaders.clearAll();
  return (await loadCall(ctx, row.id))!;
}

/** A resident signs up (public). With an idempotency key already used on the call, nothing new is stored. */
export async function applyToCall(ctx: Context, input: ApplyToRecruitmentCallInput, now = new Date()): Promise<RecruitmentCallEntity> {
  const id = idOf(input.callId, 'RecruitmentCall');
  const call = id == null ? null : await findVisibleCall(ctx, id);
  if (!call || !call.published) fail(UserErrorCode.NOT_FOUND, '找不到该招募令', field('callId'));
  if (!callIsOpen(call, shanghaiDay(now))) fail(UserErrorCode.REGISTRATION_CLOSED, `「${call.title}」当前不在报名时间内`, field('callId'));
  const name = validText(input.name, 20, field('name'), '姓名');
  const phone = validMobile(input.phone ?? '', field('phone'));
  const skills = validSkills(input.skills, field('skills'), 1, 10);
  const availability = validText(input.availability, 100, field('availability'), '可服务时间');
  const building = optional(input.building, 50, field('building'), '楼栋');
  const intro = optional(input.intro, 500, field('intro'), '自我介绍', true);
  const key = validKey(input.idempotencyKey);
  let gridId: number | null = null;
  if (input.gridId) {
    gridId = idOf(input.gridId, 'Grid');
    const [g] = gridId == null ? [] : await sql(ctx.em, `select 1 from grid where id = ? and community_id = ?`, [gridId, call.communityId]);
    if (!g) fail(UserErrorCode.INVALID_INPUT, '请选择本社区的网格', field('gridId'));
  }
  await ctx.em.transactional((em) => sql(em,
    `insert into talent_applicant (community_id, call_id, name, phone, skills, availability, grid_id, building, intro, idempotency_key, created_at)
     values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?) on conflict (call_id, idempotency_key) where idempotency_key is not null do nothing`,
    [call.communityId, call.id, name, seal(phone), skills, availability, gridId, building, intro, key, now]));
  return call;
}

// ---- teams --------------------------------------------------------------------------------------------

export function loadTeam(ctx: Context, id: number): Promise<TalentTeamEntity | null> {
  return ctx.loaders
    .get<number, TalentTeamEntity | null>('talent.team', async (ids) =>
      byKey(ids, fromRows(ctx.em, TalentTeamEntity, await sql(ctx.em, `select * from talent_team where id = any(?::int[])`, [[...ids]])), (t) => t.id))
    .load(id);
}

export async function findVisibleTeam(ctx: Context, id: number): Promise<TalentTeamEntity | null> {
  return readable(ctx, 'TalentTeam', await loadTeam(ctx, id));
}

export async function listTeams(ctx: Context, communityGlobalId: string): Promise<TalentTeamEntity[]> {
  const communityId = idOf(communityGlobalId, 'PartyCommittee');
  if (communityId == null) return [];
  return fromRows(ctx.em, TalentTeamEntity, await sql(ctx.em, `select * from talent_team where community_id = ? order by id limit 50`, [communityId]));
}

export const SOLVED_STATES = `('RESOLVED', 'CLOSED')`;

/**
 * People per team and problems solved: demands and service orders resolved or closed that were dispatched to the
 * team, to one of its volunteers, or to the account of one of them. One statement per batch of teams.
 */
export function teamStats(ctx: Context, teamId: number): Promise<{ memberCount: number; problemsSolved: number }> {
  return ctx.loaders
    .get<number, { memberCount: number; problemsSolved: number }>('talent.teamStats', async (ids) => {
      const rows = await sql<{ id: number; members: string; solved: string }>(ctx.em,
        `select tt.id,
           (select count(*) from volunteer_team_member m join volunteer v on v.id = m.volunteer_id where m.team_id = tt.volunteer_team_id and v.archived_at is null) as members,
           (select count(*) from demand d where d.state in ${SOLVED_STATES} and (
              exists (select 1 from service_order so where so.demand_id = d.id and (so.assigned_team_id = tt.volunteer_team_id
                or so.assigned_volunteer_id in (select m.volunteer_id from volunteer_team_member m where m.team_id = tt.volunteer_team_id)))
              or d.assigned_account_id in (select v.account_id from volunteer_team_member m join volunteer v on v.id = m.volunteer_id
                where m.team_id = tt.volunteer_team_id and v.account_id is not null))) as solved
         from talent_team tt where tt.id = any(?::int[])`, [[...ids]]);
      return byKey(ids, rows, (r) => r.id).map((r) => ({ memberCount: Number(r?.members ?? 0), problemsSolved: Number(r?.solved ?? 0) }));
    })
    .load(teamId);
}

export async function createTeam(ctx: Context, input: TalentTeamCreateInput): Promise<TalentTeamEntity> {
  const community = await communityForWrite(ctx, idOf(input.communityId, 'PartyCommittee'), field('communityId'));
  const name = validText(input.name, 30, field('name'), '队伍名称');
  const focus = optional(input.focus, 200, field('focus'), '队伍职责') ?? '';
  const draft = Object.assign(new TalentTeamEntity(), { communityId: community.id });
  await assertCan(ctx, 'write', 'TalentTeam', draft);
  const id = await ctx.em.transactional(async (em) => {
    const [dup] = await sql(em, `select 1 from talent_team where community_id = ? and name = ?`, [community.id, name]);
    if (dup) fail(UserErrorCode.DUPLICATE, `本社区已有「${name}」`, field('name'));
    let volunteerTeamId: number;
    if (input.volunteerTeamId) {
      const vt = idOf(input.volunteerTeamId, 'VolunteerTeam');
      const [row] = vt == null ? [] : await sql<{ id: number }>(em, `select id from volunteer_team where id = ? and community_id = ? and archived_at is null`, [vt, community.id]);
      if (!row) fail(UserErrorCode.INVALID_INPUT, '请选择本社区的志愿服务队', field('volunteerTeamId'));
      const [linked] = await sql(em, `select 1 from talent_team where volunteer_team_id = ?`, [row.id]);
      if (linked) fail(UserErrorCode.DUPLICATE, '该志愿服务队已关联其他人才队伍', field('volunteerTeamId'));
      volunteerTeamId = row.id;
    } else {
      const [existing] = await sql<{ id: number }>(em, `select id from volunteer_team where community_id = ? and name = ?`, [community.id, name]);
      volunteerTeamId = existing?.id ?? (await sql<{ id: number }>(em, `insert into volunteer_team (community_id, name, skills) values (?, ?, '{}') returning id`, [community.id, name]))[0].id;
    }
    const [row] = await sql<{ id: number }>(em, `insert into talent_team (community_id, name, focus, volunteer_team_id) values (?, ?, ?, ?) returning id`, [community.id, name, focus, volunteerTeamId]);
    return row.id;
  });
  ctx.loaders.clearAll();
  return (await loadTeam(ctx, id))!;
}

// ---- applicants ---------------------------------------------------------------------------------------

export function loadApplicant(ctx: Context, id: number): Promise<TalentApplicantEntity | null> {
  return ctx.loaders
    .get<number, TalentApplicantEntity | null>('talent.applicant', async (ids) =>
      byKey(ids, fromRows(ctx.em, TalentApplicantEntity, await sql(ctx.em, `select * from talent_applicant where id = any(?::int[])`, [[...ids]])), (a) => a.id))
    .load(id);
}

export async function findVisibleApplicant(ctx: Context, id: number): Promise<TalentApplicantEntity | null> {
  return readable(ctx, 'TalentApplicant', await loadApplicant(ctx, id));
}

export interface ApplicantFilter {
  callId?: string | null;
  status?: ApplicantStatus | null;
  teamId?: string | null;
  skill?: string | null;
  gridId?: string | null;
  building?: string | null;
}

/** Applicants you may read; with `skill` / `gridId` / `building` it searches the pool (partial skill match). */
export async function listApplicants(ctx: Context, communityGlobalId: string, f: ApplicantFilter, page: Page): Promise<{ rows: TalentApplicantEntity[]; total: () => Promise<number> }> {
  const empty = { rows: [], total: async () => 0 };
  const communityId = idOf(communityGlobalId, 'PartyCommittee');
  const c = condition(ctx, 'read', 'TalentApplicant', 'a');
  if (communityId == null || c.sql === 'false') return empty;
  const parts = [c.sql, 'a.community_id = ?'];
  const params: unknown[] = [...c.params, communityId];
  const ref = (g: string | null | undefined, type: string) => (g ? idOf(g, type) ?? -1 : null);
  const callId = ref(f.callId, 'RecruitmentCall');
  if (callId != null) { parts.push('a.call_id = ?'); params.push(callId); }
  if (f.status) { parts.push('a.status = ?'); params.push(f.status); }
  const teamId = ref(f.teamId, 'TalentTeam');
  if (teamId != null) { parts.push('a.team_id = ?'); params.push(teamId); }
  const gridId = ref(f.gridId, 'Grid');
  if (gridId != null) { parts.push('a.grid_id = ?'); params.push(gridId); }
  const skill = optional(f.skill, 20, ['skill'], '特长');
  if (skill) {
    parts.push(`exists (select 1 from unnest(a.skills) s where s ilike ?)`);
    params.push(`%${skill.replace(/[\\%_]/g, (x) => `\\${x}`)}%`);
  }
  const building = optional(f.building, 50, ['building'], '楼栋');
  if (building) { parts.push('a.building = ?'); params.push(building); }
  const where = parts.join(' and ');
  const rows = await sql(ctx.em, `select a.* from talent_applicant a where ${where} order by a.created_at desc, a.id desc limit ? offset ?`, [...params, page.limit + 1, page.offset]);
  return {
    rows: fromRows(ctx.em, TalentApplicantEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from talent_applicant a where ${where}`, params))[0].count),
  };
}

export function phoneOf(ctx: Context, a: TalentApplicantEntity): string | null {
  if (!ctx.access.isStaff) return null;
  return maskPhone(unseal(a.phone));
}

async function teamOfCommunity(ctx: Context, teamGlobalId: string | null | undefined, communityId: number, f: string[]): Promise<TalentTeamEntity> {
  const id = teamGlobalId ? idOf(teamGlobalId, 'TalentTeam') : null;
  const team = id == null ? null : await loadTeam(ctx, id);
  if (!team || team.communityId !== communityId) fail(UserErrorCode.INVALID_INPUT, '请选择本社区的人才队伍', f);
  return team;
}

/** APPROVE: into the pool, on the volunteer roll (same phone: the existing volunteer) and in the team; REJECT with a note. */
export async function reviewApplicant(ctx: Context, input: ReviewTalentApplicantInput, now = new Date()): Promise<TalentApplicantEntity> {
  const id = idOf(input.applicantId, 'TalentApplicant');
  const seen = id == null ? null : await findVisibleApplicant(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该报名', field('applicantId'));
  await assertCan(ctx, 'write', 'TalentApplicant', seen);
  const note = optional(input.note, 200, field('note'), '审核意见');
  const team = input.decision === ApplicantDecision.APPROVE ? await teamOfCommunity(ctx, input.teamId, seen.communityId, field('teamId')) : null;
  if (input.decision === ApplicantDecision.REJECT && !note) fail(UserErrorCode.INVALID_INPUT, '不通过时请填写审核意见', field('note'));
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from talent_applicant where id = ? for update`, [seen.id]);
    const a = em.map(TalentApplicantEntity, row);
    if (a.status !== ApplicantStatus.PENDING) fail(UserErrorCode.INVALID_STATE, `该报名已审核（${a.status === ApplicantStatus.APPROVED ? '已入库' : '未通过'}）`, field('applicantId'));
    a.reviewNote = note;
    a.reviewedBy = accountId;
    a.reviewedAt = now;
    if (team) {
      const phone = unseal(a.phone)!;
      const [existing] = await sql<{ id: number }>(em, `select id from volunteer where community_id = ? and phone = ? and archived_at is null for update`, [a.communityId, phone]);
      const volunteerId = existing
        ? (await sql<{ id: number }>(em, `update volunteer set skills = (select array_agg(distinct s) from unnest(skills || ?::text[]) s), updated_at = now() where id = ? returning id`, [a.skills, existing.id]))[0].id
        : (await sql<{ id: number }>(em, `insert into volunteer (community_id, name, phone, skills) values (?, ?, ?, ?::text[]) returning id`, [a.communityId, a.name, phone, a.skills]))[0].id;
      await sql(em, `insert into volunteer_team_member (team_id, volunteer_id) values (?, ?) on conflict do nothing`, [team.volunteerTeamId, volunteerId]);
      a.status = ApplicantStatus.APPROVED;
      a.teamId = team.id;
      a.volunteerId = volunteerId;
    } else {
      a.status = ApplicantStatus.REJECTED;
    }
    await em.flush();
  });
  ctx.loaders.clearAll();
  return (await loadApplicant(ctx, seen.id))!;
}

/** Move an approved applicant to another team (their volunteer record leaves the old team's roster). */
export async function placeApplicant(ctx: Context, input: { applicantId: string; teamId: string }): Promise<TalentApplicantEntity> {
  const id = idOf(input.applicantId, 'TalentApplicant');
  const seen = id == null ? null : await findVisibleApplicant(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该报名', field('applicantId'));
  await assertCan(ctx, 'write', 'TalentApplicant', seen);
  const team = await teamOfCommunity(ctx, input.teamId, seen.communityId, field('teamId'));
  await ctx.em.transactional(async (em) => {
    const [row] = await sql(em, `select * from talent_applicant where id = ? for update`, [seen.id]);
    const a = em.map(TalentApplicantEntity, row);
    if (a.status !== ApplicantStatus.APPROVED || a.volunteerId == null) fail(UserErrorCode.INVALID_STATE, '只有已入库的人才可以调整队伍', field('applicantId'));
    if (a.teamId != null && a.teamId !== team.id) {
      const [old] = await sql<{ volunteer_team_id: number }>(em, `select volunteer_team_id from talent_team where id = ?`, [a.teamId]);
      if (old) await sql(em, `delete from volunteer_team_member where team_id = ? and volunteer_id = ?`, [old.volunteer_team_id, a.volunteerId]);
    }
    await sql(em, `insert into volunteer_team_member (team_id, volunteer_id) values (?, ?) on conflict do nothing`, [team.volunteerTeamId, a.volunteerId]);
    a.teamId = team.id;
    await em.flush();
  });
  ctx.loaders.clearAll();
  return (await loadApplicant(ctx, seen.id))!;
}
