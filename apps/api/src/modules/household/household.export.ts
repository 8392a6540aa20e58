/**
 * Spreadsheets of households, with Chinese headers:
 * - `GET /export/households.xlsx?node=&compound=&building=&grid=&q=`: the household list (the `households`
 *   query's filter and access policy). Phones are masked and care data left out: an export is a file that
 *   travels. With `reveal=1&reason=<why>` the phones of households the caller may reveal are in clear, and the
 *   export leaves one audit row (EXPORT) with the reason; others stay masked.
 * - `GET /export/household-coverage.xlsx?node=`: the 联户 coverage report (gaps, then each member household's load).
 * - `GET /export/households-template.xlsx`: the import template.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { LINK_LOAD_LABEL } from '@tongxin/ui';
import type { Request } from 'express';
import type { Context } from '../../graphql/context.js';
import { UserFacingError } from '../../graphql/errors.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { sql } from '../../db/sql.js';
import { announceReveal, mayReveal } from '../access/index.js';
import { unseal } from '../privacy/index.js';
import { ORG_TYPE_NAMES } from '../org/index.js';
import { idOf } from '../../graphql/relay.js';
import type { HouseholdEntity } from './household.entity.js';
import { coverage, listHouseholds, maskedPhone, type HouseholdFilter, type MemberLoad } from './household.service.js';
import { IMPORT_COLUMNS } from './household.import.js';

const BATCH = 500;
export const MAX_EXPORT_ROWS = 50_000;
const today = () => format(new TZDate(Date.now(), 'Asia/Shanghai'), 'yyyy-MM-dd');

function one(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value == null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return value.trim() === '' ? null : value.trim();
}

async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_FILTER', error.message);
    throw error;
  }
}

interface Row { h: HouseholdEntity; compound: string; building: string; node: string; clearPhone?: string | null }

/** Place and node names of a batch: one statement. */
async function namesOf(ctx: Context, batch: HouseholdEntity[]): Promise<Row[]> {
  const rows = await sql<{ id: number; compound: string; building: string; node: string }>(ctx.em,
    `select h.id, c.name as compound, b.name as building, n.name as node from household h join building b on b.id = h.building_id
     join compound c on c.id = b.compound_id join org_node n on n.id = h.org_node_id where h.id = any(?::int[])`, [batch.map((h) => h.id)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return batch.map((h) => ({ h, compound: byId.get(h.id)?.compound ?? '', building: byId.get(h.id)?.building ?? '', node: byId.get(h.id)?.node ?? '' }));
}

export const HOUSEHOLD_EXPORT_COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '小区', value: (r) => r.compound, width: 16 },
  { header: '楼栋', value: (r) => r.building },
  { header: '单元', value: (r) => r.h.unit },
  { header: '房号', value: (r) => r.h.room },
  { header: '户主姓名', value: (r) => r.h.headName, width: 12 },
  { header: '人口数', value: (r) => r.h.size },
  { header: '联系电话', value: (r) => r.clearPhone ?? maskedPhone(r.h.phone), width: 14 },
  { header: '联系组织', value: (r) => r.node, width: 22 },
];

