import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { fail, forbidden, unauthenticated, UserErrorCode } from '../../graphql/errors.js';
import { likeEscape, sql } from '../../db/sql.js';
import { readSql } from '../../db/replicas.js';
import { primeVenues, venueFor } from './venue.service.js';
import { fromRows } from '../../db/rows.js';
import { subtreeEnd } from '../access/index.js';
import { OrgLevel, OrgNodeEntity } from '../org/index.js';
import { loadNode, primeNodes } from '../org/index.js';
import { CoBuildingUnitEntity } from '../unit/index.js';
import { assertCan, can, condition, or, partnerCondition, readable, type Condition } from '../access/index.js';
import { listedPublicly, staffOverOrganizer } from './activity.policy.js';
import { orgTypeOf } from '../org/index.js';
import {
  ActivityAudience, ActivityCategory, ActivityEntity, ActivitySeriesEntity, ActivityStatus, RecurrenceFrequency, VenueEntity,
} from './activity.entity.js';
import { MonthlyBy, occurrenceStarts, recurrenceLabel, windowBounds, type ActivityWindowName } from './activity.time.js';
import { optionalText, uniquely, validInt, validSearch, validText } from '../../graphql/validate.js';
import { notifyCancelled, notifyChanged, notifyPromoted } from './activity.messages.js';

/** Most occurrences one series may have. */
export const MAX_OCCURRENCES = 52;
const MAX_DURATION_MS = 7 * 86_400_000;
const SEATED_SQL = `('CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT')`;

// ---- visibility (the rules are in activity.policy.ts) ----------------------------------------------------

export { canSeeRegistrants, isPubliclyVisible } from './activity.policy.js';

/** Everyone sees public activities; staff also those their grants cover; partners those their unit co-hosts. */
export function canSeeActivity(ctx: Context, a: ActivityEntity): Promise<boolean> {
  return can(ctx, 'read', 'Activity', a);
}

/** May the caller change the activity (the `viewerCanUpdate` field)? */
export function canUpdateActivity(ctx: Context, a: ActivityEntity): Promise<boolean> {
  return can(ctx, 'write', 'Activity', a);
}

/**
 * Who may change the activity: staff who can write the organiser node, or a partner token with
 * activities:write whose unit co-hosts it. Anonymous: UNAUTHENTICATED; anyone else: FORBIDDEN.
 */
export async function writerOf(ctx: Context, a: ActivityEntity): Promise<'staff' | 'partner'> {
  await assertCan(ctx, 'write', 'Activity', a);
  return ctx.access.isPartner ? 'partner' : 'staff';
}

/** Staff only (anonymous: UNAUTHENTICATED, partner tokens: FORBIDDEN). */
export function requireStaff(ctx: Context): void {
  ctx.access.requireStaffNotPartner();
}

/** SQL for "activity row a (joined to its organiser o) is visible to the caller" in lists. */
function listVisibility(ctx: Context): Condition {
  // the policy's read condition, except that cancelled activities are not listed to the public
  return or(listedPublicly('a'), staffOverOrganizer.sql(ctx, 'a'), partnerCondition(ctx, 'Activity', 'read', 'a'));
}

// ---- loaders -------------------------------------------------------------------------------------------

/**
 * Columns that bring an activity's venue and organiser along with it (`from activity a join org_node o on
 * o.id = a.organizer_id left join venue v on v.id = a.venue_id`): nearly every view of an activity shows both,
 * so they come in the same statement and fill the venue and node loaders (activityRows).
 */
const WITH_PLACES = `a.*, to_jsonb(v) as venue_row, to_jsonb(o) as organizer_row`;
const PLACES_JOIN = `left join venue v on v.id = a.venue_id`;

/** Activities from rows selected with WITH_PLACES; their venues and organisers go to this request's loaders. */
function activityRows(ctx: Context, rows: Record<string, unknown>[]): ActivityEntity[] {
  const venues: Record<string, unknown>[] = [];
  const organizers: Record<string, unknown>[] = [];
  for (const row of rows) {
    if (row.venue_row) venues.push(row.venue_row as Record<string, unknown>);
    if (row.organizer_row) organizers.push(row.organizer_row as Record<string, unknown>);
  }
  primeVenues(ctx, venues);
  primeNodes(ctx, organizers);
  return fromRows(ctx.em, ActivityEntity, rows);
}

export function loadActivity(ctx: Context, id: number): Promise<ActivityEntity | null> {
  return ctx.loaders
    .get<number, ActivityEntity | null>('activity.byId', async (ids) => {
      const rows = await sql(ctx.em, `select ${WITH_PLACES} from activity a join org_node o on o.id = a.organizer_id ${PLACES_JOIN} where a.id = any(?::int[])`, [[...ids]]);
      return byKey(ids, activityRows(ctx, rows), (a) => a.id);
    })
    .load(id);
}

