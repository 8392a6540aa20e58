/**
 * Meetings: one-off and from recurring schedules, attendees, agenda items linked to demands, decisions that
 * reach the demand's timeline, and the required frequencies that make missed-meeting warnings.
 */
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { byKey, groupBy, Loaders } from '../../graphql/loaders.js';
import { idOf, toGlobalId, type Page } from '../../graphql/relay.js';
import { assertPrintable, validDate } from '../../graphql/validate.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, condition, readable, subtreeEnd } from '../access/index.js';
import { communityForWrite, loadNode, nodeReadCondition, OrgLevel, type OrgNodeEntity } from '../org/index.js';
import { loadMember } from '../member/index.js';
import { actorOf, createDemand, DemandChannel, DemandEventKind, findVisibleDemand, insertEvent } from '../demand/index.js';
import { MEETING_KIND_LABEL } from '@tongxin/ui';
import {
  Attendance, AttendeeKind, MeetingAgendaItemEntity, MeetingAttendeeEntity, MeetingEntity, MeetingKind, MeetingScheduleEntity, MeetingStatus,
  RequiredPeriod, ScheduleRule,
} from './meeting.entity.js';
import { addDays, daysBetween, isOriginalDate, MAX_MOVE_DAYS, upcoming, type Occurrence, type ScheduleChange } from './meeting.schedule.js';
import type {
  AddAgendaItemInput, ChangeScheduleDateInput, CreateMeetingFromScheduleInput, CreateMeetingInput, CreateMeetingScheduleInput, DecideAgendaItemInput,
  MeetingAttendeeInput, MeetingFilter, MissedMeeting, SetMeetingRequirementInput, UpdateMeetingInput,
} from './meeting.types.js';
import './meeting.policy.js';

export const HOST_TYPES = ['PartyCommittee', 'Branch', 'BuildingGroup'];
export const TIME_ZONE_OFFSET = '+08:00';
const MAX_ATTENDEES = 100;
export const MAX_AGENDA = 50;

