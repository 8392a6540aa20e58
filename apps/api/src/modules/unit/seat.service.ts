import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { idOf } from '../../graphql/relay.js';
import { assertCan } from '../access/index.js';
import { sql } from '../../db/sql.js';
import { loadNode } from '../org/index.js';
import { findVisibleMember } from '../member/index.js';
import { CommitteeSeatEntity, CROSS_ROLE_LABEL, CrossAppointmentEntity, type CrossAppointmentRole } from './unit.entity.js';
import { communityForWrite, ensureLinked, lockUnit, requireStaff, SAME_PERSON_SQL, todayInChina, unitFromInput, type UnitRowList } from './unit.service.js';
import { uniquely, validDate, validText } from '../../graphql/validate.js';

/** Held today: started, and not ended before today. */
export function isCurrent(row: { since: string; until: string | null }, today = todayInChina()): boolean {
  return row.since <= today && (row.until == null || row.until >= today);
}

const CURRENT_SQL = `t.since <= (now() at time zone 'Asia/Shanghai')::date and (t.until is null or t.until >= (now() at time zone 'Asia/Shanghai')::date)`;

export function seatList(current: boolean | null | undefined): UnitRowList<CommitteeSeatEntity> {
  return { name: `seat.byUnit:${current ?? ''}`, entity: CommitteeSeatEntity, table: 'committee_seat', typeName: 'CommitteeSeat', where: current == null ? undefined : current ? CURRENT_SQL : `not (${CURRENT_SQL})`, orderBy: 't.since desc, t.id desc' };
}

export function crossAppointmentList(current: boolean | null | undefined): UnitRowList<CrossAppointmentEntity> {
  return { name: `cross.byUnit:${current ?? ''}`, entity: CrossAppointmentEntity, table: 'cross_appointment', typeName: 'CrossAppointment', where: current == null ? undefined : current ? CURRENT_SQL : `not (${CURRENT_SQL})`, orderBy: `array_position(array['PARTY_BUILDING_INSTRUCTOR', 'PARTY_BUILDING_LIAISON', 'OPINION_LIAISON', 'SOCIAL_SUPERVISOR'], t.role), t.since desc, t.id` };
}

/** The end date of a term from input: defaults to today, never before it started. */
function endDate(value: string | null | undefined, since: string): string {
  const until = value == null ? todayInChina() : validDate(value, ['input', 'until'], '结束日期');
  if (until < since) fail(UserErrorCode.INVALID_INPUT, `结束日期不能早于开始日期 ${since}`, ['input', 'until']);
  return until;
}

export interface SeatCreate { unitId: string; communityId: string; representativeName: string; title?: string | null; since: string; until?: string | null }

/** A unit's seat on the committee. Terms of one unit on one committee never overlap (checked under a lock on the unit). */
export async function createSeat(ctx: Context, input: SeatCreate): Promise<CommitteeSeatEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  const representativeName = validText(input.representativeName, 50, ['input', 'representativeName'], '兼职委员姓名');
  const title = input.title == null || !input.title.trim() ? '社区党委兼职委员' : validText(input.title, 50, ['input', 'title'], '职务名称');
  const since = validDate(input.since, ['input', 'since'], '任期开始日期');
  const until = input.until == null ? null : endDate(input.until, since);
  const seat = await uniquely(() => ctx.em.transactional(async (em) => {
    await lockUnit(em, unit.id);
    const [overlap] = await sql<{ since: string }>(em,
      `select to_char(since, 'YYYY-MM-DD') as since from committee_seat
       where unit_id = ? and community_id = ? and since <= coalesce(?::date, 'infinity') and coalesce(until, 'infinity') >= ?::date limit 1`,
      [unit.id, community.id, until, since]);
    if (overlap) fail(UserErrorCode.DUPLICATE, `${unit.name}在${community.name}已有任期重叠的席位（自 ${overlap.since} 起）`, ['input', 'since']);
    await ensureLinked(em, unit.id, community.id, since);
    const created = em.create(CommitteeSeatEntity, { unitId: unit.id, communityId: community.id, representativeName, title, since, until } as CommitteeSeatEntity);
    await em.flush();
    return created;
  }), `${unit.name}在${community.name}已有席位`, ['input', 'unitId']);
  ctx.loaders.clearAll();
  return seat;
}