export async function findVisibleActivity(ctx: Context, id: number): Promise<ActivityEntity | null> {
  return readable(ctx, 'Activity', await loadActivity(ctx, id));
}

/** Co-hosting units of each activity, batched. */
export function coHostsOf(ctx: Context, activityId: number): Promise<CoBuildingUnitEntity[]> {
  return ctx.loaders
    .get<number, CoBuildingUnitEntity[]>('activity.coHosts', async (ids) => {
      const rows = await sql<Record<string, unknown> & { activity_id: number }>(ctx.em,
        `select h.activity_id, u.* from activity_co_host h join co_building_unit u on u.id = h.unit_id
         where h.activity_id = any(?::int[]) order by h.activity_id, u.name, u.id`, [[...ids]]);
      const units = fromRows(ctx.em, CoBuildingUnitEntity, rows);
      const pairs = rows.map((r, i) => ({ activityId: r.activity_id, unit: units[i] }));
      return groupBy(ids, pairs, (p) => p.activityId).map((list) => list.map((p) => p.unit));
    })
    .load(activityId);
}

export async function coHostIdsOf(ctx: Context, activityId: number): Promise<number[]> {
  return (await coHostsOf(ctx, activityId)).map((u) => u.id);
}

export interface DoorStaff { accountId: number; username: string; displayName: string }

/** The most door staff one activity may name (the field's list bound). */
export const MAX_DOOR_STAFF = 20;

/** Accounts each activity names as door staff, by username, batched. */
export function doorStaffOf(ctx: Context, activityId: number): Promise<DoorStaff[]> {
  return ctx.loaders
    .get<number, DoorStaff[]>('activity.doorStaff', async (ids) => {
      const rows = await sql<{ activity_id: number; account_id: number; username: string; display_name: string }>(ctx.em,
        `select s.activity_id, s.account_id, a.username, a.display_name from activity_door_staff s join account a on a.id = s.account_id
         where s.activity_id = any(?::int[]) order by s.activity_id, a.username`, [[...ids]]);
      return groupBy(ids, rows, (r) => r.activity_id).map((list) => list.map((r) => ({ accountId: r.account_id, username: r.username, displayName: r.display_name })));
    })
    .load(activityId);
}

/** Name the accounts (by username) that may check residents in and out at the activity's door; replaces the list. */
export async function setDoorStaff(ctx: Context, id: number, usernames: string[]): Promise<ActivityEntity> {
  requireStaff(ctx);
  const seen = await activityForChange(ctx, id);
  await writerOf(ctx, seen);
  const wanted = [...new Set(usernames.map((u) => u.trim().toLowerCase()).filter(Boolean))];
  if (wanted.length > MAX_DOOR_STAFF) fail(UserErrorCode.INVALID_INPUT, `签到人员最多 ${MAX_DOOR_STAFF} 人`, field('usernames'));
  await ctx.em.transactional(async (em) => {
    await lockActivity(em, id);
    const accounts = wanted.length === 0 ? [] : await sql<{ id: number; username: string }>(em,
      `select id, username from account where username = any(?::text[]) and disabled_at is null`, [wanted]);
    const missing = wanted.filter((u) => !accounts.some((a) => a.username === u));
    if (missing.length > 0) fail(UserErrorCode.NOT_FOUND, `找不到这些账号：${missing.join('、')}`, field('usernames'));
    await sql(em, `delete from activity_door_staff where activity_id = ?`, [id]);
    if (accounts.length > 0) {
      await sql(em, `insert into activity_door_staff (activity_id, account_id) select ?, unnest(?::int[])`, [id, accounts.map((a) => a.id)]);
    }
    await sql(em, `update activity set updated_at = now() where id = ?`, [id]);
  });
  ctx.loaders.clearAll();
  return (await loadActivity(ctx, id))!;
}

export interface SeatCounts { confirmed: number; waitlisted: number; checkedIn: number }