/** Today's date in the communities' calendar (Asia/Shanghai). */
export function todayIn(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

// ---- small validation helpers ----

function text(value: string | null | undefined, max: number, field: string[], label: string, required: boolean, multiline = false): string | null {
  const t = (value ?? '').trim();
  if (!t) {
    if (required) fail(UserErrorCode.INVALID_INPUT, `请填写${label}`, field);
    return null;
  }
  if ([...t].length > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  assertPrintable(t, field, label, multiline);
  return t;
}

/** A host node for meetings (community committee, branch, building group) the caller may write under. */
async function writableHost(ctx: Context, globalId: string, field: string[], draftOf: (node: OrgNodeEntity, communityId: number) => object, type: string): Promise<{ node: OrgNodeEntity; communityId: number }> {
  ctx.access.requireStaffNotPartner();
  const id = idOf(globalId, ...HOST_TYPES);
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node || node.level === OrgLevel.STREET || node.level === OrgLevel.MEMBER_HOUSEHOLD) fail(UserErrorCode.NOT_FOUND, '找不到该社区党委、党支部或党小组', field);
  if (node.archived) fail(UserErrorCode.ARCHIVED, `${node.name}已归档`, field);
  const communityId = node.level === OrgLevel.COMMUNITY ? node.id : node.communityId!;
  await assertCan(ctx, 'write', type, draftOf(node, communityId), '无权为该组织安排会议');
  return { node, communityId };
}

const draft = <T extends object>(entity: abstract new () => T, fields: Partial<T>): T => Object.assign(Object.create(entity.prototype) as T, fields);

// ---- reads ----

export function loadMeeting(ctx: Context, id: number): Promise<MeetingEntity | null> {
  return ctx.loaders
    .get<number, MeetingEntity | null>('meeting.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, MeetingEntity, await sql(ctx.em, `select * from meeting where id = any(?::int[])`, [[...ids]])), (m) => m.id))
    .load(id);
}

export async function findVisibleMeeting(ctx: Context, id: number): Promise<MeetingEntity | null> {
  return readable(ctx, 'Meeting', await loadMeeting(ctx, id));
}

export function loadSchedule(ctx: Context, id: number): Promise<MeetingScheduleEntity | null> {
  return ctx.loaders
    .get<number, MeetingScheduleEntity | null>('meetingSchedule.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, MeetingScheduleEntity, await sql(ctx.em, `select * from meeting_schedule where id = any(?::int[])`, [[...ids]])), (s) => s.id))
    .load(id);
}

export async function findVisibleSchedule(ctx: Context, id: number): Promise<MeetingScheduleEntity | null> {
  return readable(ctx, 'MeetingSchedule', await loadSchedule(ctx, id));
}

async function meetingWhere(ctx: Context, filter: MeetingFilter | null | undefined): Promise<{ sql: string; params: unknown[] } | null> {
  const scope = condition(ctx, 'read', 'Meeting', 'm');
  if (scope.sql === 'false') return null;
  const parts = [scope.sql];
  const params: unknown[] = [...scope.params];
  const f = filter ?? {};
  if (f.orgNodeId != null) {
    const id = idOf(f.orgNodeId, ...HOST_TYPES);
    const node = id == null ? null : await loadNode(ctx, id);
    if (!node) return null;
    parts.push(`exists (select 1 from org_node mo where mo.id = m.org_node_id and mo.path >= ? and mo.path < ?)`);
    params.push(node.path, subtreeEnd(node.path));
  }
  if (f.kinds?.length) { parts.push(`m.kind = any(?::text[])`); params.push(f.kinds); }
  if (f.statuses?.length) { parts.push(`m.status = any(?::text[])`); params.push(f.statuses); }
  if (f.from != null) { parts.push(`m.starts_at >= ?`); params.push(f.from); }
  if (f.to != null) { parts.push(`m.starts_at < ?`); params.push(f.to); }
  if (f.scheduleId != null) {
    const id = idOf(f.scheduleId, 'MeetingSchedule');
    if (id == null) return null;
    parts.push(`m.schedule_id = ?`); params.push(id);
  }
  return { sql: parts.join(' and '), params };
}

/** Meetings the caller may read, by start time (earliest first with `from`, else latest first). */
export async function listMeetings(ctx: Context, filter: MeetingFilter | null | undefined, page: Page): Promise<MeetingEntity[]> {
  const where = await meetingWhere(ctx, filter);
  if (!where) return [];
  const order = filter?.from != null ? 'm.starts_at asc, m.id asc' : 'm.starts_at desc, m.id desc';
  return fromRows(ctx.em, MeetingEntity, await sql(ctx.em, `select m.* from meeting m where ${where.sql} order by ${order} limit ? offset ?`, [...where.params, page.limit + 1, page.offset]));
}

export async function countMeetings(ctx: Context, filter: MeetingFilter | null | undefined): Promise<number> {
  const where = await meetingWhere(ctx, filter);
  if (!where) return 0;
  const [{ count }] = await sql<{ count: string }>(ctx.em, `select count(*) from meeting m where ${where.sql}`, where.params);
  return Number(count);
}

export function attendeesOf(ctx: Context, meetingId: number): Promise<MeetingAttendeeEntity[]> {
  return ctx.loaders
    .get<number, MeetingAttendeeEntity[]>('meeting.attendees', async (ids) =>
      groupBy(ids, fromRows(ctx.em, MeetingAttendeeEntity, await sql(ctx.em, `select * from meeting_attendee where meeting_id = any(?::int[]) order by meeting_id, id`, [[...ids]])), (a) => a.meetingId))
    .load(meetingId);
}

export function agendaOf(ctx: Context, meetingId: number): Promise<MeetingAgendaItemEntity[]> {
  return ctx.loaders
    .get<number, MeetingAgendaItemEntity[]>('meeting.agenda', async (ids) =>
      groupBy(ids, fromRows(ctx.em, MeetingAgendaItemEntity, await sql(ctx.em, `select * from meeting_agenda_item where meeting_id = any(?::int[]) order by meeting_id, position, id`, [[...ids]])), (a) => a.meetingId))
    .load(meetingId);
}

/** Schedules the caller may read under a node (its subtree), by id. */
export async function listSchedules(ctx: Context, orgNodeGlobalId: string, limit: number): Promise<MeetingScheduleEntity[]> {
  const id = idOf(orgNodeGlobalId, ...HOST_TYPES);
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node) return [];
  const c = condition(ctx, 'read', 'MeetingSchedule', 's');
  if (c.sql === 'false') return [];
  return fromRows(ctx.em, MeetingScheduleEntity, await sql(ctx.em,
    `select s.* from meeting_schedule s join org_node o on o.id = s.org_node_id where o.path >= ? and o.path < ? and ${c.sql} order by s.id limit ?`,
    [node.path, subtreeEnd(node.path), ...c.params, limit]));
}

export function changesOf(ctx: Context, scheduleId: number): Promise<ScheduleChange[]> {
  return ctx.loaders
    .get<number, ScheduleChange[]>('meetingSchedule.changes', async (ids) => {
      const rows = await sql<{ schedule_id: number; original_date: string; moved_to: string | null }>(ctx.em,
        `select schedule_id, to_char(original_date, 'YYYY-MM-DD') as original_date, to_char(moved_to, 'YYYY-MM-DD') as moved_to
         from meeting_schedule_change where schedule_id = any(?::int[]) order by original_date`, [[...ids]]);
      return groupBy(ids, rows, (r) => r.schedule_id).map((rs) => rs.map((r) => ({ originalDate: r.original_date, movedTo: r.moved_to })));
    })
    .load(scheduleId);
}

export async function upcomingOf(ctx: Context, s: MeetingScheduleEntity, from: string, count: number): Promise<Occurrence[]> {
  return upcoming(s, await changesOf(ctx, s.id), from, count);
}

// ---- writes ----

async function validAttendees(ctx: Context, communityId: number, list: MeetingAttendeeInput[]): Promise<{ kind: AttendeeKind; memberId: number | null; unitId: number | null; name: string; attendance: Attendance }[]> {
  if (list.length > MAX_ATTENDEES) fail(UserErrorCode.INVALID_INPUT, `参会人员最多 ${MAX_ATTENDEES} 人`, ['input', 'attendees']);
  const out = [];
  for (const [i, a] of list.entries()) {
    const field = (name: string) => ['input', 'attendees', String(i), name];
    const attendance = a.attendance ?? Attendance.INVITED;
    if (a.kind === AttendeeKind.MEMBER) {
      const id = idOf(a.memberId, 'PartyMember');
      const member = id == null ? null : await loadMember(ctx, id);
      if (!member || member.communityId !== communityId) fail(UserErrorCode.INVALID_INPUT, '参会党员应属于本社区', field('memberId'));
      out.push({ kind: a.kind, memberId: member.id, unitId: null, name: member.name, attendance });
    } else if (a.kind === AttendeeKind.UNIT) {
      const id = idOf(a.unitId, 'CoBuildingUnit');
      const [row] = id == null ? [] : await sql<{ name: string }>(ctx.em,
        `select u.name from co_building_unit u join unit_community uc on uc.unit_id = u.id where u.id = ? and uc.community_id = ?`, [id, communityId]);
      if (!row) fail(UserErrorCode.INVALID_INPUT, '只能邀请与本社区共建的单位', field('unitId'));
      out.push({ kind: a.kind, memberId: null, unitId: id, name: text(a.name, 50, field('name'), '代表姓名', false) ?? row.name, attendance });
    } else {
      out.push({ kind: a.kind, memberId: null, unitId: null, name: text(a.name, 50, field('name'), '居民姓名', true)!, attendance });
    }
  }
  return out;
}

async function writeAttendees(ctx: Context, meetingId: number, attendees: Awaited<ReturnType<typeof validAttendees>>): Promise<void> {
  const em = ctx.em;
  await sql(em, `delete from meeting_attendee where meeting_id = ?`, [meetingId]);
  for (const a of attendees) {
    await sql(em, `insert into meeting_attendee (meeting_id, kind, member_id, unit_id, name, attendance) values (?, ?, ?, ?, ?, ?)`,
      [meetingId, a.kind, a.memberId, a.unitId, a.name, a.attendance]);
  }
  const units = [...new Set(attendees.map((a) => a.unitId).filter((u): u is number => u != null))];
  await sql(em, `update meeting set unit_ids = ?::int[] where id = ?`, [units, meetingId]);
}

const accountOf = (ctx: Context) => (ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null);

export async function createMeeting(ctx: Context, input: CreateMeetingInput): Promise<MeetingEntity> {
  const field = (n: string) => ['input', n];
  const title = text(input.title, 100, field('title'), '会议名称', true)!;
  const place = text(input.place, 200, field('place'), '地点', false);
  if (input.endsAt && input.endsAt.getTime() < input.startsAt.getTime()) fail(UserErrorCode.INVALID_INPUT, '结束时间不能早于开始时间', field('endsAt'));
  const { node, communityId } = await writableHost(ctx, input.orgNodeId, field('orgNodeId'), (n, c) => draft(MeetingEntity, { orgNodeId: n.id, communityId: c, unitIds: [] }), 'Meeting');
  const attendees = await validAttendees(ctx, communityId, input.attendees ?? []);
  const id = await ctx.em.transactional(async (em) => {
    const [row] = await sql<{ id: number }>(em,
      `insert into meeting (community_id, org_node_id, kind, title, starts_at, ends_at, place, created_by) values (?, ?, ?, ?, ?, ?, ?, ?) returning id`,
      [communityId, node.id, input.kind, title, input.startsAt, input.endsAt ?? null, place, accountOf(ctx)]);
    await writeAttendees({ ...ctx, em }, row.id, attendees);
    return row.id;
  });
  ctx.loaders.clearAll();
  return (await loadMeeting(ctx, id))!;
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

export async function createSchedule(ctx: Context, input: CreateMeetingScheduleInput): Promise<MeetingScheduleEntity> {
  const field = (n: string) => ['input', n];
  const title = text(input.title, 100, field('title'), '名称', true)!;
  const place = text(input.place, 200, field('place'), '地点', false);
  const startDate = validDate(input.startDate, field('startDate'), '开始日期');
  const endDate = input.endDate ? validDate(input.endDate, field('endDate'), '结束日期') : null;
  if (endDate && endDate < startDate) fail(UserErrorCode.INVALID_INPUT, '结束日期不能早于开始日期', field('endDate'));
  const startTime = (input.startTime ?? '09:00').trim();
  if (!TIME.test(startTime)) fail(UserErrorCode.INVALID_INPUT, '开始时间应为 HH:MM', field('startTime'));
  const duration = input.durationMinutes ?? 90;
  if (!Number.isInteger(duration) || duration < 10 || duration > 720) fail(UserErrorCode.INVALID_INPUT, '时长应为 10 到 720 分钟', field('durationMinutes'));
  let weekday: number | null = null;
  let monthDays: number[] = [];
  if (input.rule === ScheduleRule.WEEKLY) {
    weekday = input.weekday ?? ((new Date(`${startDate}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) fail(UserErrorCode.INVALID_INPUT, '星期应为 1（周一）到 7（周日）', field('weekday'));
  } else {
    monthDays = [...new Set(input.monthDays ?? [])].sort((a, b) => a - b);
    if (monthDays.some((d) => !Number.isInteger(d) || d < 1 || d > 31)) fail(UserErrorCode.INVALID_INPUT, '日期应为 1 到 31 日', field('monthDays'));
    if (input.rule === ScheduleRule.MONTH_DAYS && (monthDays.length < 1 || monthDays.length > 10)) fail(UserErrorCode.INVALID_INPUT, '请填写 1 到 10 个每月固定日', field('monthDays'));
    if (input.rule !== ScheduleRule.MONTH_DAYS && monthDays.length > 1) fail(UserErrorCode.INVALID_INPUT, '每月或每季度一次的会议只填一个日期', field('monthDays'));
  }
  const { node, communityId } = await writableHost(ctx, input.orgNodeId, field('orgNodeId'), (n, c) => draft(MeetingScheduleEntity, { orgNodeId: n.id, communityId: c }), 'MeetingSchedule');
  const [row] = await sql<{ id: number }>(ctx.em,
    `insert into meeting_schedule (community_id, org_node_id, kind, title, rule, weekday, month_days, start_date, end_date, start_time, duration_minutes, place, created_by)
     values (?, ?, ?, ?, ?, ?, ?::int[], ?, ?, ?, ?, ?, ?) returning id`,
    [communityId, node.id, input.kind, title, input.rule, weekday, monthDays, startDate, endDate, startTime, duration, place, accountOf(ctx)]);
  ctx.loaders.clearAll();
  return (await loadSchedule(ctx, row.id))!;
}

async function writableSchedule(ctx: Context, globalId: string): Promise<MeetingScheduleEntity> {
  const id = idOf(globalId, 'MeetingSchedule');
  const s = id == null ? null : await findVisibleSchedule(ctx, id);
  if (!s) fail(UserErrorCode.NOT_FOUND, '找不到该会议安排', ['input', 'scheduleId']);
  await assertCan(ctx, 'write', 'MeetingSchedule', s);
  return s;
}

const startOf = (s: MeetingScheduleEntity, date: string) => new Date(`${date}T${s.startTime}:00${TIME_ZONE_OFFSET}`);

/** Skip or move one date; the meeting already made for it (if any) moves with it or is cancelled. */
export async function changeScheduleDate(ctx: Context, input: ChangeScheduleDateInput): Promise<MeetingScheduleEntity> {
  const s = await writableSchedule(ctx, input.scheduleId);
  const original = validDate(input.originalDate, ['input', 'originalDate'], '原定日期');
  if (!isOriginalDate(s, original)) fail(UserErrorCode.INVALID_INPUT, `${original} 不是该安排的会议日期`, ['input', 'originalDate']);
  const movedTo = input.movedTo ? validDate(input.movedTo, ['input', 'movedTo'], '改期日期') : null;
  if (movedTo && Math.abs(daysBetween(original, movedTo)) > MAX_MOVE_DAYS) fail(UserErrorCode.INVALID_INPUT, `改期不能超过 ${MAX_MOVE_DAYS} 天`, ['input', 'movedTo']);
  await ctx.em.transactional(async (em) => {
    if (movedTo === original) await sql(em, `delete from meeting_schedule_change where schedule_id = ? and original_date = ?`, [s.id, original]);
    else {
      await sql(em, `insert into meeting_schedule_change (schedule_id, original_date, moved_to) values (?, ?, ?)
                     on conflict (schedule_id, original_date) do update set moved_to = excluded.moved_to`, [s.id, original, movedTo]);
    }
    const when = movedTo ?? original;
    if (movedTo) {
      await sql(em, `update meeting set starts_at = ?, ends_at = ?, version = version + 1, updated_at = now() where schedule_id = ? and schedule_date = ?`,
        [startOf(s, when), new Date(startOf(s, when).getTime() + s.durationMinutes * 60_000), s.id, original]);
    } else {
      await sql(em, `update meeting set status = 'CANCELLED', version = version + 1, updated_at = now() where schedule_id = ? and schedule_date = ? and status = 'PLANNED'`, [s.id, original]);
    }
  });
  ctx.loaders.clearAll();
  return s;
}

/** The meeting of one date of a schedule: made once (the unique index decides between two at once), then returned. */
export async function createMeetingFromSchedule(ctx: Context, input: CreateMeetingFromScheduleInput): Promise<MeetingEntity> {
  const s = await writableSchedule(ctx, input.scheduleId);
  const original = validDate(input.originalDate, ['input', 'originalDate'], '原定日期');
  if (!isOriginalDate(s, original)) fail(UserErrorCode.INVALID_INPUT, `${original} 不是该安排的会议日期`, ['input', 'originalDate']);
  const change = (await changesOf(ctx, s.id)).find((c) => c.originalDate === original);
  if (change && change.movedTo == null) fail(UserErrorCode.INVALID_STATE, `${original} 的会议已取消`, ['input', 'originalDate']);
  const date = change?.movedTo ?? original;
  const startsAt = startOf(s, date);
  const [d0, m0] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const title = `${s.title}（${d0}月${m0}日）`;
  const [row] = await sql<{ id: number }>(ctx.em,
    `insert into meeting (community_id, org_node_id, kind, title, starts_at, ends_at, place, schedule_id, schedule_date, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (schedule_id, schedule_date) where schedule_id is not null do nothing returning id`,
    [s.communityId, s.orgNodeId, s.kind, title, startsAt, new Date(startsAt.getTime() + s.durationMinutes * 60_000), s.place, s.id, original, accountOf(ctx)]);
  const id = row?.id ?? (await sql<{ id: number }>(ctx.em, `select id from meeting where schedule_id = ? and schedule_date = ?`, [s.id, original]))[0].id;
  ctx.loaders.clearAll();
  return (await loadMeeting(ctx, id))!;
}

async function writableMeeting(ctx: Context, globalId: string, field = ['input', 'meetingId']): Promise<MeetingEntity> {
  const id = idOf(globalId, 'Meeting');
  const m = id == null ? null : await findVisibleMeeting(ctx, id);
  if (!m) fail(UserErrorCode.NOT_FOUND, '找不到该会议', field);
  await assertCan(ctx, 'write', 'Meeting', m);
  return m;
}

export async function updateMeeting(ctx: Context, input: UpdateMeetingInput): Promise<MeetingEntity> {
  const m = await writableMeeting(ctx, input.meetingId);
  const field = (n: string) => ['input', n];
  const sets: string[] = [];
  const params: unknown[] = [];
  if (input.status != null) { sets.push('status = ?'); params.push(input.status); }
  if (input.minutes != null) { sets.push('minutes = ?'); params.push(text(input.minutes, 20000, field('minutes'), '会议记录', false, true)); }
  if (input.title != null) { sets.push('title = ?'); params.push(text(input.title, 100, field('title'), '会议名称', true)); }
  if (input.place != null) { sets.push('place = ?'); params.push(text(input.place, 200, field('place'), '地点', false)); }
  if (input.startsAt != null) { sets.push('starts_at = ?', 'ends_at = null'); params.push(input.startsAt); }
  const attendees = input.attendees ? await validAttendees(ctx, m.communityId, input.attendees) : null;
  await ctx.em.transactional(async (em) => {
    await sql(em, `update meeting set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = ?`, [...params, m.id]);
    if (attendees) await writeAttendees({ ...ctx, em }, m.id, attendees);
  });
  ctx.loaders.clearAll();
  return (await loadMeeting(ctx, m.id))!;
}

export async function addAgendaItem(ctx: Context, input: AddAgendaItemInput): Promise<MeetingEntity> {
  const m = await writableMeeting(ctx, input.meetingId);
  const field = (n: string) => ['input', n];
  if (input.demandId && input.createDemand) fail(UserErrorCode.INVALID_INPUT, '关联已有诉求与新建诉求只能选一个', field('createDemand'));
  let title = text(input.title, 200, field('title'), '议题', false);
  let demandId: number | null = null;
  if (input.demandId) {
    const id = idOf(input.demandId, 'Demand');
    const d = id == null ? null : await findVisibleDemand(ctx, id);
    if (!d || d.communityId !== m.communityId) fail(UserErrorCode.NOT_FOUND, '找不到本社区的该诉求', field('demandId'));
    demandId = d.id;
    title ??= d.title;
  }
  if (!title) fail(UserErrorCode.INVALID_INPUT, '请填写议题', field('title'));
  if ((await agendaOf(ctx, m.id)).length >= MAX_AGENDA) fail(UserErrorCode.INVALID_INPUT, `议题最多 ${MAX_AGENDA} 项`, field('title'));
  const host = await loadNode(ctx, m.orgNodeId);
  const demandNode = host && host.level === OrgLevel.BRANCH ? toGlobalId('Branch', host.id) : toGlobalId('PartyCommittee', m.communityId);
  const actor = actorOf(ctx);
  await ctx.em.transactional(async (em) => {
    const inner = { ...ctx, em, loaders: new Loaders(ctx.access.scopeKey) };
    if (input.createDemand) {
      const d = await createDemand(inner, {
        orgNodeId: demandNode, channel: DemandChannel.MEETING, category: input.createDemand.category, title: [...title!].slice(0, 100).join(''),
        description: input.createDemand.description ?? `${MEETING_KIND_LABEL[m.kind]}「${m.title}」议题`,
      });
      demandId = d.id;
    }
    await sql(em, `insert into meeting_agenda_item (meeting_id, position, title, demand_id)
                   values (?, (select coalesce(max(position), 0) + 1 from meeting_agenda_item where meeting_id = ?), ?, ?)`, [m.id, m.id, title, demandId]);
    if (demandId != null) {
      await insertEvent(em, demandId, actor, { kind: DemandEventKind.NOTE, body: `列入${MEETING_KIND_LABEL[m.kind]}「${m.title}」议题`, public: false });
    }
  });
  ctx.loaders.clearAll();
  return (await loadMeeting(ctx, m.id))!;
}

export async function decideAgendaItem(ctx: Context, input: DecideAgendaItemInput): Promise<MeetingEntity> {
  const itemId = idOf(input.itemId, 'MeetingAgendaItem');
  const [row] = itemId == null ? [] : await sql(ctx.em, `select * from meeting_agenda_item where id = ?`, [itemId]);
  if (!row) fail(UserErrorCode.NOT_FOUND, '找不到该议题', ['input', 'itemId']);
  const item = fromRows(ctx.em, MeetingAgendaItemEntity, [row])[0];
  const m = await writableMeeting(ctx, toGlobalId('Meeting', item.meetingId), ['input', 'itemId']);
  const decision = text(input.decision, 2000, ['input', 'decision'], '决议', true, true)!;
  const actor = actorOf(ctx);
  await ctx.em.transactional(async (em) => {
    await sql(em, `update meeting_agenda_item set decision = ?, decided_at = now() where id = ?`, [decision, item.id]);
    if (item.demandId != null) {
      await sql(em, `update demand set version = version + 1, updated_at = now() where id = ?`, [item.demandId]);
      await insertEvent(em, item.demandId, actor, { kind: DemandEventKind.NOTE, public: true, body: `${MEETING_KIND_LABEL[m.kind]}「${m.title}」决议：${decision}` });
    }
  });
  ctx.loaders.clearAll();
  return (await loadMeeting(ctx, m.id))!;
}

// ---- required frequencies and missed meetings ----

/** The default frequencies (三会一课): a community may change them. */
export const DEFAULT_REQUIREMENTS: Partial<Record<MeetingKind, RequiredPeriod>> = {
  [MeetingKind.BRANCH_COMMITTEE]: RequiredPeriod.MONTH,
  [MeetingKind.GROUP_MEETING]: RequiredPeriod.MONTH,
  [MeetingKind.BRANCH_ASSEMBLY]: RequiredPeriod.QUARTER,
  [MeetingKind.PARTY_LECTURE]: RequiredPeriod.QUARTER,
};

export function requirementsOf(ctx: Context, communityId: number): Promise<{ kind: MeetingKind; period: RequiredPeriod; custom: boolean }[]> {
  return ctx.loaders
    .get<number, { kind: MeetingKind; period: RequiredPeriod; custom: boolean }[]>('meeting.requirements', async (ids) => {
      const rows = await sql<{ community_id: number; kind: MeetingKind; period: RequiredPeriod }>(ctx.em,
        `select community_id, kind, period from meeting_requirement where community_id = any(?::int[])`, [[...ids]]);
      return groupBy(ids, rows, (r) => r.community_id).map((own) => Object.values(MeetingKind).map((kind) => {
        const r = own.find((x) => x.kind === kind);
        return r ? { kind, period: r.period, custom: true } : { kind, period: DEFAULT_REQUIREMENTS[kind] ?? RequiredPeriod.NONE, custom: false };
      }));
    })
    .load(communityId);
}

export async function meetingRequirements(ctx: Context, communityGlobalId: string) {
  const id = idOf(communityGlobalId, 'PartyCommittee');
  const node = id == null ? null : await loadNode(ctx, id);
  if (!node || node.level !== OrgLevel.COMMUNITY || !ctx.access.isStaff) return [];
  return requirementsOf(ctx, node.id);
}

export async function setMeetingRequirement(ctx: Context, input: SetMeetingRequirementInput) {
  const id = idOf(input.communityId, 'PartyCommittee');
  const community = await communityForWrite(ctx, id, ['input', 'communityId']);
  await sql(ctx.em, `insert into meeting_requirement (community_id, kind, period) values (?, ?, ?)
                     on conflict (community_id, kind) do update set period = excluded.period, updated_at = now()`, [community.id, input.kind, input.period]);
  ctx.loaders.clearAll();
  return { kind: input.kind, period: input.period, custom: true };
}

/** The last complete month and quarter before `today` (YYYY-MM-DD), as [first day, day after the last]. */
export function lastCompletePeriods(today: string): Record<'MONTH' | 'QUARTER', { start: string; end: string }> {
  const y = Number(today.slice(0, 4));
  const m0 = Number(today.slice(5, 7)) - 1;
  const ymd = (yy: number, mm0: number) => new Date(Date.UTC(yy, mm0, 1)).toISOString().slice(0, 10);
  const q0 = m0 - (m0 % 3);
  return { MONTH: { start: ymd(y, m0 - 1), end: ymd(y, m0) }, QUARTER: { start: ymd(y, q0 - 3), end: ymd(y, q0) } };
}

const periodLabel = (period: RequiredPeriod, start: string) => {
  const y = start.slice(0, 4);
  const m = Number(start.slice(5, 7));
  return period === RequiredPeriod.MONTH ? `${y}年${m}月` : `${y}年第${Math.floor((m - 1) / 3) + 1}季度`;
};

/** Required meetings each branch did not hold (status HELD, in its subtree) in the last complete period; batched over branches. */
export function missedMeetingsOf(ctx: Context, branch: OrgNodeEntity, now = new Date()): Promise<MissedMeeting[]> {
  return ctx.loaders
    .get<number, MissedMeeting[]>('meeting.missed', async (ids) => {
      const branches = (await Promise.all(ids.map((id) => loadNode(ctx, id)))).filter((b): b is OrgNodeEntity => b != null && b.level === OrgLevel.BRANCH && b.communityId != null && !b.archived);
      const periods = lastCompletePeriods(todayIn(now));
      const wanted: { branchId: number; path: string; kind: MeetingKind; period: RequiredPeriod; start: string; end: string }[] = [];
      for (const b of branches) {
        for (const r of await requirementsOf(ctx, b.communityId!)) {
          if (r.period === RequiredPeriod.NONE) continue;
          const p = periods[r.period];
          // a branch set up after the period owed nothing in it
          if (b.createdAt.getTime() >= new Date(`${p.end}T00:00:00${TIME_ZONE_OFFSET}`).getTime()) continue;
          wanted.push({ branchId: b.id, path: b.path, kind: r.kind, period: r.period, start: p.start, end: p.end });
        }
      }
      if (wanted.length === 0) return ids.map(() => []);
      const held = await sql<{ i: number }>(ctx.em,
        `select w.i from unnest(?::text[], ?::text[], ?::date[], ?::date[]) with ordinality as w(path, kind, ps, pe, i)
         where exists (select 1 from meeting m join org_node o on o.id = m.org_node_id
                       where m.kind = w.kind and m.status = 'HELD' and o.path >= w.path and o.path < w.path || '~'
                         and m.starts_at >= (w.ps::timestamp at time zone 'Asia/Shanghai') and m.starts_at < (w.pe::timestamp at time zone 'Asia/Shanghai'))`,
        [wanted.map((w) => w.path), wanted.map((w) => w.kind), wanted.map((w) => w.start), wanted.map((w) => w.end)]);
      const heldSet = new Set(held.map((h) => Number(h.i) - 1));
      const missed: MissedMeeting[] = wanted.filter((_w, i) => !heldSet.has(i)).map((w) => ({
        branchId: w.branchId, kind: w.kind, period: w.period, periodStart: w.start, periodEnd: addDays(w.end, -1),
        message: `${periodLabel(w.period, w.start)}未召开${MEETING_KIND_LABEL[w.kind]}`,
      }));
      return groupBy(ids, missed, (x) => x.branchId);
    })
    .load(branch.id);
}

/** Every branch of a community the caller may read that missed a required meeting. */
export async function missedMeetings(ctx: Context, communityGlobalId: string): Promise<{ branch: OrgNodeEntity; missed: MissedMeeting }[]> {
  const id = idOf(communityGlobalId, 'PartyCommittee');
  const community = id == null ? null : await loadNode(ctx, id);
  if (!community || community.level !== OrgLevel.COMMUNITY || !ctx.access.isStaff) return [];
  const c = nodeReadCondition(ctx, 'b');
  const rows = await sql<{ id: number }>(ctx.em,
    `select b.id from org_node b where b.parent_id = ? and b.level = 'BRANCH' and b.archived_at is null and ${c.sql} order by b.id`, [community.id, ...c.params]);
  const branches = (await Promise.all(rows.map((r) => loadNode(ctx, r.id)))).filter((b): b is OrgNodeEntity => b != null);
  const lists = await Promise.all(branches.map((b) => missedMeetingsOf(ctx, b)));
  return branches.flatMap((b, i) => lists[i].map((missed) => ({ branch: b, missed })));
}
