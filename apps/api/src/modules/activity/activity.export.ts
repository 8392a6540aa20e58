/**
 * Spreadsheet exports of the activity screens, with Chinese headers:
 *
 * - `GET /export/activities.xlsx?window=UPCOMING|PAST&q=&status=`: the admin list with its filters, through the
 *   same `listActivities` (so the same access); seats, waiting list and check-ins per activity.
 * - `GET /export/activity-registrations.xlsx?activity=<ID>`: an activity's sign-ups, for staff over its organiser only;
 *   names and phones masked (a file travels), no confirmation codes (they are the residents' keys).
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { ACTIVITY_AUDIENCE_LABEL, ACTIVITY_CATEGORY_LABEL, ACTIVITY_STATUS_LABEL, REGISTRATION_STATUS_LABEL } from '@tongxin/ui';
import type { Request } from 'express';
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { maskName, maskPhone } from '../../graphql/mask.js';
import { UserFacingError } from '../../graphql/errors.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { loadNode } from '../org/index.js';
import { ActivityStatus, type ActivityEntity } from './activity.entity.js';
import { canSeeRegistrants, coHostsOf, countsOf, findVisibleActivity, listActivities, loadSeries, type ActivityListFilter, type SeatCounts } from './activity.service.js';
import { loadVenue } from './venue.service.js';
import { registrationsOfActivity, waitlistPositionOf } from './registration.service.js';
import type { RegistrationEntity } from './registration.entity.js';

const BATCH = 200;
/** The most rows one export holds; narrow the list first for more. */
export const MAX_EXPORT_ROWS = 20_000;
const TIME_ZONE = 'Asia/Shanghai';

const when = (value: Date | null) => (value == null ? null : format(new TZDate(value.getTime(), TIME_ZONE), 'yyyy-MM-dd HH:mm'));
const today = () => format(new TZDate(Date.now(), TIME_ZONE), 'yyyy-MM-dd');

function one(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value == null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return value.trim() === '' ? null : value.trim();
}

/** The admin list's parameters as the `activities` query's filter; a value that cannot be right is a 400. */
export function activityFilterFromQuery(req: Request): ActivityListFilter {
  const window = one(req, 'window') ?? 'UPCOMING';
  if (window !== 'UPCOMING' && window !== 'PAST' && window !== 'ALL') throw new HttpError(400, 'INVALID_FILTER', `没有这个时间范围：${window}`);
  const status = one(req, 'status');
  if (status != null && !(Object.values(ActivityStatus) as string[]).includes(status)) throw new HttpError(400, 'INVALID_FILTER', `没有这个状态：${status}`);
  return { window: window === 'ALL' ? null : window, search: one(req, 'q'), status: status as ActivityStatus | null };
}

interface ActivityRow { a: ActivityEntity; venue: string | null; organizer: string; coHosts: string; counts: SeatCounts; recurrence: string | null }

export const ACTIVITY_EXPORT_COLUMNS: readonly XlsxColumn<ActivityRow>[] = [
  { header: '活动标题', value: (r) => r.a.title, width: 30 },
  { header: '状态', value: (r) => ACTIVITY_STATUS_LABEL[r.a.effectiveStatus()] },
  { header: '类别', value: (r) => ACTIVITY_CATEGORY_LABEL[r.a.category] },
  { header: '开始时间', value: (r) => when(r.a.startsAt), width: 17 },
  { header: '结束时间', value: (r) => when(r.a.endsAt), width: 17 },
  { header: '地点', value: (r) => r.venue, width: 20 },
  { header: '主办', value: (r) => r.organizer, width: 18 },
  { header: '协办共建单位', value: (r) => r.coHosts || null, width: 24 },
  { header: '面向对象', value: (r) => ACTIVITY_AUDIENCE_LABEL[r.a.audience] },
  { header: '名额', value: (r) => r.a.capacity ?? '不限' },
  { header: '已报名', value: (r) => r.counts.confirmed },
  { header: '候补', value: (r) => r.counts.waitlisted },
  { header: '已签到', value: (r) => r.counts.checkedIn },
  { header: '重复', value: (r) => r.recurrence, width: 16 },
];