/** Seats taken, waiting list and check-ins of each activity, one statement per batch. */
export function countsOf(ctx: Context, activityId: number): Promise<SeatCounts> {
  return ctx.loaders
    .get<number, SeatCounts>('activity.counts', async (ids) => {
      const rows = await sql<{ activity_id: number; confirmed: string; waitlisted: string; checked_in: string }>(ctx.em,
        `select activity_id,
                count(*) filter (where status in ${SEATED_SQL}) as confirmed,
                count(*) filter (where status = 'WAITLISTED') as waitlisted,
                count(*) filter (where status in ('CHECKED_IN', 'CHECKED_OUT')) as checked_in
         from registration where activity_id = any(?::int[]) and status <> 'CANCELLED' group by activity_id`, [[...ids]]);
      return byKey(ids, rows, (r) => r.activity_id).map((r) => ({
        confirmed: Number(r?.confirmed ?? 0), waitlisted: Number(r?.waitlisted ?? 0), checkedIn: Number(r?.checked_in ?? 0),
      }));
    })
    .load(activityId);
}

export function loadSeries(ctx: Context, id: number): Promise<ActivitySeriesEntity | null> {
  return ctx.loaders
    .get<number, ActivitySeriesEntity | null>('series.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, ActivitySeriesEntity, await sql(ctx.em, `select * from activity_series where id = any(?::int[])`, [[...ids]])), (s) => s.id))
    .load(id);
}

/** One page of the visible occurrences of each series, in start order. */
export function occurrencesOf(ctx: Context, seriesId: number, page: Page): Promise<ActivityEntity[]> {
  return ctx.loaders
    .get<number, ActivityEntity[]>(`series.occurrences:${page.offset}:${page.limit}`, async (ids) => {
      const visible = seriesVisibility(ctx);
      const rows = await sql(ctx.em,
        `select * from (
           select ${WITH_PLACES}, row_number() over (partition by a.series_id order by a.starts_at, a.id) - 1 as rn
           from activity a join org_node o on o.id = a.organizer_id ${PLACES_JOIN}
           where a.series_id = any(?::int[]) and ${visible.sql}
         ) t where rn >= ? and rn <= ? order by series_id, rn`,
        [[...ids], ...visible.params, page.offset, page.offset + page.limit]);
      return groupBy(ids, activityRows(ctx, rows), (a) => a.seriesId!);
    })
    .load(seriesId);
}

/** A series the caller may see (one of its occurrences is visible), or null. */
export async function findVisibleSeries(ctx: Context, id: number): Promise<ActivitySeriesEntity | null> {
  return readable(ctx, 'ActivitySeries', await loadSeries(ctx, id));
}

export function occurrenceCountOf(ctx: Context, seriesId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('series.count', async (ids) => {
      const visible = seriesVisibility(ctx);
      const rows = await sql<{ series_id: number; count: string }>(ctx.em,
        `select a.series_id, count(*) from activity a join org_node o on o.id = a.organizer_id
         where a.series_id = any(?::int[]) and ${visible.sql} group by a.series_id`, [[...ids], ...visible.params]);
      return byKey(ids, rows, (r) => r.series_id).map((r) => Number(r?.count ?? 0));
    })
    .load(seriesId);
}

/** Occurrences the caller may open: the policy's read condition (cancelled ones that had been published too). */
function seriesVisibility(ctx: Context): Condition {
  return condition(ctx, 'read', 'Activity', 'a');
}

// ---- lists ---------------------------------------------------------------------------------------------

export interface ActivityListFilter {
  communityId?: number | null;
  category?: ActivityCategory | null;
  window?: ActivityWindowName | null;
  from?: Date | null;
  to?: Date | null;
  search?: string | null;
  status?: ActivityStatus | null;
  audience?: ActivityAudience | null;
  organizerId?: number | null;
  coHostId?: number | null;
  /** Also list public activities cancelled after publishing (calendar feeds mark them cancelled). */
  includeCancelled?: boolean | null;
  /** A filter id that decodes to nothing: the list is empty. */
  impossible?: boolean;
}

/** Visible activities matching the filter, by start time then id. */
export async function listActivities(ctx: Context, filter: ActivityListFilter, page: Page, now = new Date()): Promise<{ rows: ActivityEntity[]; total: () => Promise<number> }> {
  // with includeCancelled: exactly what the caller may open (the policy's read condition, partners included)
  const visible = filter.includeCancelled ? condition(ctx, 'read', 'Activity', 'a') : listVisibility(ctx);
  const where: string[] = [visible.sql];
  const params: unknown[] = [...visible.params];
  const add = (condition: string, ...values: unknown[]) => { where.push(condition); params.push(...values); };
  /** The UPCOMING window: activities ending after this instant. */
  let upcomingAt: Date | undefined;
  if (filter.impossible) add('false');
  if (filter.communityId != null) add('a.community_id = ?', filter.communityId);
  if (filter.category) add('a.category = ?', filter.category);
  if (filter.audience) add('a.audience = ?', filter.audience);
  if (filter.window) {
    const bounds = windowBounds(filter.window, now);
    if (bounds.startsFrom) add('a.starts_at >= ?', bounds.startsFrom);
    if (bounds.startsBefore) add('a.starts_at < ?', bounds.startsBefore);
    if (bounds.endsAfter) upcomingAt = bounds.endsAfter;
    if (bounds.endedBy) add('a.ends_at <= ?', bounds.endedBy);
  }
  if (filter.from) add('a.starts_at >= ?', filter.from);
  if (filter.to) add('a.starts_at < ?', filter.to);
  if (filter.search != null) {
    const text = validSearch(filter.search, 50, ['filter', 'search']);
    add(`a.title ilike ?`, `%${likeEscape(text)}%`);
  }
  if (filter.status) {
    // a published activity that has ended counts as FINISHED
    if (filter.status === ActivityStatus.PUBLISHED) add(`a.status = 'PUBLISHED' and a.ends_at > ?`, now);
    else if (filter.status === ActivityStatus.FINISHED) add(`(a.status = 'FINISHED' or (a.status = 'PUBLISHED' and a.ends_at <= ?))`, now);
    else add('a.status = ?', filter.status);
  }
  if (filter.organizerId != null) {
    const node = await loadNode(ctx, filter.organizerId);
    if (!node) add('false');
    else add('o.path >= ? and o.path < ?', node.path, subtreeEnd(node.path));
  }
  if (filter.coHostId != null) add('exists (select 1 from activity_co_host ch where ch.activity_id = a.id and ch.unit_id = ?)', filter.coHostId);
  // the organiser is joined only where a condition needs it (the organiser filter); the listed rows bring it along anyway
  const organizerJoin = /\bo\./.test(where.join(' ')) ? ' join org_node o on o.id = a.organizer_id' : '';
  const from = `from activity a${organizerJoin} where ${where.join(' and ')}`;
  // the public list and its count are heavy reads: on a replica when there is one (db/replicas.ts)
  if (!upcomingAt) {
    const rows = await readSql(ctx.em,
      `select ${WITH_PLACES} from activity a join org_node o on o.id = a.organizer_id ${PLACES_JOIN} where ${where.join(' and ')}
       order by a.starts_at, a.id offset ? limit ?`, [...params, page.offset, page.limit + 1]);
    return {
      rows: activityRows(ctx, rows),
      total: async () => Number((await readSql<{ count: string }>(ctx.em, `select count(*) ${from}`, params))[0].count),
    };
  }
  // Upcoming (ending after `upcomingAt`) = under way at that instant, then starting after it: every activity under way
  // started before any later one, so the two parts in start order are the list in start order. Each part comes from an
  // index (activity_public_during_idx, activity_public_idx / activity_public_community_idx for the public list) without
  // walking the activities that are over. An activity ends after it starts (a check constraint), so one that starts
  // after the instant also ends after it. Those under way are few (what runs at one instant), so they are not ordered
  // or limited on their own: ordered there, the planner would walk the start-time index through the whole past to find them.
  const underWay = `${from} and tstzrange(a.starts_at, a.ends_at) @> ?::timestamptz`;
  const later = `${from} and a.starts_at > ?`;
  const enough = page.offset + page.limit + 1;
  const rows = await readSql(ctx.em,
    `select ${WITH_PLACES} from (
       (select a.* ${underWay})
       union all
       (select a.* ${later} order by a.starts_at, a.id limit ?)
     ) a join org_node o on o.id = a.organizer_id ${PLACES_JOIN}
     order by a.starts_at, a.id offset ? limit ?`,
    [...params, upcomingAt, ...params, upcomingAt, enough, page.offset, page.limit + 1]);
  return {
    rows: activityRows(ctx, rows),
    total: async () => Number((await readSql<{ count: string }>(ctx.em,
      `select (select count(*) ${underWay}) + (select count(*) ${later}) as count`, [...params, upcomingAt, ...params, upcomingAt]))[0].count),
  };
}

/** The most community committees `publicCommunities` returns (its query stops there; the field's list bound). */
export const MAX_PUBLIC_COMMUNITIES = 100;

/** Community committees with public activities, for the events page's filter (at most MAX_PUBLIC_COMMUNITIES, as priced). */
export async function publicCommunities(ctx: Context): Promise<OrgNodeEntity[]> {
  const rows = await sql(ctx.em,
    `select n.* from org_node n
     where n.level = 'COMMUNITY' and n.archived_at is null
       and exists (select 1 from activity a where a.community_id = n.id and a.audience = 'PUBLIC' and a.status in ('PUBLISHED', 'FINISHED'))
     order by n.id limit ?`, [MAX_PUBLIC_COMMUNITIES]);
  return fromRows(ctx.em, OrgNodeEntity, rows);
}

// ---- validation ----------------------------------------------------------------------------------------

const field = (name: string) => ['input', name];




function validCoverUrl(url: string | null | undefined): string | null {
  const trimmed = url?.trim();
  if (!trimmed) return null;
  if (trimmed.length > 500 || !/^https?:\/\/[^\s]+$/i.test(trimmed)) fail(UserErrorCode.INVALID_INPUT, '封面图片地址应为 http(s) 链接，最多 500 个字符', field('coverImageUrl'));
  return trimmed;
}

interface Times { startsAt: Date; endsAt: Date; registrationOpensAt: Date | null; registrationClosesAt: Date | null }

function validTimes(t: Times): void {
  if (!(t.endsAt.getTime() > t.startsAt.getTime())) fail(UserErrorCode.INVALID_INPUT, '结束时间应晚于开始时间', field('endsAt'));
  if (t.endsAt.getTime() - t.startsAt.getTime() > MAX_DURATION_MS) fail(UserErrorCode.INVALID_INPUT, '活动时长不能超过 7 天', field('endsAt'));
  if (t.registrationOpensAt && t.registrationOpensAt.getTime() >= t.startsAt.getTime()) fail(UserErrorCode.INVALID_INPUT, '报名开始时间应早于活动开始时间', field('registrationOpensAt'));
  if (t.registrationClosesAt && t.registrationClosesAt.getTime() > t.startsAt.getTime()) fail(UserErrorCode.INVALID_INPUT, '报名截止时间不能晚于活动开始时间', field('registrationClosesAt'));
  if (t.registrationOpensAt && t.registrationClosesAt && t.registrationOpensAt.getTime() >= t.registrationClosesAt.getTime()) {
    fail(UserErrorCode.INVALID_INPUT, '报名截止时间应晚于报名开始时间', field('registrationClosesAt'));
  }
}



async function checkUnits(em: EntityManager, unitIds: number[]): Promise<number[]> {
  const unique = [...new Set(unitIds)];
  if (unique.length > 20) fail(UserErrorCode.INVALID_INPUT, '共建单位最多 20 个', field('coHostIds'));
  if (unique.length === 0) return [];
  const rows = await sql<{ id: number }>(em, `select id from co_building_unit where id = any(?::int[])`, [unique]);
  if (rows.length !== unique.length) fail(UserErrorCode.NOT_FOUND, '找不到所选的共建单位', field('coHostIds'));
  return unique;
}

async function setCoHosts(em: EntityManager, activityIds: number[], unitIds: number[]): Promise<void> {
  await sql(em, `delete from activity_co_host where activity_id = any(?::int[])`, [activityIds]);
  if (unitIds.length === 0 || activityIds.length === 0) return;
  await sql(em,
    `insert into activity_co_host (activity_id, unit_id) select a, u from unnest(?::int[]) a cross join unnest(?::int[]) u`,
    [activityIds, unitIds]);
}

/** Lock the activity row (serializing sign-ups, cancellations and capacity changes) and read it fresh. */
export async function lockActivity(em: EntityManager, id: number): Promise<ActivityEntity | null> {
  const [row] = await sql(em, `select * from activity where id = ? for update`, [id]);
  return row ? em.map(ActivityEntity, row) : null;
}

/** Seats taken right now (call with the activity row locked). */
export async function seatedCount(em: EntityManager, activityId: number): Promise<number> {
  const [{ count }] = await sql<{ count: string }>(em, `select count(*) from registration where activity_id = ? and status in ${SEATED_SQL}`, [activityId]);
  return Number(count);
}

/**
 * Move waiting residents up, first come first served, into the seats that are free (call with the activity
 * row locked), and tell each of them. Returns how many moved up.
 */
export async function fillSeats(em: EntityManager, activity: ActivityEntity): Promise<number> {
  // in order, so the messages follow the waiting list
  const rows = await sql<{ id: number }>(em,
    `update registration set status = 'CONFIRMED', promoted_at = now(), updated_at = now()
     where id in (
       select id from registration where activity_id = ? and status = 'WAITLISTED' order by id
       limit (select case when ?::int is null then null else greatest(?::int - count(*), 0) end
              from registration where activity_id = ? and status in ${SEATED_SQL})
     ) returning id`,
    [activity.id, activity.capacity, activity.capacity, activity.id]);
  await notifyPromoted(em, activity, rows.map((r) => r.id));
  return rows.length;
}

// ---- writes --------------------------------------------------------------------------------------------

export interface RecurrenceInput { frequency: RecurrenceFrequency; interval?: number | null; count?: number | null; until?: Date | null; monthlyBy?: MonthlyBy | null }

export interface ActivityCreate {
  organizerId: number;
  title: string;
  category: ActivityCategory;
  description?: string | null;
  venueId?: number | null;
  startsAt: Date;
  endsAt: Date;
  capacity?: number | null;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  audience?: ActivityAudience | null;
  coHostIds?: number[] | null;
  coverImageUrl?: string | null;
  recurrence?: RecurrenceInput | null;
}

/** Start instants of the occurrences asked for (just the one without recurrence). */
function plannedStarts(input: ActivityCreate): { starts: Date[]; rule: { frequency: RecurrenceFrequency; interval: number; monthlyBy: MonthlyBy | null } | null } {
  const r = input.recurrence;
  if (!r) return { starts: [input.startsAt], rule: null };
  const interval = r.interval ?? 1;
  const rf = (name: string) => ['input', 'recurrence', name];
  if (!Number.isInteger(interval) || interval < 1 || interval > 12) fail(UserErrorCode.INVALID_INPUT, '重复间隔应为 1 到 12', rf('interval'));
  if (r.count == null && r.until == null) fail(UserErrorCode.INVALID_INPUT, '请填写重复次数或截止日期', rf('count'));
  if (r.count != null && (!Number.isInteger(r.count) || r.count < 2 || r.count > MAX_OCCURRENCES)) fail(UserErrorCode.INVALID_INPUT, `重复次数应为 2 到 ${MAX_OCCURRENCES} 次`, rf('count'));
  if (r.until != null && r.until.getTime() < input.startsAt.getTime()) fail(UserErrorCode.INVALID_INPUT, '重复截止日期应晚于第一次活动', rf('until'));
  const rule = { frequency: r.frequency, interval, monthlyBy: r.frequency === RecurrenceFrequency.MONTHLY ? (r.monthlyBy ?? MonthlyBy.WEEKDAY_OF_MONTH) : null };
  const starts = occurrenceStarts(input.startsAt, rule, { count: r.count, until: r.until }, MAX_OCCURRENCES);
  if (starts.length > MAX_OCCURRENCES) fail(UserErrorCode.INVALID_INPUT, `重复活动最多 ${MAX_OCCURRENCES} 次，请提前截止日期`, rf('until'));
  return { starts, rule };
}

/** Create an activity, or every occurrence of a series, as drafts, in one transaction. */
export async function createActivity(ctx: Context, input: ActivityCreate): Promise<ActivityEntity[]> {
  requireStaff(ctx);
  const title = validText(input.title, 100, field('title'), '活动标题');
  const description = (optionalText(input.description, 5000, field('description'), '活动介绍') ?? '');
  const capacity = validInt(input.capacity, 1, 100_000, field('capacity'), '名额（不限名额请留空）');
  const coverImageUrl = validCoverUrl(input.coverImageUrl);
  const times: Times = { startsAt: input.startsAt, endsAt: input.endsAt, registrationOpensAt: input.registrationOpensAt ?? null, registrationClosesAt: input.registrationClosesAt ?? null };
  validTimes(times);
  const { starts, rule } = plannedStarts(input);

  return ctx.em.transactional(async (em) => {
    const organizer = await em.findOne(OrgNodeEntity, { id: input.organizerId });
    if (!organizer) fail(UserErrorCode.NOT_FOUND, '找不到主办组织', field('organizerId'));
    await assertCan(ctx, 'write', orgTypeOf(organizer), organizer);
    if (organizer.archived) fail(UserErrorCode.ARCHIVED, `${organizer.name}已归档，不能主办新活动`, field('organizerId'));
    if (organizer.level !== OrgLevel.COMMUNITY && organizer.level !== OrgLevel.BRANCH) fail(UserErrorCode.INVALID_INPUT, '主办方应为社区党委或党支部', field('organizerId'));
    const communityId = organizer.communityId!;
    const venue = input.venueId != null ? await venueFor(em, input.venueId, communityId) : null;
    const unitIds = await checkUnits(em, input.coHostIds ?? []);

    let seriesId: number | null = null;
    if (rule) {
      const series = em.create(ActivitySeriesEntity, { communityId, frequency: rule.frequency, interval: rule.interval, label: recurrenceLabel(rule, input.startsAt) } as ActivitySeriesEntity);
      await em.flush();
      seriesId = series.id;
    }
    const shift = (d: Date | null, by: number) => (d ? new Date(d.getTime() + by) : null);
    const activities = starts.map((startsAt) => {
      const by = startsAt.getTime() - input.startsAt.getTime();
      return em.create(ActivityEntity, {
        communityId,
        organizerId: organizer.id,
        seriesId,
        title,
        category: input.category,
        description,
        venueId: venue?.id ?? null,
        startsAt,
        endsAt: shift(input.endsAt, by)!,
        capacity,
        registrationOpensAt: shift(times.registrationOpensAt, by),
        registrationClosesAt: shift(times.registrationClosesAt, by),
        audience: input.audience ?? ActivityAudience.PUBLIC,
        status: ActivityStatus.DRAFT,
        coverImageUrl,
      } as ActivityEntity);
    });
    await em.flush();
    await setCoHosts(em, activities.map((a) => a.id), unitIds);
    return activities;
  });
}

export interface ActivityUpdate {
  id: number;
  title?: string | null;
  category?: ActivityCategory | null;
  description?: string | null;
  venueId?: number | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  capacity?: number | null;
  registrationOpensAt?: Date | null;
  registrationClosesAt?: Date | null;
  audience?: ActivityAudience | null;
  coHostIds?: number[] | null;
  coverImageUrl?: string | null;
  expectedVersion?: number | null;
}

/** What a partner token may change on an activity its unit co-hosts. */
const PARTNER_FIELDS = new Set(['id', 'title', 'description', 'startsAt', 'endsAt', 'capacity', 'venueId', 'expectedVersion']);

/** An activity the caller can see, for a change; missing or invisible: NOT_FOUND. */
async function activityForChange(ctx: Context, id: number): Promise<ActivityEntity> {
  if (ctx.access.principal.kind === 'anonymous') throw unauthenticated();
  const activity = await findVisibleActivity(ctx, id);
  if (!activity) fail(UserErrorCode.NOT_FOUND, '找不到该活动', field('id'));
  return activity;
}

export async function updateActivity(ctx: Context, input: ActivityUpdate): Promise<ActivityEntity> {
  const seen = await activityForChange(ctx, input.id);
  const writer = await writerOf(ctx, seen);
  const given = Object.keys(input).filter((k) => input[k as keyof ActivityUpdate] !== undefined);
  if (writer === 'partner') {
    const refused = given.filter((k) => !PARTNER_FIELDS.has(k));
    if (refused.length > 0) throw forbidden(`共建单位只能修改标题、介绍、时间、名额和场地 (partners may not change: ${refused.join(', ')})`);
  }
  if (input.title === null) fail(UserErrorCode.INVALID_INPUT, '活动标题不能为空', field('title'));
  if (input.startsAt === null || input.endsAt === null) fail(UserErrorCode.INVALID_INPUT, '活动时间不能为空', field(input.startsAt === null ? 'startsAt' : 'endsAt'));
  const title = input.title != null ? validText(input.title, 100, field('title'), '活动标题') : undefined;
  const description = input.description !== undefined ? (optionalText(input.description, 5000, field('description'), '活动介绍') ?? '') : undefined;
  const capacity = input.capacity !== undefined ? validInt(input.capacity, 1, 100_000, field('capacity'), '名额（不限名额请留空）') : undefined;
  const coverImageUrl = input.coverImageUrl !== undefined ? validCoverUrl(input.coverImageUrl) : undefined;

  const result = await ctx.em.transactional(async (em) => {
    const a = (await lockActivity(em, input.id))!;
    if (input.expectedVersion != null && input.expectedVersion !== a.version) fail(UserErrorCode.CONFLICT, '该活动已被他人修改，请刷新后重试', field('expectedVersion'));
    if (a.status === ActivityStatus.CANCELLED) fail(UserErrorCode.INVALID_STATE, '活动已取消，不能修改', field('id'));
    const times: Times = {
      startsAt: input.startsAt ?? a.startsAt,
      endsAt: input.endsAt ?? a.endsAt,
      registrationOpensAt: input.registrationOpensAt !== undefined ? input.registrationOpensAt : a.registrationOpensAt,
      registrationClosesAt: input.registrationClosesAt !== undefined ? input.registrationClosesAt : a.registrationClosesAt,
    };
    validTimes(times);
    let moreSeats = false;
    if (capacity !== undefined && capacity !== a.capacity) {
      if (capacity != null) {
        const seated = await seatedCount(em, a.id);
        if (capacity < seated) fail(UserErrorCode.INVALID_INPUT, `名额不能少于已报名的 ${seated} 人`, field('capacity'));
      }
      moreSeats = capacity == null || a.capacity == null || capacity > a.capacity;
    }
    const before = { venueId: a.venueId, title: a.title };
    if (input.venueId !== undefined) a.venueId = input.venueId == null ? null : (await venueFor(em, input.venueId, a.communityId)).id;
    if (input.coHostIds != null) await setCoHosts(em, [a.id], await checkUnits(em, input.coHostIds));
    if (title !== undefined) a.title = title;
    if (input.category != null) a.category = input.category;
    if (description !== undefined) a.description = description;
    if (capacity !== undefined) a.capacity = capacity;
    if (coverImageUrl !== undefined) a.coverImageUrl = coverImageUrl;
    if (input.audience != null) a.audience = input.audience;
    const residentsCare = a.startsAt.getTime() !== times.startsAt.getTime() || a.endsAt.getTime() !== times.endsAt.getTime()
      || a.title !== before.title || (input.venueId !== undefined && a.venueId !== before.venueId);
    Object.assign(a, times);
    // co-host changes live in another table: still a change of the activity
    if (input.coHostIds != null) a.updatedAt = new Date();
    // every edit is a new version of the calendar event
    a.sequence += 1;
    await em.flush();
    if (moreSeats && a.status === ActivityStatus.PUBLISHED) await fillSeats(em, a);
    if (residentsCare && a.status === ActivityStatus.PUBLISHED) await notifyChanged(em, a);
    return a;
  });
  ctx.loaders.clearAll();
  return result;
}

/** Later occurrences of the same series and organiser, starting after `a`. */
async function laterOccurrenceIds(em: EntityManager, a: ActivityEntity, statuses: ActivityStatus[], notEndedBy?: Date): Promise<number[]> {
  if (a.seriesId == null) return [];
  const rows = await sql<{ id: number }>(em,
    `select id from activity where series_id = ? and organizer_id = ? and starts_at > ? and status = any(?::text[])${notEndedBy ? ' and ends_at > ?' : ''}
     order by starts_at, id for update`,
    [a.seriesId, a.organizerId, a.startsAt, statuses, ...(notEndedBy ? [notEndedBy] : [])]);
  return rows.map((r) => r.id);
}

/**
 * Move an activity (and, when asked, the later occurrences of its series) to a new status in one transaction.
 * `check` refuses the change for the activity itself; `later` picks which occurrences follow it.
 */
async function changeStatus(
  ctx: Context,
  id: number,
  includeLater: boolean,
  change: {
    set: string;
    check: (a: ActivityEntity) => void;
    later: (em: EntityManager, a: ActivityEntity) => Promise<number[]>;
    /** Runs in the transaction on each changed activity. */
    after?: (em: EntityManager, a: ActivityEntity) => Promise<unknown>;
  },
): Promise<ActivityEntity[]> {
  requireStaff(ctx);
  await writerOf(ctx, await activityForChange(ctx, id));
  const result = await ctx.em.transactional(async (em) => {
    const a = (await lockActivity(em, id))!;
    change.check(a);
    const ids = [a.id, ...(includeLater ? await change.later(em, a) : [])];
    const rows = await sql(em, `update activity set ${change.set}, updated_at = now(), version = version + 1 where id = any(?::int[]) returning *`, [ids]);
    const changed = rows.map((r) => em.map(ActivityEntity, r)).sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || x.id - y.id);
    if (change.after) for (const activity of changed) await change.after(em, activity);
    return changed;
  });
  ctx.loaders.clearAll();
  return result;
}

