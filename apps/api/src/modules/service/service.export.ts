/**
 * `GET /export/service-orders.xlsx?community=&state=&mine=1`: the service order ledger (服务订单台账), one row per
 * order with Chinese headers. Rows come from the same `listOrders` as the `serviceOrders` query, so the access
 * policy (the demand rules) and the filters are the query's own; `state` takes one or more demand states separated
 * by commas, as the order board's tabs group them. The resident's name, phone and address are masked: an export is a
 * file that travels, so nothing in it is revealed.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Request } from 'express';
import { SERVICE_ASSIGNEE_KIND_LABEL, SERVICE_CATEGORY_LABEL, SERVICE_ORDER_STATE_LABEL } from '@tongxin/ui';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { queryParam, registerListExport } from '../../http/list-export.js';
import { HttpError } from '../../http/registry.js';
import type { XlsxColumn } from '../../http/xlsx.js';
import { DemandState } from '../demand/index.js';
import { maskName, maskPhone, unseal } from '../privacy/index.js';
import type { ServiceCategory, ServiceOrderEntity } from './service.entity.js';
import { listOrders, maskAddress, type OrderFilter } from './service.service.js';

export const MAX_EXPORT_ROWS = 20_000;

const TIME_ZONE = 'Asia/Shanghai';

interface OrderExportFilter { communityId: string | null; filter: OrderFilter }

/** The order board's parameters as the `serviceOrders` query's arguments; a value that cannot be right is a 400. */
export function orderFilterFromQuery(req: Request): OrderExportFilter {
  const raw = queryParam(req, 'state');
  const states = raw == null ? null : raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of states ?? []) if (!(Object.values(DemandState) as string[]).includes(s)) throw new HttpError(400, 'INVALID_FILTER', `没有这个状态：${s}`);
  return {
    communityId: queryParam(req, 'community'),
    filter: { states: states?.length ? (states as DemandState[]) : null, offerId: queryParam(req, 'offer'), mine: queryParam(req, 'mine') === '1' ? true : null },
  };
}

interface Detail {
  demand_id: number; ticket_code: string; state: string; created_at: Date; resident_name: Buffer | null; resident_phone: Buffer | null; rating: number | null;
  title: string; category: ServiceCategory; community: string; team: string | null; volunteer: string | null; member_id: number | null;
}

export interface OrderRow { n: number; o: ServiceOrderEntity; d: Detail }

function when(value: Date | null): string | null {
  return value == null ? null : format(new TZDate(new Date(value).getTime(), TIME_ZONE), 'yyyy-MM-dd HH:mm');
}

function assignee(d: Detail): string | null {
  if (d.team != null) return `${SERVICE_ASSIGNEE_KIND_LABEL.TEAM} ${d.team}`;
  if (d.volunteer != null) return `${SERVICE_ASSIGNEE_KIND_LABEL[d.member_id != null ? 'MEMBER' : 'VOLUNTEER']} ${d.volunteer}`;
  return null;
}

export const ORDER_EXPORT_COLUMNS: readonly XlsxColumn<OrderRow>[] = [
  { header: '序号', value: (r) => r.n, width: 6 },
  { header: '受理编号', value: (r) => r.d.ticket_code, width: 12 },
  { header: '所属社区', value: (r) => r.d.community, width: 14 },
  { header: '服务项目', value: (r) => r.d.title, width: 20 },
  { header: '服务类别', value: (r) => SERVICE_CATEGORY_LABEL[r.d.category], width: 12 },
  { header: '状态', value: (r) => SERVICE_ORDER_STATE_LABEL[r.d.state] ?? r.d.state },
  { header: '居民', value: (r) => (r.d.resident_name ? maskName(unseal(r.d.resident_name)) : null) },
  { header: '联系电话', value: (r) => (r.d.resident_phone ? maskPhone(unseal(r.d.resident_phone)) : null), width: 14 },
  { header: '服务地址', value: (r) => maskAddress(unseal(r.o.address) ?? ''), width: 16 },
  { header: '希望时间', value: (r) => r.o.preferredTime, width: 14 },
  { header: '点单时间', value: (r) => when(r.d.created_at), width: 17 },
  { header: '接单人', value: (r) => assignee(r.d), width: 18 },
  { header: '服务时长（小时）', value: (r) => (r.o.hours == null ? null : Number(r.o.hours)) },
  { header: '完成时间', value: (r) => when(r.o.completedAt), width: 17 },
  { header: '居民评分', value: (r) => r.d.rating },
];

/** One page of orders as rows: the demand, offer, community and assignee of the page in one statement. */
async function rowsOf(ctx: Context, batch: ServiceOrderEntity[], before: number): Promise<OrderRow[]> {
  const details = await sql<Detail>(ctx.em,
    `select so.demand_id, d.ticket_code, d.state, d.created_at, d.resident_name, d.resident_phone, d.rating, o.title, o.category, n.name as community,
            t.name as team, v.name as volunteer, v.member_id
     from service_order so join demand d on d.id = so.demand_id join service_offer o on o.id = so.offer_id join org_node n on n.id = so.community_id
     left join volunteer_team t on t.id = so.assigned_team_id left join volunteer v on v.id = so.assigned_volunteer_id
     where so.demand_id = any(?::int[])`, [batch.map((o) => o.demandId)]);
  const byId = new Map(details.map((x) => [x.demand_id, x]));
  return batch.flatMap((o) => {
    const d = byId.get(o.demandId);
    return d ? [{ n: 0, o, d }] : [];
  }).map((r, i) => ({ ...r, n: before + i + 1 }));
}

registerListExport({
  path: '/export/service-orders.xlsx',
  filter: orderFilterFromQuery,
  list: async (ctx, f, page) => (await listOrders(ctx, f.communityId, f.filter, page)).rows,
  rows: rowsOf,
  filename: () => `服务订单台账-${format(new TZDate(Date.now(), TIME_ZONE), 'yyyy-MM-dd')}.xlsx`,
  sheet: '服务订单',
  columns: ORDER_EXPORT_COLUMNS,
  maxRows: MAX_EXPORT_ROWS,
});
