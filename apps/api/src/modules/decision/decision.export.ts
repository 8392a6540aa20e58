/**
 * `GET /export/decisions.xlsx?state=&node=&q=`: the decisions ledger (一征三议两公开台账), one row per decision with
 * Chinese headers. Rows come from the same `listDecisions` as the `decisions` query, so the access policy and
 * the filters are the query's own. Opinions' contact details are never exported.
 */
import type { Request } from 'express';
import { DECISION_STATE_LABEL, DECISION_STEP_KIND_LABEL } from '@tongxin/ui';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { registerListExport, queryParam as one } from '../../http/list-export.js';
import { HttpError } from '../../http/registry.js';
import type { XlsxColumn } from '../../http/xlsx.js';
import { DecisionState, type DecisionEntity } from './decision.entity.js';
import { listDecisions, todayIn } from './decision.service.js';
import type { DecisionFilter } from './decision.types.js';

export const MAX_EXPORT_ROWS = 20_000;

export function decisionFilterFromQuery(req: Request): DecisionFilter {
  const state = one(req, 'state');
  if (state && !(Object.values(DecisionState) as string[]).includes(state)) throw new HttpError(400, 'INVALID_FILTER', `没有这个状态：${state}`);
  return { states: state ? [state as DecisionState] : null, orgNodeId: one(req, 'node'), query: one(req, 'q') };
}

interface Row { n: number; d: DecisionEntity; community: string; owner: string; opinions: number; steps: string }

const day = (x: Date | null) => (x ? todayIn(x) : '');

export const DECISION_EXPORT_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '序号', value: (r) => r.n, width: 6 },
  { header: '所属社区', value: (r) => r.community, width: 14 },
  { header: '责任党组织', value: (r) => r.owner, width: 24 },
  { header: '议事事项', value: (r) => r.d.title, width: 30 },
  { header: '当前状态', value: (r) => DECISION_STATE_LABEL[r.d.state], width: 12 },
  { header: '征求意见开始', value: (r) => day(r.d.solicitOpensAt), width: 12 },
  { header: '征求意见截止', value: (r) => day(r.d.solicitClosesAt), width: 12 },
  { header: '收到意见数', value: (r) => r.opinions },
  { header: '办理过程', value: (r) => r.steps, width: 60 },
  { header: '决议公开日期', value: (r) => day(r.d.decisionPublishedAt), width: 12 },
  { header: '结果公开日期', value: (r) => day(r.d.resultPublishedAt), width: 12 },
];

/** One page of decisions as rows: names, opinion counts and steps looked up once for the page. */
async function rowsOf(ctx: Context, batch: DecisionEntity[], before: number): Promise<Row[]> {
  const ids = batch.map((d) => d.id);
  const nodeIds = [...new Set(batch.flatMap((d) => [d.orgNodeId, d.communityId]))];
  const [nodes, counts, steps] = await Promise.all([
    sql<{ id: number; name: string }>(ctx.em, `select id, name from org_node where id = any(?::int[])`, [nodeIds]),
    sql<{ decision_id: number; n: string }>(ctx.em, `select decision_id, count(*) as n from decision_opinion where decision_id = any(?::int[]) group by decision_id`, [ids]),
    sql<{ decision_id: number; kind: keyof typeof DECISION_STEP_KIND_LABEL; held_on: string; body: string; votes: string | null }>(ctx.em,
      `select decision_id, kind, to_char(held_on, 'YYYY-MM-DD') as held_on, body,
              case when votes_for is null then null else votes_for || '/' || votes_against || '/' || votes_abstain end as votes
       from decision_step where decision_id = any(?::int[]) order by decision_id, held_on, id`, [ids]),
  ]);
  const name = new Map(nodes.map((x) => [x.id, x.name]));
  const count = new Map(counts.map((x) => [x.decision_id, Number(x.n)]));
  return batch.map((d, i) => ({
    n: before + i + 1, d, community: name.get(d.communityId) ?? '', owner: name.get(d.orgNodeId) ?? '', opinions: count.get(d.id) ?? 0,
    steps: steps.filter((s) => s.decision_id === d.id)
      .map((s) => `${s.held_on} ${DECISION_STEP_KIND_LABEL[s.kind]}（${s.body}${s.votes ? `，赞成/反对/弃权 ${s.votes}` : ''}）`).join('；'),
  }));
}

registerListExport({
  path: '/export/decisions.xlsx',
  filter: decisionFilterFromQuery,
  list: listDecisions,
  rows: rowsOf,
  filename: () => `一征三议两公开台账-${todayIn()}.xlsx`,
  sheet: '一征三议两公开',
  columns: DECISION_EXPORT_COLUMNS,
  maxRows: MAX_EXPORT_ROWS,
});