export function publishActivity(ctx: Context, id: number, includeLater: boolean): Promise<ActivityEntity[]> {
  return changeStatus(ctx, id, includeLater, {
    set: `status = 'PUBLISHED', published_at = now()`,
    check: (a) => {
      if (a.status !== ActivityStatus.DRAFT) fail(UserErrorCode.INVALID_STATE, '只有草稿可以发布', field('id'));
    },
    later: (em, a) => laterOccurrenceIds(em, a, [ActivityStatus.DRAFT]),
  });
}

export function cancelActivity(ctx: Context, id: number, includeLater: boolean, now = new Date()): Promise<ActivityEntity[]> {
  return changeStatus(ctx, id, includeLater, {
    // a new SEQUENCE: subscribed calendars replace the event with its cancelled version
    set: `status = 'CANCELLED', cancelled_at = now(), sequence = sequence + 1`,
    check: (a) => {
      if (a.status === ActivityStatus.CANCELLED) fail(UserErrorCode.INVALID_STATE, '活动已经取消', field('id'));
      if (a.effectiveStatus(now) === ActivityStatus.FINISHED) fail(UserErrorCode.INVALID_STATE, '活动已结束，不能取消', field('id'));
    },
    later: (em, a) => laterOccurrenceIds(em, a, [ActivityStatus.DRAFT, ActivityStatus.PUBLISHED], now),
    after: (em, a) => notifyCancelled(em, a),
  });
}
