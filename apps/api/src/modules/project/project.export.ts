/**
 * `GET /export/party-projects.xlsx?<filters>`: the ledger in the shape a district office collects (one row per
 * project, Chinese headers, the progress summarised in one cell). Rows come from the same `listProjects` as the
 * `partyProjects` query, so the access policy and the filters are the query's own. Filters: area, status,
 * overdue=1, node, q.
 */
import type { Request } from 'express';
import { PROJECT_AREA_LABEL, PROJECT_STATUS_LABEL } from '@tongxin/ui';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { registerListExport, queryParam as one } from '../../http/list-export.js';
import { HttpError } from '../../http/registry.js';
import type { XlsxColumn } from '../../http/xlsx.js';
import { PartyProjectArea, PartyProjectStatus, type PartyProjectEntity } from './project.entity.js';
import { listProjects, todayIn } from './project.service.js';
import type { PartyProjectFilter } from './project.types.js';

export const MAX_EXPORT_ROWS = 20_000;

export function projectFilterFromQuery(req: Request): PartyProjectFilter {
  const area = one(req, 'area');
  if (area && !(Object.values(PartyProjectArea) as string[]).includes(area)) throw new HttpError(400, 'INVALID_FILTER', `没有这个项目类别：${area}`);
  const status = one(req, 'status');
  if (status && !(Object.values(PartyProjectStatus) as string[]).includes(status)) throw new HttpError(400, 'INVALID_FILTER', `没有这个项目状态：${status}`);
  return {
    areas: area ? [area as PartyProjectArea] : null,
    statuses: status ? [status as PartyProjectStatus] : null,
    overdue: one(req, 'overdue') === '1' ? true : null,
    orgNodeId: one(req, 'node'),
    query: one(req, 'q'),
  };
}

export interface ProjectRow { n: number; p: PartyProjectEntity; community: string; owner: string; units: string; progress: string; overdue: boolean }

export const PROJECT_EXPORT_COLUMNS: readonly XlsxColumn<ProjectRow>[] = [
  { header: '序号', value: (r) => r.n, width: 6 },
  { header: '所属社区', value: (r) => r.community, width: 14 },
  { header: '责任党组织', value: (r) => r.owner, width: 24 },
  { header: '项目名称', value: (r) => r.p.title, width: 30 },
  { header: '项目类别', value: (r) => PROJECT_AREA_LABEL[r.p.area], width: 16 },
  { header: '共建单位', value: (r) => r.units, width: 24 },
  { header: '项目目标', value: (r) => r.p.goals, width: 36 },
  { header: '开始时间', value: (r) => r.p.startDate, width: 12 },
  { header: '计划完成时间', value: (r) => r.p.dueDate, width: 12 },
  { header: '推进情况', value: (r) => r.progress, width: 48 },
  { header: '项目状态', value: (r) => PROJECT_STATUS_LABEL[r.p.status] },
  { header: '是否超期', value: (r) => (r.overdue ? '是' : '否') },
  { header: '完成时间', value: (r) => r.p.completedOn },
];

/** One page of projects as rows: org names, units and progress notes looked up once for the page. */
async function rowsOf(ctx: Context, batch: PartyProjectEntity[], before: number): Promise<ProjectRow[]> {
  const today = todayIn();
  const nodeIds = [...new Set(batch.flatMap((p) => [p.orgNodeId, p.communityId]))];
  const unitIds = [...new Set(batch.flatMap((p) => p.unitIds))];
  const [nodes, units, notes] = await Promise.all([
    sql<{ id: number; name: string }>(ctx.em, `select id, name from org_node where id = any(?::int[])`, [nodeIds]),
    sql<{ id: number; name: string }>(ctx.em, `select id, name from co_building_unit where id = any(?::int[])`, [unitIds]),
    sql<{ project_id: number; line: string }>(ctx.em,
      `select project_id, to_char(noted_on, 'YYYY-MM-DD') || ' ' || body as line from party_project_progress where project_id = any(?::int[]) order by project_id, noted_on, id`,
      [batch.map((p) => p.id)]),
  ]);
  const nodeName = new Map(nodes.map((x) => [x.id, x.name]));
  const unitName = new Map(units.map((x) => [x.id, x.name]));
  return batch.map((p, i) => ({
    n: before + i + 1, p, community: nodeName.get(p.communityId) ?? '', owner: nodeName.get(p.orgNodeId) ?? '',
    units: p.unitIds.map((u) => unitName.get(u) ?? '').filter(Boolean).join('、'),
    progress: notes.filter((x) => x.project_id === p.id).map((x) => x.line).join('；'),
    overdue: p.overdueOn(today),
  }));
}

registerListExport({
  path: '/export/party-projects.xlsx',
  filter: projectFilterFromQuery,
  list: listProjects,
  rows: rowsOf,
  filename: () => `党建项目台账-${todayIn()}.xlsx`,
  sheet: '党建项目台账',
  columns: PROJECT_EXPORT_COLUMNS,
  maxRows: MAX_EXPORT_ROWS,
});
