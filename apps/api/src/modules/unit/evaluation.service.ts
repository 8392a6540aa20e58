import type { Context } from '../../graphql/context.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { OrgLevel } from '../org/index.js';
import { loadNode } from '../org/index.js';
import { EvaluationFlag, PropertyEvaluationEntity, UnitKind } from './unit.entity.js';
import { communityForWrite, ensureLinked, requireStaff, unitFromInput, unitRowVisibility, type UnitRowList } from './unit.service.js';

export const PERIOD_PATTERN = /^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/;

/** A firm's evaluations the caller may see, newest period first: its history (历次测评). */
export const evaluationList: UnitRowList<PropertyEvaluationEntity> = {
  name: 'evaluation.byUnit', entity: PropertyEvaluationEntity, table: 'property_evaluation', typeName: 'PropertyEvaluation', orderBy: 't.period desc, t.community_id, t.id',
};

export interface RankedEvaluation { rank: number; evaluation: PropertyEvaluationEntity }

/**
 * The property firms of a community for a period, best total first; equal totals share a rank (1, 1, 3).
 * Staff of the community see every firm; a firm's partner token sees its own place only; others nothing.
 */
export async function evaluationRanking(ctx: Context, communityGlobalId: string, period: string, page: Page): Promise<{ rows: RankedEvaluation[]; total: () => Promise<number> }> {
  const communityId = idOf(communityGlobalId, 'PartyCommittee');
  const community = communityId == null ? null : await loadNode(ctx, communityId);
  if (!community || community.level !== OrgLevel.COMMUNITY || !PERIOD_PATTERN.test(period)) return { rows: [], total: async () => 0 };
  const visible = unitRowVisibility(ctx, 'PropertyEvaluation', 'x');
  const ranked = `select * from (
      select e.*, rank() over (order by e.total desc) as rank, row_number() over (order by e.total desc, u.name, e.id) as place
      from property_evaluation e join co_building_unit u on u.id = e.unit_id
      where e.community_id = ? and e.period = ?
    ) x where ${visible.sql}`;
  const params = [community.id, period, ...visible.params];
  const rows = await sql<Record<string, unknown> & { rank: string }>(ctx.em, `${ranked} order by x.place offset ? limit ?`, [...params, page.offset, page.limit + 1]);
  return {
    rows: fromRows(ctx.em, PropertyEvaluationEntity, rows).map((evaluation, i) => ({ rank: Number(rows[i].rank), evaluation })),
    total: async () => Number((await sql<{ count: string }>(ctx.em, `select count(*) from (${ranked}) y`, params))[0].count),
  };
}

export interface EvaluationRecord {
  unitId: string; communityId: string; period: string;
  serviceScore: number; environmentScore: number; safetyScore: number; responseScore: number;
  flag: EvaluationFlag; note?: string | null;
}

const SCORES = [['serviceScore', '服务'], ['environmentScore', '环境'], ['safetyScore', '安全'], ['responseScore', '响应']] as const;

/** Record a firm's evaluation for a period, or correct it: one row per firm, community and period (an upsert). */
export async function recordEvaluation(ctx: Context, input: EvaluationRecord): Promise<PropertyEvaluationEntity> {
  requireStaff(ctx);
  const community = await communityForWrite(ctx, input.communityId, ['input', 'communityId']);
  const unit = await unitFromInput(ctx, input.unitId, ['input', 'unitId']);
  if (unit.kind !== UnitKind.PROPERTY_MANAGEMENT) fail(UserErrorCode.INVALID_INPUT, `${unit.name}不是物业服务企业，不参加物业测评`, ['input', 'unitId']);
  const period = input.period.trim();
  if (!PERIOD_PATTERN.test(period)) fail(UserErrorCode.INVALID_INPUT, "测评周期应为季度 2026-Q3 或月份 2026-09", ['input', 'period']);
  for (const [field, label] of SCORES) {
    const score = input[field];
    if (!Number.isInteger(score) || score < 0 || score > 100) fail(UserErrorCode.INVALID_INPUT, `${label}得分应为 0 到 100 的整数`, ['input', field]);
  }
  const note = input.note?.trim() || null;
  if (note && [...note].length > 500) fail(UserErrorCode.INVALID_INPUT, '备注最多 500 个字', ['input', 'note']);
  const evaluation = await ctx.em.transactional(async (em) => {
    await ensureLinked(em, unit.id, community.id, null);
    const [row] = await sql(em,
      `insert into property_evaluation (unit_id, community_id, period, service_score, environment_score, safety_score, response_score, flag, note)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (unit_id, community_id, period) do update set
         service_score = excluded.service_score, environment_score = excluded.environment_score, safety_score = excluded.safety_score,
         response_score = excluded.response_score, flag = excluded.flag, note = excluded.note, updated_at = now()
       returning *`,
      [unit.id, community.id, period, input.serviceScore, input.environmentScore, input.safetyScore, input.responseScore, input.flag, note]);
    return em.map(PropertyEvaluationEntity, row);
  });
  ctx.loaders.clearAll();
  return evaluation;
}
