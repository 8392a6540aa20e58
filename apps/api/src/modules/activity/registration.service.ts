import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { maskName, maskPhone } from '../../graphql/mask.js';
import { mayReveal, readable, reveal } from '../access/index.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { fail, forbidden, userError, UserErrorCode, UserFacingError } from '../../graphql/errors.js';
import { sql } from '../../db/sql.js';
import { currentBus } from '../../cluster/bus.js';
import { fromRows } from '../../db/rows.js';
import { loadNode } from '../org/index.js';
import { ActivityStatus, type ActivityEntity } from './activity.entity.js';
import { canSeeRegistrants, fillSeats, findVisibleActivity, loadActivity, lockActivity, requireStaff, seatedCount, writerOf } from './activity.service.js';
import { canWorkDoor } from './activity.policy.js';
import { notifyPromoted } from './activity.messages.js';
import { roundedHours, shanghaiDay } from './activity.time.js';
import { RegistrationEntity, RegistrationStatus } from './registration.entity.js';
import { findVisibleVolunteer, ServiceRecordEntity, ServiceSource, type VolunteerEntity } from '../volunteer/index.js';
import { assertPrintable, isUniqueViolation, MOBILE_PATTERN, normalizePhone } from '../../graphql/validate.js';

/** A-Z and 2-9 without the look-alikes 0/O and 1/I: 32 symbols, so 8 of them carry 40 bits. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** How residents type codes: lower case, with spaces or dashes. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}


// ---- reads ---------------------------------------------------------------------------------------------

export function loadRegistration(ctx: Context, id: number): Promise<RegistrationEntity | null> {
  return ctx.loaders
    .get<number, RegistrationEntity | null>('registration.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, RegistrationEntity, await sql(ctx.em, `select * from registration where id = any(?::int[])`, [[...ids]])), (r) => r.id))
    .load(id);
}

/** A registration by id for staff over its activity's organiser (node(id)); null for everyone else. */
export async function findVisibleRegistration(ctx: Context, id: number): Promise<RegistrationEntity | null> {
  return readable(ctx, 'Registration', await loadRegistration(ctx, id));
}

/** The resident's view by confirmation code: works for anyone holding the code. */
export async function registrationByCode(ctx: Context, code: string): Promise<RegistrationEntity | null> {
  const normalized = normalizeCode(code);
  if (!CODE_PATTERN.test(normalized)) return null;
  const [row] = await sql(ctx.em, `select * from registration where code = ?`, [normalized]);
  return row ? fromRows(ctx.em, RegistrationEntity, [row])[0] : null;
}

/** 1-based place on the waiting list (by order of sign-up), for waitlisted registrations; batched. */
export function waitlistPositionOf(ctx: Context, registration: RegistrationEntity): Promise<number | null> {
  if (registration.status !== RegistrationStatus.WAITLISTED) return Promise.resolve(null);
  return ctx.loaders
    .get<number, number | null>('registration.position', async (ids) => {
      const rows = await sql<{ id: number; position: string }>(ctx.em,
        `select r.id, (select count(*) from registration w where w.activity_id = r.activity_id and w.status = 'WAITLISTED' and w.id <= r.id) as position
         from registration r where r.id = any(?::int[]) and r.status = 'WAITLISTED'`, [[...ids]]);
      return byKey(ids, rows, (r) => r.id).map((r) => (r ? Number(r.position) : null));
    })
    .load(registration.id);
}

/** The activity a registration is for. The code is the resident's key, so this needs no other access. */
export async function activityOfRegistration(ctx: Context, registration: RegistrationEntity): Promise<ActivityEntity> {
  return (await loadActivity(ctx, registration.activityId))!;
}

/** Full name and phone only to staff over the organiser whose role needs contact details (activity.policy). */
export function mayRevealRegistrant(ctx: Context, registration: RegistrationEntity): Promise<boolean> {
  return mayReveal(ctx, 'Registration', registration);
}

