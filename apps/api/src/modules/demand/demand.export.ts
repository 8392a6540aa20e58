/**
 * `GET /export/demands.xlsx?<filters>`: the demand list as a spreadsheet with Chinese headers, for staff. The
 * query string takes the admin list's parameters (state, category, channel, assignee, overdue, escalated, node,
 * q); they become the same `DemandFilter` the `demands` query takes, and rows come from the same `listDemands`,
 * so the access policy and the filters are the query's own. Phones and names are masked: an export is a file
 * that travels, so nothing in it is revealed.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { DEMAND_CATEGORY_LABEL, DEMAND_CHANNEL_LABEL, DEMAND_PRIORITY_LABEL, DEMAND_STATE_LABEL } from '@tongxin/ui';
import type { Request } from 'express';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { UserFacingError } from '../../graphql/errors.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { maskName, maskPhone, unseal } from '../privacy/index.js';
import { DemandCategory, DemandChannel, DemandState, type DemandEntity } from './demand.entity.js';
import { listDemands } from './demand.service.js';
import type { DemandFilter } from './demand.types.js';

/** Rows fetched per statement while streaming. */
const BATCH = 500;
/** The most rows one export holds; a larger list should be narrowed by its filters first. */
export const MAX_EXPORT_ROWS = 50_000;

const TIME_ZONE = 'Asia/Shanghai';

function one(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value == null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return value.trim() === '' ? null : value.trim();
}

function enumValue<T extends string>(values: Record<string, T>, req: Request, name: string, label: string): T[] | null {
  const raw = one(req, name);
  if (raw == null) return null;
  if (!(Object.values(values) as string[]).includes(raw)) throw new HttpError(400, 'INVALID_FILTER', `没有这个${label}：${raw}`);
  return [raw as T];
}

/** The admin list's parameters as the `demands` query's filter; a value that cannot be right is a 400. */
export function filterFromQuery(req: Request): DemandFilter {
  const filter: DemandFilter = {};
  filter.states = enumValue(DemandState, req, 'state', '状态');
  filter.categories = enumValue(DemandCategory, req, 'category', '类别');
  filter.channels = enumValue(DemandChannel, req, 'channel', '渠道');
  const assignee = one(req, 'assignee');
  if (assignee === 'me') filter.assignedToMe = true;
  else if (assignee != null) {
    const colon = assignee.indexOf(':');
    const [kind, id] = [assignee.slice(0, colon), assignee.slice(colon + 1)];
    if (colon < 0 || !id) throw new HttpError(400, 'INVALID_FILTER', '办理人的写法是 me、account:<ID>、branch:<ID> 或 unit:<ID>');
    if (kind === 'account') filter.assignedAccountId = id;
    else if (kind === 'branch') filter.assignedBranchId = id;
    else if (kind === 'unit') filter.assignedUnitId = id;
    else throw new HttpError(400, 'INVALID_FILTER', '办理人的写法是 me、account:<ID>、branch:<ID> 或 unit:<ID>');
  }
  if (one(req, 'overdue') === '1') filter.overdue = true;
  if (one(req, 'escalated') === '1') filter.escalated = true;
  filter.orgNodeId = one(req, 'node');
  filter.query = one(req, 'q');
  return filter;
}

function when(value: Date | null): string | null {
  return value == null ? null : format(new TZDate(value.getTime(), TIME_ZONE), 'yyyy-MM-dd HH:mm');
}

interface ExportRow {
  d: DemandEntity;
  orgNode: string;
  assignee: string | null;
  overdue: boolean;
}

const ESCALATION = ['', '社区党委', '街道党工委'];

