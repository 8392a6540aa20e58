import { LockMode } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { assertCan } from '../access/index.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { loadNode } from '../org/index.js';
import { AgreementEntity } from './unit.entity.js';
import { AgreementStatus } from './unit.types.js';
import { addMonths, communityForWrite, daysBetween, ensureLinked, requireStaff, todayInChina, unitFromInput, unitRowVisibility, type UnitRowList } from './unit.service.js';
import { uniquely, validDate, validText } from '../../graphql/validate.js';

/** Agreements ending within this many days are due for renewal (续签提醒). */
export const RENEWAL_WINDOW_DAYS = 60;

export function agreementStatus(agreement: AgreementEntity, today = todayInChina()): AgreementStatus {
  if (agreement.terminatedAt) return AgreementStatus.TERMINATED;
  return agreement.endsOn < today ? AgreementStatus.EXPIRED : AgreementStatus.ACTIVE;
}

/** Days left in force, 0 on the expiry day; null once expired or terminated. */
export function daysUntilExpiry(agreement: AgreementEntity, today = todayInChina()): number | null {
  return agreementStatus(agreement, today) === AgreementStatus.ACTIVE ? daysBetween(today, agreement.endsOn) : null;
}

export function renewalDue(agreement: AgreementEntity, today = todayInChina()): boolean {
  const days = daysUntilExpiry(agreement, today);
  return days != null && days <= RENEWAL_WINDOW_DAYS;
}

const TODAY_SQL = `(now() at time zone 'Asia/Shanghai')::date`;
const STATUS_SQL: Record<AgreementStatus, string> = {
  ACTIVE: `t.terminated_at is null and t.ends_on >= ${TODAY_SQL}`,
  EXPIRED: `t.terminated_at is null and t.ends_on < ${TODAY_SQL}`,
  TERMINATED: 't.terminated_at is not null',
};

/** SQL: agreement `t` has been renewed, i.e. a later agreement between the same unit and community is not terminated. */
const RENEWED_SQL = (t: string) => `exists (select 1 from agreement s where s.unit_id = ${t}.unit_id and s.community_id = ${t}.community_id
  and s.signed_on > ${t}.signed_on and s.terminated_at is null)`;

/** Whether each agreement has been renewed (a later, not terminated agreement between the same parties), batched. */
export function isRenewed(ctx: Context, agreement: AgreementEntity): Promise<boolean> {
  return ctx.loaders
    .get<number, boolean>('agreement.renewed', async (ids) => {
      const rows = await sql<{ id: number }>(ctx.em, `select t.id from agreement t where t.id = any(?::int[]) and ${RENEWED_SQL('t')}`, [[...ids]]);
      const renewed = new Set(rows.map((r) => r.id));
      return ids.map((id) => renewed.has(id));
    })
    .load(agreement.id);
}

/** In force, expiring within the renewal window, and not yet renewed (续签提醒). */
export async function renewalDueOf(ctx: Context, agreement: AgreementEntity): Promise<boolean> {
  return renewalDue(agreement) && !(await isRenewed(ctx, agreement));
}

/**
 * SQL on a unit row `u` (and `?` parameters): the unit has an agreement of this status that the caller may see,
 * of the community `uc_community` when the list is of one community. For `listUnits`.
 */
export function agreementFilter(ctx: Context, status: AgreementStatus): { sql: (communityId: number | null) => string; params: (communityId: number | null) => unknown[] } {
  const visible = unitRowVisibility(ctx, 'Agreement', 't');
  return {
    sql: (communityId) => `exists (select 1 from agreement t where t.unit_id = u.id and ${STATUS_SQL[status]}${communityId != null ? ' and t.community_id = ?' : ''} and ${visible.sql})`,
    params: (communityId) => [...(communityId != null ? [communityId] : []), ...visible.params],
  };
}

/** A unit's agreements the caller may see, newest first, optionally of one status. */
export function agreementList(status: AgreementStatus | null | undefined): UnitRowList<AgreementEntity> {
  return {
    name: `agreement.byUnit:${status ?? ''}`,
    entity: AgreementEntity,
    table: 'agreement',
    typeName: 'Agreement',
    where: status ? STATUS_SQL[status] : undefined,
    orderBy: 't.signed_on desc, t.id desc',
  };
}