/** The resident's name or phone: masked, or in clear on request when the policy allows (FORBIDDEN otherwise). */
export async function registrantField(ctx: Context, registration: RegistrationEntity, field: 'name' | 'phone', inClear: boolean): Promise<string> {
  if (field === 'phone' && registration.phone == null) return CONTACT_CLEARED;
  if (!inClear) return field === 'name' ? maskName(registration.name) : maskPhone(registration.phone)!;
  return (await reveal(ctx, 'Registration', registration, field, { message: '无权查看报名人完整信息 (your role cannot see registrants in full)' }))!;
}

/** What shows for a phone that retention cleared. */
export const CONTACT_CLEARED = '已清除';

export interface RegistrationListFilter { status?: RegistrationStatus | null }

/** One page of an activity's registrations in sign-up order; null unless the caller may see its sign-ups. */
export async function registrationsOfActivity(ctx: Context, activity: ActivityEntity, filter: RegistrationListFilter, page: Page): Promise<RegistrationEntity[] | null> {
  if (!(await canSeeRegistrants(ctx, activity))) return null;
  return registrationsOf(ctx, activity.id, filter, page);
}

/** The volunteer a registration counts for, for staff who may see the activity's sign-ups. */
export async function volunteerOfRegistration(ctx: Context, registration: RegistrationEntity): Promise<VolunteerEntity | null> {
  if (registration.volunteerId == null || !(await canSeeRegistrants(ctx, await activityOfRegistration(ctx, registration)))) return null;
  return findVisibleVolunteer(ctx, registration.volunteerId);
}

/** One page of an activity's registrations in sign-up order, unchecked (registrationsOfActivity checks). */
function registrationsOf(ctx: Context, activityId: number, filter: RegistrationListFilter, page: Page): Promise<RegistrationEntity[]> {
  const status = filter.status ?? null;
  return ctx.loaders
    .get<number, RegistrationEntity[]>(`registration.byActivity:${status}:${page.offset}:${page.limit}`, async (ids) => {
      const rows = await sql(ctx.em,
        `select * from (
           select r.*, row_number() over (partition by r.activity_id order by r.id) - 1 as rn
           from registration r where r.activity_id = any(?::int[]) and (?::text is null or r.status = ?::text)
         ) t where rn >= ? and rn <= ? order by activity_id, rn`,
        [[...ids], status, status, page.offset, page.offset + page.limit]);
      return groupBy(ids, fromRows(ctx.em, RegistrationEntity, rows), (r) => r.activityId);
    })
    .load(activityId);
}

export function registrationCountOf(ctx: Context, activityId: number, filter: RegistrationListFilter): Promise<number> {
  const status = filter.status ?? null;
  return ctx.loaders
    .get<number, number>(`registration.countByActivity:${status}`, async (ids) => {
      const rows = await sql<{ activity_id: number; count: string }>(ctx.em,
        `select activity_id, count(*) from registration where activity_id = any(?::int[]) and (?::text is null or status = ?::text) group by activity_id`,
        [[...ids], status, status]);
      return byKey(ids, rows, (r) => r.activity_id).map((r) => Number(r?.count ?? 0));
    })
    .load(activityId);
}

// ---- sign-up and cancellation ----------------------------------------------------------------------------

export interface RegistrationCreate { activityId: number | null; name: string; phone: string; joinWaitlist?: boolean | null }

function validRegistrant(input: RegistrationCreate): { name: string; phone: string } {
  const name = input.name.trim().replace(/\s+/g, ' ');
  assertPrintable(name, ['input', 'name'], '姓名');
  const phone = normalizePhone(input.phone);
  const errors = [];
  const length = [...name].length;
  if (length < 1 || length > 20) errors.push(userError(UserErrorCode.INVALID_INPUT, length < 1 ? '请填写姓名' : '姓名最多 20 个字', ['input', 'name']));
  if (!MOBILE_PATTERN.test(phone)) errors.push(userError(UserErrorCode.INVALID_INPUT, '手机号应为 11 位中国大陆手机号（1 开头，第二位 3-9）', ['input', 'phone']));
  if (errors.length > 0) throw new UserFacingError(errors);
  return { name, phone };
}