/**
 * End a term (a seat or a cross-appointment) that is still open or ends later than asked. `pastOnly`: the end
 * may not lie in the future (it records that the term ended).
 */
async function endTerm<E extends CommitteeSeatEntity | CrossAppointmentEntity>(ctx: Context, entity: new () => E, typeName: string, globalId: string, untilInput: string | null | undefined, missing: string, pastOnly: boolean): Promise<E> {
  requireStaff(ctx);
  const id = idOf(globalId, typeName);
  const row = await ctx.em.transactional(async (em) => {
    const found = id == null ? null : ((await em.findOne(entity, { id } as never, { lockMode: LockMode.PESSIMISTIC_WRITE })) as E | null);
    const community = found && (await loadNode(ctx, found.communityId));
    if (!found || !community) fail(UserErrorCode.NOT_FOUND, missing, ['input', 'id']);
    await assertCan(ctx, 'write', typeName, found);
    const until = endDate(untilInput, found.since);
    if (pastOnly && until > todayInChina()) fail(UserErrorCode.INVALID_INPUT, '结束日期不能晚于今天：请在卸任后再登记', ['input', 'until']);
    if (found.until != null && found.until <= until) fail(UserErrorCode.INVALID_STATE, `已于 ${found.until} 结束`, ['input', 'id']);
    found.until = until;
    await em.flush();
    return found;
  });
  ctx.loaders.clearAll();
  return row;
}

export function endSeat(ctx: Context, input: { id: string; until?: string | null }): Promise<CommitteeSeatEntity> {
  return endTerm(ctx, CommitteeSeatEntity, 'CommitteeSeat', input.id, input.until, '找不到该兼职委员席位', false);
}

export interface CrossAppointmentCreate { unitId: string; communityId: string; role: CrossAppointmentRole; personName: string; memberId?: string | null; since: string }

export async function createCrossAppointment(ctx: Context, input: CrossAppointmentCreate): Promise<CrossAppointmentEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  const personName = validText(input.personName, 50, ['input', 'personName'], '任职人姓名');
  const since = validDate(input.since, ['input', 'since'], '任职日期');
  let memberId: number | null = null;
  if (input.memberId) {
    const member = await findVisibleMember(ctx, idOf(input.memberId, 'PartyMember') ?? 0);
    if (!member || member.communityId !== community.id) fail(UserErrorCode.NOT_FOUND, `${community.name}没有这名党员`, ['input', 'memberId']);
    memberId = member.id;
  }
  const appointment = await uniquely(() => ctx.em.transactional(async (em) => {
    // one appointment of a person to a role at a time: checked under a lock on the unit
    await lockUnit(em, unit.id);
    const [overlap] = await sql<{ since: string; until: string | null }>(em,
      `select to_char(since, 'YYYY-MM-DD') as since, to_char(until, 'YYYY-MM-DD') as until from cross_appointment
       where unit_id = ? and community_id = ? and role = ? and ${SAME_PERSON_SQL} and coalesce(until, 'infinity') >= ?::date
       order by since desc limit 1`,
      [unit.id, community.id, input.role, memberId, personName, memberId, since]);
    const role = CROSS_ROLE_LABEL[input.role];
    if (overlap && overlap.until == null) fail(UserErrorCode.DUPLICATE, `${personName}自 ${overlap.since} 起已在${unit.name}担任${role}`, ['input', 'personName']);
    if (overlap) fail(UserErrorCode.DUPLICATE, `${personName}在${unit.name}担任${role}至 ${overlap.until}，新的任职日期应在此之后`, ['input', 'since']);
    await ensureLinked(em, unit.id, community.id, since);
    const created = em.create(CrossAppointmentEntity, { unitId: unit.id, communityId: community.id, role: input.role, personName, memberId, since } as CrossAppointmentEntity);
    await em.flush();
    return created;
  }), `${personName}已在${unit.name}担任${CROSS_ROLE_LABEL[input.role]}`, ['input', 'personName']);
  ctx.loaders.clearAll();
  return appointment;
}

export function endCrossAppointment(ctx: Context, input: { id: string; until?: string | null }): Promise<CrossAppointmentEntity> {
  return endTerm(ctx, CrossAppointmentEntity, 'CrossAppointment', input.id, input.until, '找不到该交叉任职', true);
}