/** Agreements in force, not yet renewed, that end within `withinDays` days, soonest first, among those the caller may see. */
export async function agreementsExpiring(ctx: Context, withinDays: number, page: Page): Promise<{ rows: AgreementEntity[]; total: () => Promise<number> }> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366) {
    throw new GraphQLError('`withinDays` must be between 0 and 366.', { extensions: { code: 'BAD_USER_INPUT', argument: 'withinDays' } });
  }
  const visible = unitRowVisibility(ctx, 'Agreement', 't');
  const where = `${STATUS_SQL.ACTIVE} and t.ends_on <= ${TODAY_SQL} + ?::int and not ${RENEWED_SQL('t')} and ${visible.sql}`;
  const params = [withinDays, ...visible.params];
  const rows = await sql(ctx.em, `select t.* from agreement t where ${where} order by t.ends_on, t.id offset ? limit ?`, [...params, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, AgreementEntity, rows),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from agreement t where ${where}`, params))[0].count),
  };
}

export interface AgreementCreate { unitId: string; communityId: string; title?: string | null; signedOn: string; termMonths: number; commitments: string[] }

export async function createAgreement(ctx: Context, input: AgreementCreate): Promise<AgreementEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  const title = input.title == null || !input.title.trim() ? '共驻共建协议' : validText(input.title, 100, ['input', 'title'], '协议名称');
  const signedOn = validDate(input.signedOn, ['input', 'signedOn'], '签订日期');
  if (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 120) fail(UserErrorCode.INVALID_INPUT, '协议期限应为 1 到 120 个月', ['input', 'termMonths']);
  const commitments = input.commitments.map((c) => c.trim()).filter(Boolean);
  if (commitments.length < 1 || commitments.length > 30 || commitments.some((c) => [...c].length > 200)) {
    fail(UserErrorCode.INVALID_INPUT, '共建承诺应有 1 到 30 项，每项最多 200 个字', ['input', 'commitments']);
  }
  const agreement = await uniquely(() => ctx.em.transactional(async (em) => {
    await ensureLinked(em, unit.id, community.id, signedOn);
    const created = em.create(AgreementEntity, {
      unitId: unit.id, communityId: community.id, title, signedOn, termMonths: input.termMonths, endsOn: addMonths(signedOn, input.termMonths), commitments,
    } as AgreementEntity);
    await em.flush();
    return created;
  }), `${unit.name}与${community.name}在 ${signedOn} 已签有协议`, ['input', 'signedOn']);
  ctx.loaders.clearAll();
  return agreement;
}

export async function terminateAgreement(ctx: Context, input: { id: string; reason: string }): Promise<AgreementEntity> {
  requireStaff(ctx);
  const id = idOf(input.id, 'Agreement');
  const agreement = await ctx.em.transactional(async (em) => {
    const row = id == null ? null : await em.findOne(AgreementEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const community = row && (await loadNode(ctx, row.communityId));
    if (!row || !community) fail(UserErrorCode.NOT_FOUND, '找不到该协议', ['input', 'id']);
    await assertCan(ctx, 'write', 'Agreement', row);
    const reason = validText(input.reason, 200, ['input', 'reason'], '终止原因');
    const status = agreementStatus(row);
    if (status !== AgreementStatus.ACTIVE) fail(UserErrorCode.INVALID_STATE, status === AgreementStatus.TERMINATED ? '该协议已终止' : '该协议已到期，无需终止', ['input', 'id']);
    row.terminatedAt = new Date();
    row.terminationReason = reason;
    await em.flush();
    return row;
  });
  ctx.loaders.clearAll();
  return agreement;
}

/** The day after a date (YYYY-MM-DD). */
function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface AgreementRenew { id: string; termMonths?: number | null; commitments?: string[] | null }

/**
 * Renew (续签) an agreement that is in force or has expired: a new agreement between the same unit and community,
 * with the same title, for `termMonths` (default the old term) from the day after the old one ends (or from today
 * when it has already expired), with the same commitments unless new ones are given. Refused for a terminated or
 * already renewed agreement; the old row is locked, so two renewals at once make one successor.
 */
export async function renewAgreement(ctx: Context, input: AgreementRenew): Promise<AgreementEntity> {
  requireStaff(ctx);
  const id = idOf(input.id, 'Agreement');
  if (input.termMonths != null && (!Number.isInteger(input.termMonths) || input.termMonths < 1 || input.termMonths > 120)) {
    fail(UserErrorCode.INVALID_INPUT, '协议期限应为 1 到 120 个月', ['input', 'termMonths']);
  }
  const commitments = input.commitments?.map((c) => c.trim()).filter(Boolean);
  if (commitments && (commitments.length < 1 || commitments.length > 30 || commitments.some((c) => [...c].length > 200))) {
    fail(UserErrorCode.INVALID_INPUT, '共建承诺应有 1 到 30 项，每项最多 200 个字', ['input', 'commitments']);
  }
  const created = await uniquely(() => ctx.em.transactional(async (em) => {
    const old = id == null ? null : await em.findOne(AgreementEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!old || !(await loadNode(ctx, old.communityId))) fail(UserErrorCode.NOT_FOUND, '找不到该协议', ['input', 'id']);
    await assertCan(ctx, 'write', 'Agreement', old);
    const status = agreementStatus(old);
    if (status === AgreementStatus.TERMINATED) fail(UserErrorCode.INVALID_STATE, '该协议已终止，不能续签；请签订新协议', ['input', 'id']);
    const [renewed] = await sql(em, `select 1 from agreement t where t.id = ? and ${RENEWED_SQL('t')}`, [old.id]);
    if (renewed) fail(UserErrorCode.INVALID_STATE, '该协议已续签', ['input', 'id']);
    const signedOn = status === AgreementStatus.ACTIVE ? nextDay(old.endsOn) : todayInChina();
    const termMonths = input.termMonths ?? old.termMonths;
    const next = em.create(AgreementEntity, {
      unitId: old.unitId, communityId: old.communityId, title: old.title, signedOn, termMonths, endsOn: addMonths(signedOn, termMonths),
      commitments: commitments ?? [...old.commitments],
    } as AgreementEntity);
    await em.flush();
    return next;
  }), '该协议已续签', ['input', 'id']);
  ctx.loaders.clearAll();
  return created;
}