/**
 * Sign a resident up. The activity row is locked for the whole transaction, so concurrent sign-ups queue
 * behind each other: the seat count read here is exact, confirmed seats never exceed capacity, and the
 * waiting list follows the order in which sign-ups got the lock (the row id). The partial unique index on
 * (activity, phone) backs up the duplicate check.
 */
export async function createRegistration(ctx: Context, input: RegistrationCreate, now = new Date()): Promise<RegistrationEntity> {
  const { name, phone } = validRegistrant(input);
  const seen = input.activityId == null ? null : await findVisibleActivity(ctx, input.activityId);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该活动', ['input', 'activityId']);
  try {
    const registration = await ctx.em.transactional(async (em) => {
      const activity = (await lockActivity(em, seen.id))!;
      if (!activity.registrationOpen(now)) fail(UserErrorCode.REGISTRATION_CLOSED, closedReason(activity, now), ['input', 'activityId']);
      // one look at the activity's live sign-ups: this phone among them? how many seats taken?
      const [{ mine, seated }] = await sql<{ mine: boolean; seated: string }>(em,
        `select coalesce(bool_or(phone = ?), false) as mine, count(*) filter (where status in ('CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT')) as seated
         from registration where activity_id = ? and status <> 'CANCELLED'`, [phone, activity.id]);
      if (mine) fail(UserErrorCode.ALREADY_REGISTERED, '该手机号已报名本活动，无需重复报名', ['input', 'phone']);
      let status = RegistrationStatus.CONFIRMED;
      if (activity.capacity != null && Number(seated) >= activity.capacity) {
        if (!input.joinWaitlist) fail(UserErrorCode.ACTIVITY_FULL, '名额已满，可以加入候补名单', ['input', 'activityId']);
        status = RegistrationStatus.WAITLISTED;
      }
      return insertRegistration(em, activity, { name, phone, status });
    });
    ctx.loaders.clearAll();
    announceRegistration(registration);
    return registration;
  } catch (error) {
    if (isUniqueViolation(error, 'registration_phone_uq')) fail(UserErrorCode.ALREADY_REGISTERED, '该手机号已报名本活动，无需重复报名', ['input', 'phone']);
    throw error;
  }
}

/** Insert with a fresh code; a code collision (one in a trillion) just draws again. */
async function insertRegistration(em: EntityManager, activity: ActivityEntity, r: { name: string; phone: string; status: RegistrationStatus }): Promise<RegistrationEntity> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await sql(em,
      `insert into registration (community_id, activity_id, code, name, phone, status) values (?, ?, ?, ?, ?, ?)
       on conflict (code) do nothing returning *`,
      [activity.communityId, activity.id, newCode(), r.name, r.phone, r.status]);
    if (row) return em.map(RegistrationEntity, row);
  }
  throw new Error('could not draw an unused confirmation code');
}

function closedReason(activity: ActivityEntity, now: Date): string {
  if (activity.status === ActivityStatus.CANCELLED) return '活动已取消，不能报名';
  if (activity.status === ActivityStatus.DRAFT) return '活动尚未发布，不能报名';
  if (activity.effectiveStatus(now) === ActivityStatus.FINISHED) return '活动已结束，不能报名';
  if (now.getTime() >= activity.startsAt.getTime()) return '活动已开始，报名已截止';
  if (activity.registrationOpensAt && now.getTime() < activity.registrationOpensAt.getTime()) return '报名尚未开始';
  return '报名已截止';
}

/** Lock the activity, then the registration, by code (the order every writer uses). */
async function lockByCode(ctx: Context, em: EntityManager, code: string): Promise<{ activity: ActivityEntity; registration: RegistrationEntity } | null> {
  const [ref] = await sql<{ activity_id: number }>(em, `select activity_id from registration where code = ?`, [code]);
  if (!ref) return null;
  const activity = (await lockActivity(em, ref.activity_id))!;
  const [row] = await sql(em, `select * from registration where code = ? for update`, [code]);
  return { activity, registration: em.map(RegistrationEntity, row) };
}

/**
 * The resident cancels with code and phone. A confirmed seat freed before the start goes to the first on
 * the waiting list in the same transaction. Cancelling twice is harmless.
 */