export const DEMAND_EXPORT_COLUMNS: readonly XlsxColumn<ExportRow>[] = [
  { header: '受理编号', value: (r) => r.d.ticketCode, width: 12 },
  { header: '标题', value: (r) => r.d.title, width: 30 },
  { header: '状态', value: (r) => DEMAND_STATE_LABEL[r.d.state] },
  { header: '类别', value: (r) => DEMAND_CATEGORY_LABEL[r.d.category] },
  { header: '渠道', value: (r) => DEMAND_CHANNEL_LABEL[r.d.channel] },
  { header: '紧急程度', value: (r) => DEMAND_PRIORITY_LABEL[r.d.priority] },
  { header: '所属组织', value: (r) => r.orgNode, width: 18 },
  { header: '位置', value: (r) => [r.d.placeCompound, r.d.placeBuilding, r.d.placeText].filter(Boolean).join(' ') || null, width: 24 },
  { header: '反映人', value: (r) => (r.d.residentName ? maskName(unseal(r.d.residentName)) : null) },
  { header: '联系电话', value: (r) => (r.d.residentPhone ? maskPhone(unseal(r.d.residentPhone)) : null), width: 14 },
  { header: '办理人或单位', value: (r) => r.assignee, width: 18 },
  { header: '登记时间', value: (r) => when(r.d.createdAt), width: 17 },
  { header: '回应期限', value: (r) => when(r.d.firstResponseDueAt), width: 17 },
  { header: '首次回应时间', value: (r) => when(r.d.firstRespondedAt), width: 17 },
  { header: '办结期限', value: (r) => when(r.d.resolutionDueAt), width: 17 },
  { header: '办结时间', value: (r) => when(r.d.resolvedAt), width: 17 },
  { header: '是否超时', value: (r) => (r.overdue ? '是' : '否') },
  { header: '升级督办', value: (r) => ESCALATION[r.d.escalationLevel] || null },
  { header: '评分', value: (r) => r.d.rating },
  { header: '评价', value: (r) => r.d.ratingComment, width: 24 },
];

/** Names of the org nodes, units and accounts of one batch: one statement each. */
async function names(ctx: Context, table: 'org_node' | 'co_building_unit' | 'account', column: 'name' | 'display_name', ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id != null))];
  if (wanted.length === 0) return new Map();
  const rows = await sql<{ id: number; name: string }>(ctx.em, `select id, ${column} as name from ${table} where id = any(?::int[])`, [wanted]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** One batch of the list; a filter the query refuses (a too long text) is the caller's 400, before anything is sent. */
async function batchAt(ctx: Context, filter: DemandFilter, offset: number, now: Date): Promise<DemandEntity[]> {
  try {
    return await listDemands(ctx, filter, { offset, limit: Math.min(BATCH, MAX_EXPORT_ROWS - offset) }, now);
  } catch (error) {
    if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_FILTER', error.message);
    throw error;
  }
}

async function* exportRows(ctx: Context, filter: DemandFilter, first: DemandEntity[], now: Date): AsyncGenerator<ExportRow> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const page = offset === 0 ? first : await batchAt(ctx, filter, offset, now);
    const batch = page.slice(0, BATCH);
    const [nodes, units, accounts] = await Promise.all([
      names(ctx, 'org_node', 'name', batch.flatMap((d) => [d.orgNodeId, d.assignedBranchId])),
      names(ctx, 'co_building_unit', 'name', batch.map((d) => d.assignedUnitId)),
      names(ctx, 'account', 'display_name', batch.map((d) => d.assignedAccountId)),
    ]);
    for (const d of batch) {
      const assignee =
        (d.assignedUnitId != null ? units.get(d.assignedUnitId) : undefined) ??
        (d.assignedBranchId != null ? nodes.get(d.assignedBranchId) : undefined) ??
        (d.assignedAccountId != null ? accounts.get(d.assignedAccountId) : undefined) ??
        null;
      yield { d, orgNode: nodes.get(d.orgNodeId) ?? '', assignee, overdue: d.overdueAt(now) };
    }
    if (page.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/demands.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const filter = filterFromQuery(req);
    const now = new Date();
    const first = await batchAt(ctx, filter, 0, now);
    await sendXlsx(res, {
      filename: `诉求-${format(new TZDate(now.getTime(), TIME_ZONE), 'yyyy-MM-dd')}.xlsx`,
      sheet: '诉求',
      columns: DEMAND_EXPORT_COLUMNS,
      rows: exportRows(ctx, filter, first, now),
    });
  },
});
