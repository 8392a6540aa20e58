/**
 * `GET /export/talent.xlsx?community=&call=&status=&team=&skill=&grid=&building=`: the talent pool (人才库) of one
 * community, one row per applicant with Chinese headers. Rows come from the same `listApplicants` as the
 * `talentApplicants` query, so the access policy and the filters (status APPROVED: the members of the pool) are the
 * query's own. Phones are masked as the list masks them.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Request } from 'express';
import { APPLICANT_STATUS_LABEL } from '@tongxin/ui';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { queryParam, registerListExport } from '../../http/list-export.js';
import { HttpError } from '../../http/registry.js';
import type { XlsxColumn } from '../../http/xlsx.js';
import { maskPhone, unseal } from '../privacy/index.js';
import { ApplicantStatus, type TalentApplicantEntity } from './talent.entity.js';
import { listApplicants, type ApplicantFilter } from './talent.service.js';

export const MAX_EXPORT_ROWS = 20_000;

const TIME_ZONE = 'Asia/Shanghai';

interface TalentExportFilter { communityId: string; filter: ApplicantFilter }

/** The talent screen's parameters as the `talentApplicants` query's arguments; a value that cannot be right is a 400. */
export function talentFilterFromQuery(req: Request): TalentExportFilter {
  const communityId = queryParam(req, 'community');
  if (!communityId) throw new HttpError(400, 'INVALID_FILTER', '请选择社区（community）');
  const status = queryParam(req, 'status');
  if (status && !(Object.values(ApplicantStatus) as string[]).includes(status)) throw new HttpError(400, 'INVALID_FILTER', `没有这个状态：${status}`);
  return {
    communityId,
    filter: {
      callId: queryParam(req, 'call'),
      status: status as ApplicantStatus | null,
      teamId: queryParam(req, 'team'),
      skill: queryParam(req, 'skill'),
      gridId: queryParam(req, 'grid'),
      building: queryParam(req, 'building'),
    },
  };
}

export interface TalentRow { n: number; a: TalentApplicantEntity; call: string; team: string; grid: string }

export const TALENT_EXPORT_COLUMNS: readonly XlsxColumn<TalentRow>[] = [
  { header: '序号', value: (r) => r.n, width: 6 },
  { header: '姓名', value: (r) => r.a.name, width: 10 },
  { header: '联系电话', value: (r) => maskPhone(unseal(r.a.phone)), width: 14 },
  { header: '特长', value: (r) => r.a.skills.join('、'), width: 24 },
  { header: '可服务时间', value: (r) => r.a.availability, width: 16 },
  { header: '网格', value: (r) => r.grid, width: 14 },
  { header: '楼栋', value: (r) => r.a.building, width: 10 },
  { header: '招募令', value: (r) => r.call, width: 24 },
  { header: '状态', value: (r) => APPLICANT_STATUS_LABEL[r.a.status] },
  { header: '所在人才队伍', value: (r) => r.team, width: 18 },
  { header: '审核意见', value: (r) => r.a.reviewNote, width: 20 },
  { header: '报名时间', value: (r) => format(new TZDate(r.a.createdAt.getTime(), TIME_ZONE), 'yyyy-MM-dd HH:mm'), width: 17 },
];

const namesOf = async (ctx: Context, table: 'recruitment_call' | 'talent_team' | 'grid', column: 'title' | 'name', ids: (number | null)[]) => {
  const wanted = [...new Set(ids.filter((id): id is number => id != null))];
  if (wanted.length === 0) return new Map<number, string>();
  const rows = await sql<{ id: number; name: string }>(ctx.em, `select id, ${column} as name from ${table} where id = any(?::int[])`, [wanted]);
  return new Map(rows.map((r) => [r.id, r.name]));
};

/** One page of applicants as rows: call titles, team and grid names looked up once for the page. */
async function rowsOf(ctx: Context, batch: TalentApplicantEntity[], before: number): Promise<TalentRow[]> {
  const [calls, teams, grids] = await Promise.all([
    namesOf(ctx, 'recruitment_call', 'title', batch.map((a) => a.callId)),
    namesOf(ctx, 'talent_team', 'name', batch.map((a) => a.teamId)),
    namesOf(ctx, 'grid', 'name', batch.map((a) => a.gridId)),
  ]);
  return batch.map((a, i) => ({
    n: before + i + 1, a, call: calls.get(a.callId) ?? '', team: a.teamId == null ? '' : (teams.get(a.teamId) ?? ''), grid: a.gridId == null ? '' : (grids.get(a.gridId) ?? ''),
  }));
}

registerListExport({
  path: '/export/talent.xlsx',
  filter: talentFilterFromQuery,
  list: async (ctx, f, page) => (await listApplicants(ctx, f.communityId, f.filter, page)).rows,
  rows: rowsOf,
  filename: () => `人才库-${format(new TZDate(Date.now(), TIME_ZONE), 'yyyy-MM-dd')}.xlsx`,
  sheet: '人才库',
  columns: TALENT_EXPORT_COLUMNS,
  maxRows: MAX_EXPORT_ROWS,
});