export async function cancelRegistration(ctx: Context, input: { code: string; phone: string }, now = new Date()): Promise<RegistrationEntity> {
  const code = normalizeCode(input.code);
  const phone = normalizePhone(input.phone);
  if (!CODE_PATTERN.test(code)) fail(UserErrorCode.NOT_FOUND, '确认码不正确', ['input', 'code']);
  const result = await ctx.em.transactional(async (em) => {
    const locked = await lockByCode(ctx, em, code);
    // a wrong phone reads exactly like a wrong code: the code alone reveals nothing
    if (!locked || locked.registration.phone !== phone) fail(UserErrorCode.NOT_FOUND, '确认码或手机号与报名时填写的不一致', ['input', 'phone']);
    const { activity, registration } = locked;
    if (registration.status === RegistrationStatus.CANCELLED) return registration;
    if (registration.status === RegistrationStatus.CHECKED_IN || registration.status === RegistrationStatus.CHECKED_OUT) {
      fail(UserErrorCode.INVALID_STATE, '已签到的报名不能取消', ['input', 'code']);
    }
    if (activity.status !== ActivityStatus.CANCELLED && now.getTime() >= activity.startsAt.getTime()) {
      fail(UserErrorCode.REGISTRATION_CLOSED, '活动已经开始或结束，不能在网上取消，请联系主办方', ['input', 'code']);
    }
    const [row] = await sql(em, `update registration set status = 'CANCELLED', cancelled_at = now(), updated_at = now() where id = ? returning *`, [registration.id]);
    if (registration.status === RegistrationStatus.CONFIRMED && activity.status === ActivityStatus.PUBLISHED) await fillSeats(em, activity);
    return em.map(RegistrationEntity, row);
  });
  ctx.loaders.clearAll();
  announceRegistration(result);
  return result;
}

// ---- at the door ---------------------------------------------------------------------------------------

/**
 * Who may work the door is the ActivityDoor policy (activity.policy.ts): decided before the transaction that
 * locks the rows, as the policy may read. A code of an activity whose door the caller may not work reads as
 * missing, so codes cannot be probed from another community's door.
 */
async function assertDoor(ctx: Context, code: string): Promise<void> {
  const registration = CODE_PATTERN.test(code) ? await registrationByCode(ctx, code) : null;
  const activity = registration ? await loadActivity(ctx, registration.activityId) : null;
  if (!activity || !(await canWorkDoor(ctx, activity))) fail(UserErrorCode.NOT_FOUND, '找不到该确认码', ['input', 'code']);
}

async function lockForDoor(ctx: Context, em: EntityManager, code: string): Promise<{ activity: ActivityEntity; registration: RegistrationEntity }> {
  const locked = await lockByCode(ctx, em, code);
  if (!locked) fail(UserErrorCode.NOT_FOUND, '找不到该确认码', ['input', 'code']);
  return locked;
}

const DOOR_REFUSAL: Partial<Record<RegistrationStatus, string>> = {
  WAITLISTED: '该报名在候补名单上，尚未获得名额',
  CANCELLED: '该报名已取消',
  CHECKED_IN: '已经签到过了',
  CHECKED_OUT: '已经签退了',
};

/** The door opens an hour before the start; service hours count from then at the earliest. */
const DOOR_OPENS_BEFORE_MS = 3600_000;

/**
 * Check a resident in by code. A volunteer is matched by phone within the community, or named explicitly;
 * their hours are counted on check-out.
 */
