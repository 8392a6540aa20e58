import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../graphql/context.js';
import { byKey } from '../../graphql/loaders.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { idOf } from '../../graphql/relay.js';
import { assertCan } from '../access/index.js';
import { sql } from '../../db/sql.js';
import { loadNode } from '../org/index.js';
import { findVisibleMember } from '../member/index.js';
import { DoubleReportEntity } from './unit.entity.js';
import { communityForWrite, ensureLinked, lockUnit, requireStaff, SAME_PERSON_SQL, todayInChina, unitFromInput, unitRowVisibility, type UnitRowList } from './unit.service.js';
import { uniquely, validDate, validText } from '../../graphql/validate.js';

const REPORTING_SQL = `(t.until is null or t.until >= (now() at time zone 'Asia/Shanghai')::date)`;

/** A unit's double-report members (双报到) the caller may see, optionally in one community; reporting ones first. */
export function doubleReportList(communityId: number | null, reporting: boolean | null | undefined): UnitRowList<DoubleReportEntity> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (communityId != null) {
    where.push('t.community_id = ?');
    params.push(communityId);
  }
  if (reporting != null) where.push(reporting ? REPORTING_SQL : `not ${REPORTING_SQL}`);
  return {
    name: `doubleReport.byUnit:${communityId ?? ''}:${reporting ?? ''}`,
    entity: DoubleReportEntity,
    table: 'double_report',
    typeName: 'DoubleReportMember',
    where: where.length ? where.join(' and ') : undefined,
    params,
    orderBy: `t.community_id, t.person_name, t.id`,
  };
}

/**
 * Volunteer service hours (服务时长) each double-report member has served in the community they report to:
 * the service records of their volunteer profile there (matched by Party member, or by name within the unit).
 */
export function serviceHoursOf(ctx: Context, doubleReportId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('doubleReport.hours', async (ids) => {
      const rows = await sql<{ id: number; hours: string }>(ctx.em,
        `select d.id, coalesce(sum(sr.hours), 0) as hours
         from double_report d
         join volunteer v on v.community_id = d.community_id
           and (v.member_id = d.member_id or (d.member_id is null and v.unit_id = d.unit_id and v.name = d.person_name))
         join service_record sr on sr.volunteer_id = v.id and sr.community_id = d.community_id
         where d.id = any(?::int[])
         group by d.id`, [[...ids]]);
      return byKey(ids, rows, (r) => r.id).map((r) => Number(r?.hours ?? 0));
    })
    .load(doubleReportId);
}

export interface DoubleReportSummary { memberCount: number; communityCount: number; serviceHours: number }

/** How many of a unit's staff report now, to how many communities, and their hours there; over what the caller may see. */
export function doubleReportSummaryOf(ctx: Context, unitId: number): Promise<DoubleReportSummary> {
  return ctx.loaders
    .get<number, DoubleReportSummary>('doubleReport.summary', async (unitIds) => {
      const visible = unitRowVisibility(ctx, 'DoubleReportMember', 't');
      const rows = await sql<{ unit_id: number; member_count: string; community_count: string; hours: string }>(ctx.em,
        `select t.unit_id, count(*) as member_count, count(distinct t.community_id) as community_count,
           coalesce(sum((select sum(sr.hours) from volunteer v join service_record sr on sr.volunteer_id = v.id and sr.community_id = t.community_id
             where v.community_id = t.community_id
               and (v.member_id = t.member_id or (t.member_id is null and v.unit_id = t.unit_id and v.name = t.person_name)))), 0) as hours
         from double_report t
         where t.unit_id = any(?::int[]) and ${REPORTING_SQL} and ${visible.sql}
         group by t.unit_id`, [[...unitIds], ...visible.params]);
      return byKey(unitIds, rows, (r) => r.unit_id).map((r) => ({
        memberCount: Number(r?.member_count ?? 0), communityCount: Number(r?.community_count ?? 0), serviceHours: Number(r?.hours ?? 0),
      }));
    })
    .load(unitId);
}

export interface DoubleReportCreate { unitId: string; communityId: string; personName?: string | null; memberId?: string | null; since?: string | null }

export async function createDoubleReport(ctx: Context, input: DoubleReportCreate): Promise<DoubleReportEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  let memberId: number | null = null;
  let personName = input.personName?.trim() ? validText(input.personName, 50, ['input', 'personName'], '姓名') : null;
  if (input.memberId) {
    // the member reports to the community whose roll they are on
    const member = await findVisibleMember(ctx, idOf(input.memberId, 'PartyMember') ?? 0);
    if (!member || member.communityId !== community.id) fail(UserErrorCode.NOT_FOUND, `${community.name}没有这名党员`, ['input', 'memberId']);
    memberId = member.id;
    personName ??= member.name;
  }
  if (!personName) fail(UserErrorCode.INVALID_INPUT, '请填写姓名或选择党员', ['input', 'personName']);
  const name = personName;
  const since = input.since == null ? todayInChina() : validDate(input.since, ['input', 'since'], '报到日期');
  const personField = ['input', input.memberId ? 'memberId' : 'personName'];
  const row = await uniquely(() => ctx.em.transactional(async (em) => {
    // one registration of a person with a unit and community at a time: checked under a lock on the unit
    await lockUnit(em, unit.id);
    const [overlap] = await sql<{ since: string; until: string | null }>(em,
      `select to_char(since, 'YYYY-MM-DD') as since, to_char(until, 'YYYY-MM-DD') as until from double_report
       where unit_id = ? and community_id = ? and ${SAME_PERSON_SQL} and coalesce(until, 'infinity') >= ?::date
       order by since desc limit 1`,
      [unit.id, community.id, memberId, name, memberId, since]);
    if (overlap && overlap.until == null) fail(UserErrorCode.DUPLICATE, `${name}自 ${overlap.since} 起已向${community.name}报到`, personField);
    if (overlap) fail(UserErrorCode.DUPLICATE, `${name}向${community.name}报到至 ${overlap.until}，新的报到日期应在此之后`, ['input', 'since']);
    await ensureLinked(em, unit.id, community.id, null);
    const created = em.create(DoubleReportEntity, { unitId: unit.id, communityId: community.id, memberId, personName, since } as DoubleReportEntity);
    await em.flush();
    return created;
  }), `${name}已向${community.name}报到`, personField);
  ctx.loaders.clearAll();
  return row;
}

export async function endDoubleReport(ctx: Context, input: { id: string; until?: string | null }): Promise<DoubleReportEntity> {
  requireStaff(ctx);
  const id = idOf(input.id, 'DoubleReportMember');
  const row = await ctx.em.transactional(async (em) => {
    const found = id == null ? null : await em.findOne(DoubleReportEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const community = found && (await loadNode(ctx, found.communityId));
    if (!found || !community) fail(UserErrorCode.NOT_FOUND, '找不到该双报到记录', ['input', 'id']);
    await assertCan(ctx, 'write', 'DoubleReportMember', found);
    const until = input.until == null ? todayInChina() : validDate(input.until, ['input', 'until'], '结束日期');
    if (until < found.since) fail(UserErrorCode.INVALID_INPUT, `结束日期不能早于报到日期 ${found.since}`, ['input', 'until']);
    if (until > todayInChina()) fail(UserErrorCode.INVALID_INPUT, '结束日期不能晚于今天：请在停止报到后再登记', ['input', 'until']);
    if (found.until != null && found.until <= until) fail(UserErrorCode.INVALID_STATE, `已于 ${found.until} 结束报到`, ['input', 'id']);
    found.until = until;
    await em.flush();
    return found;
  });
  ctx.loaders.clearAll();
  return row;
}