async function activityBatch(ctx: Context, filter: ActivityListFilter, offset: number): Promise<ActivityEntity[]> {
  try {
    return (await listActivities(ctx, filter, { offset, limit: Math.min(BATCH, MAX_EXPORT_ROWS - offset) })).rows;
  } catch (error) {
    if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_FILTER', error.message);
    throw error;
  }
}

async function* activityRows(ctx: Context, filter: ActivityListFilter, first: ActivityEntity[]): AsyncGenerator<ActivityRow> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const page = offset === 0 ? first : await activityBatch(ctx, filter, offset);
    const batch = page.slice(0, BATCH);
    // every lookup goes through the request's loaders: one statement per kind for the whole batch
    const rows = await Promise.all(batch.map(async (a): Promise<ActivityRow> => {
      const [venue, organizer, coHosts, counts, series] = await Promise.all([
        a.venueId == null ? null : loadVenue(ctx, a.venueId),
        loadNode(ctx, a.organizerId),
        coHostsOf(ctx, a.id),
        countsOf(ctx, a.id),
        a.seriesId == null ? null : loadSeries(ctx, a.seriesId),
      ]);
      return { a, venue: venue?.name ?? null, organizer: organizer?.name ?? '', coHosts: coHosts.map((u) => u.name).join('、'), counts, recurrence: series?.label ?? null };
    }));
    yield* rows;
    if (page.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/activities.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const filter = activityFilterFromQuery(req);
    const first = await activityBatch(ctx, filter, 0);
    await sendXlsx(res, { filename: `活动-${today()}.xlsx`, sheet: '活动', columns: ACTIVITY_EXPORT_COLUMNS, rows: activityRows(ctx, filter, first) });
  },
});

interface RegistrationRow { r: RegistrationEntity; position: number | null }

export const REGISTRATION_EXPORT_COLUMNS: readonly XlsxColumn<RegistrationRow>[] = [
  { header: '姓名', value: (x) => maskName(x.r.name) },
  { header: '手机号', value: (x) => maskPhone(x.r.phone), width: 14 },
  { header: '状态', value: (x) => REGISTRATION_STATUS_LABEL[x.r.status] },
  { header: '候补顺序', value: (x) => x.position },
  { header: '报名时间', value: (x) => when(x.r.createdAt), width: 17 },
  { header: '递补时间', value: (x) => when(x.r.promotedAt), width: 17 },
  { header: '签到时间', value: (x) => when(x.r.checkedInAt), width: 17 },
  { header: '签退时间', value: (x) => when(x.r.checkedOutAt), width: 17 },
  { header: '取消时间', value: (x) => when(x.r.cancelledAt), width: 17 },
];

async function* registrationRows(ctx: Context, activity: ActivityEntity): AsyncGenerator<RegistrationRow> {
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += BATCH) {
    const page = (await registrationsOfActivity(ctx, activity, {}, { offset, limit: BATCH })) ?? [];
    const batch = page.slice(0, BATCH);
    const positions = await Promise.all(batch.map((r) => waitlistPositionOf(ctx, r)));
    for (let i = 0; i < batch.length; i++) yield { r: batch[i], position: positions[i] };
    if (page.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/activity-registrations.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const id = typeof req.query.activity === 'string' ? idOf(req.query.activity, 'Activity') : null;
    const activity = id == null ? null : await findVisibleActivity(ctx, id);
    // an activity the caller may not see the sign-ups of reads as missing
    if (!activity || !(await canSeeRegistrants(ctx, activity))) throw new HttpError(404, 'NOT_FOUND', '找不到该活动的报名名单');
    await sendXlsx(res, {
      filename: `报名名单-${activity.title.slice(0, 30)}-${today()}.xlsx`,
      sheet: '报名名单',
      columns: REGISTRATION_EXPORT_COLUMNS,
      rows: registrationRows(ctx, activity),
    });
  },
});