export async function checkIn(ctx: Context, input: { code: string; volunteerId?: number | null }): Promise<RegistrationEntity> {
  requireStaff(ctx);
  const code = normalizeCode(input.code);
  await assertDoor(ctx, code);
  const result = await ctx.em.transactional(async (em) => {
    const { activity, registration } = await lockForDoor(ctx, em, code);
    if (activity.status === ActivityStatus.CANCELLED || activity.status === ActivityStatus.DRAFT) fail(UserErrorCode.INVALID_STATE, '活动未发布或已取消，不能签到', ['input', 'code']);
    if (registration.status !== RegistrationStatus.CONFIRMED) fail(UserErrorCode.INVALID_STATE, DOOR_REFUSAL[registration.status]!, ['input', 'code']);
    const now = Date.now();
    if (now < activity.startsAt.getTime() - DOOR_OPENS_BEFORE_MS) fail(UserErrorCode.INVALID_STATE, '活动开始前 1 小时内才能签到', ['input', 'code']);
    if (now > activity.endsAt.getTime()) fail(UserErrorCode.INVALID_STATE, '活动已结束，不能签到；服务时长请由工作人员补录', ['input', 'code']);
    let volunteerId: number | null = null;
    if (input.volunteerId != null) {
      const [v] = await sql<{ id: number }>(em, `select id from volunteer where id = ? and community_id = ? and archived_at is null`, [input.volunteerId, activity.communityId]);
      if (!v) fail(UserErrorCode.NOT_FOUND, '找不到该志愿者（须为本社区志愿者）', ['input', 'volunteerId']);
      volunteerId = v.id;
    } else {
      const [v] = await sql<{ id: number }>(em, `select id from volunteer where community_id = ? and phone = ? and archived_at is null`, [activity.communityId, registration.phone]);
      volunteerId = v?.id ?? null;
    }
    const [row] = await sql(em,
      `update registration set status = 'CHECKED_IN', checked_in_at = now(), volunteer_id = ?, updated_at = now() where id = ? returning *`,
      [volunteerId, registration.id]);
    return em.map(RegistrationEntity, row);
  });
  ctx.loaders.clearAll();
  announceRegistration(result);
  return result;
}

/** Check out by code; a volunteer gets service hours from check-in to now, rounded to the half hour. */
export async function checkOut(ctx: Context, input: { code: string }): Promise<{ registration: RegistrationEntity; serviceRecord: ServiceRecordEntity | null }> {
  requireStaff(ctx);
  const code = normalizeCode(input.code);
  await assertDoor(ctx, code);
  const accountId = ctx.access.principal.kind === 'staff' ? ctx.access.principal.accountId : null;
  const result = await ctx.em.transactional(async (em) => {
    const { activity, registration } = await lockForDoor(ctx, em, code);
    if (registration.status !== RegistrationStatus.CHECKED_IN) {
      fail(UserErrorCode.INVALID_STATE, registration.status === RegistrationStatus.CONFIRMED ? '尚未签到，不能签退' : DOOR_REFUSAL[registration.status]!, ['input', 'code']);
    }
    const [row] = await sql(em, `update registration set status = 'CHECKED_OUT', checked_out_at = now(), updated_at = now() where id = ? returning *`, [registration.id]);
    const out = em.map(RegistrationEntity, row);
    let serviceRecord: ServiceRecordEntity | null = null;
    // hours count within the activity (from an hour before it to an hour after), so a forgotten check-out
    // or an early check-in cannot inflate them; they are served on the activity's day
    const from = new Date(Math.max(out.checkedInAt!.getTime(), activity.startsAt.getTime() - DOOR_OPENS_BEFORE_MS));
    const until = new Date(Math.min(out.checkedOutAt!.getTime(), activity.endsAt.getTime() + DOOR_OPENS_BEFORE_MS));
    const hours = until > from ? Math.min(24, roundedHours(from, until)) : 0;
    if (out.volunteerId != null && hours > 0) {
      const [record] = await sql(em,
        `insert into service_record (community_id, volunteer_id, activity_id, registration_id, hours, served_on, source, recorded_by)
         values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (registration_id) do nothing returning *`,
        [activity.communityId, out.volunteerId, activity.id, out.id, hours, shanghaiDay(activity.startsAt), ServiceSource.CHECK_IN, accountId]);
      serviceRecord = record ? em.map(ServiceRecordEntity, record) : null;
    }
    return { registration: out, serviceRecord };
  });
  ctx.loaders.clearAll();
  announceRegistration(result.registration);
  return result;
}


// ---- staff on the lists --------------------------------------------------------------------------------