async function* householdRows(ctx: Context, filter: HouseholdFilter, first: HouseholdEntity[], inClear: boolean): AsyncGenerator<Row> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const page = offset === 0 ? first : await guarded(() => listHouseholds(ctx, filter, { offset, limit: BATCH }));
    for (const row of await namesOf(ctx, page.slice(0, BATCH))) {
      if (inClear && row.h.phone && (await mayReveal(ctx, 'Household', row.h))) row.clearPhone = unseal(row.h.phone);
      yield row;
    }
    if (page.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/households.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const filter: HouseholdFilter = { orgNodeId: one(req, 'node'), compoundId: one(req, 'compound'), buildingId: one(req, 'building'), gridId: one(req, 'grid'), query: one(req, 'q') };
    const inClear = one(req, 'reveal') === '1';
    const reason = one(req, 'reason');
    if (inClear && (!reason || [...reason].length < 2 || [...reason].length > 200)) throw new HttpError(400, 'REASON_REQUIRED', '导出完整电话需要填写原因（2 到 200 个字）');
    const first = await guarded(() => listHouseholds(ctx, filter, { offset: 0, limit: BATCH }));
    let audited = false;
    if (inClear) {
      // one audit row for the whole file, on the node asked for (or the caller's widest grant)
      const node = (filter.orgNodeId ? idOf(filter.orgNodeId, ...ORG_TYPE_NAMES) : null) ?? [...ctx.access.grants].sort((a, b) => a.path.length - b.path.length)[0]?.nodeId ?? null;
      if (first.some((h) => h.phone) && (await Promise.all(first.map((h) => mayReveal(ctx, 'Household', h)))).some(Boolean)) {
        await announceReveal(ctx, 'HouseholdExport', { id: null, orgNodeId: node }, ['phone'], { reason, action: 'EXPORT', orgNodeId: node });
        audited = true;
      }
    }
    await sendXlsx(res, { filename: `住户-${today()}.xlsx`, sheet: '住户', columns: HOUSEHOLD_EXPORT_COLUMNS, rows: householdRows(ctx, filter, first, audited) });
  },
});

type CoverageRow = { kind: 'gap'; row: Row } | { kind: 'load'; load: MemberLoad };

const COVERAGE_COLUMNS: readonly XlsxColumn<CoverageRow>[] = [
  { header: '类型', value: (r) => (r.kind === 'gap' ? '未联户的关爱户' : '党员中心户') , width: 16 },
  { header: '住户或党员中心户', value: (r) => (r.kind === 'gap' ? `${r.row.compound}${r.row.building}${r.row.h.unit}${r.row.h.room}` : r.load.node.name), width: 28 },
  { header: '户主', value: (r) => (r.kind === 'gap' ? r.row.h.headName : null) },
  { header: '所属组织', value: (r) => (r.kind === 'gap' ? r.row.node : null), width: 22 },
  { header: '联系户数', value: (r) => (r.kind === 'load' ? r.load.linkedCount : null) },
  { header: '其中关爱户', value: (r) => (r.kind === 'load' ? r.load.careCount : null) },
  { header: '状态', value: (r) => (r.kind === 'load' ? LINK_LOAD_LABEL[r.load.load] : '缺口') },
];

registerHttpRoute({
  method: 'GET',
  path: '/export/household-coverage.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const node = one(req, 'node');
    if (!node) throw new HttpError(400, 'INVALID_FILTER', '请指定组织 (node)');
    const report = await guarded(() => coverage(ctx, node));
    if (!report) throw new HttpError(404, 'NOT_FOUND', '找不到该组织');
    const gaps = await namesOf(ctx, report.uncovered);
    const rows: CoverageRow[] = [...gaps.map((row) => ({ kind: 'gap' as const, row })), ...report.loads.map((load) => ({ kind: 'load' as const, load }))];
    await sendXlsx(res, { filename: `联户覆盖-${report.node.name}-${today()}.xlsx`, sheet: '联户覆盖', columns: COVERAGE_COLUMNS, rows });
  },
});

registerHttpRoute({
  method: 'GET',
  path: '/export/households-template.xlsx',
  auth: 'staff',
  handler: async (_ctx, _req, res) => {
    const example: Record<string, string> = { 小区: '梧桐花园', 楼栋: '3栋', 单元: '2单元', 房号: '501', 户主姓名: '张桂兰', 人口数: '1', 联系电话: '13800000000', 关爱类别: '独居老人、低保户', 关爱说明: '行动不便，每周探访' };
    await sendXlsx(res, { filename: '住户导入模板.xlsx', sheet: '住户', columns: IMPORT_COLUMNS.map((c) => ({ header: c.header, value: (r: Record<string, string>) => r[c.header], width: 14 })), rows: [example] });
  },
});