/** A registration for a staff change: staff who may change the activity; others NOT_FOUND (or FORBIDDEN if they may see it). */
async function registrationForStaff(ctx: Context, id: number | null): Promise<RegistrationEntity> {
  requireStaff(ctx);
  const seen = id == null ? null : await findVisibleRegistration(ctx, id);
  if (!seen) fail(UserErrorCode.NOT_FOUND, '找不到该报名', ['input', 'id']);
  await writerOf(ctx, (await loadActivity(ctx, seen.activityId))!);
  return seen;
}

/**
 * Staff move one resident up from the waiting list, out of turn. Without a free seat it is refused with
 * ACTIVITY_FULL unless `addSeat` raises the capacity by one (an extra chair), so confirmed seats never exceed
 * the capacity. The resident is told (outbox).
 */
export async function promoteRegistration(ctx: Context, input: { id: number | null; addSeat?: boolean | null }): Promise<RegistrationEntity> {
  const seen = await registrationForStaff(ctx, input.id);
  const result = await ctx.em.transactional(async (em) => {
    const activity = (await lockActivity(em, seen.activityId))!;
    const [row] = await sql(em, `select * from registration where id = ? for update`, [seen.id]);
    const registration = em.map(RegistrationEntity, row);
    if (registration.status !== RegistrationStatus.WAITLISTED) fail(UserErrorCode.INVALID_STATE, '只有候补名单上的报名可以转正', ['input', 'id']);
    if (activity.status !== ActivityStatus.PUBLISHED || activity.effectiveStatus() === ActivityStatus.FINISHED) fail(UserErrorCode.INVALID_STATE, '活动未在报名中（已取消或已结束），不能转正', ['input', 'id']);
    if (activity.capacity != null && (await seatedCount(em, activity.id)) >= activity.capacity) {
      if (!input.addSeat) fail(UserErrorCode.ACTIVITY_FULL, '名额已满：可以增加一个名额后转正', ['input', 'addSeat']);
      await sql(em, `update activity set capacity = capacity + 1, version = version + 1, updated_at = now() where id = ?`, [activity.id]);
    }
    const [updated] = await sql(em, `update registration set status = 'CONFIRMED', promoted_at = now(), updated_at = now() where id = ? returning *`, [registration.id]);
    await notifyPromoted(em, activity, [registration.id]);
    return em.map(RegistrationEntity, updated);
  });
  ctx.loaders.clearAll();
  announceRegistration(result);
  return result;
}

/**
 * Staff cancel a sign-up (the resident phoned in, or a duplicate). A freed seat goes to the first on the
 * waiting list, who is told. Cancelling twice is harmless; a checked-in sign-up stays.
 */
export async function staffCancelRegistration(ctx: Context, input: { id: number | null }): Promise<RegistrationEntity> {
  const seen = await registrationForStaff(ctx, input.id);
  const result = await ctx.em.transactional(async (em) => {
    const activity = (await lockActivity(em, seen.activityId))!;
    const [row] = await sql(em, `select * from registration where id = ? for update`, [seen.id]);
    const registration = em.map(RegistrationEntity, row);
    if (registration.status === RegistrationStatus.CANCELLED) return registration;
    if (registration.status === RegistrationStatus.CHECKED_IN || registration.status === RegistrationStatus.CHECKED_OUT) {
      fail(UserErrorCode.INVALID_STATE, '已签到的报名不能取消', ['input', 'id']);
    }
    const [updated] = await sql(em, `update registration set status = 'CANCELLED', cancelled_at = now(), updated_at = now() where id = ? returning *`, [registration.id]);
    if (registration.status === RegistrationStatus.CONFIRMED && activity.status === ActivityStatus.PUBLISHED && activity.effectiveStatus() !== ActivityStatus.FINISHED) await fillSeats(em, activity);
    return em.map(RegistrationEntity, updated);
  });
  ctx.loaders.clearAll();
  announceRegistration(result);
  return result;
}

/** Live updates (Subscription.registrationChanged): published after the change committed. */
export const REGISTRATION_TOPIC = 'tongxin:registration';
export interface RegistrationChangeMessage { registrationId: number; activityId: number }

function announceRegistration(r: RegistrationEntity): void {
  currentBus().publish(REGISTRATION_TOPIC, { registrationId: r.id, activityId: r.activityId } satisfies RegistrationChangeMessage);
}
