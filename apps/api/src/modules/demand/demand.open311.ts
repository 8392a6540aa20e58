/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over resident demands, for city platforms and
 * apps that speak it: the service list (our seven categories), public reads of demands and filing through a key.
 *
 * Reading is public and carries no personal data: the SQL below never selects the resident's name or phone;
 * descriptions are the demand's title with long digit runs (phone, ID numbers) masked; addresses stop at the
 * building (never the flat); categories that would point at a vulnerable household or a quarrel between
 * neighbours (ELDERLY_CARE, NEIGHBOUR_DISPUTE) show no title, building, coordinates or photo at all.
 * Staff are never named: `agency_responsible` is the unit, the branch or the community committee.
 *
 * Filing (POST requests) needs a key: `api_key` (a partner token with demands:write) or an Authorization
 * bearer (that token, or a staff session). It goes through the same service functions as the `submitDemand`
 * (partner: the resident's request relayed into the token's community) and `createDemand` (staff) mutations,
 * with the same validation and idempotency (`idempotency_key` field or `Idempotency-Key` header).
 */
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { TZDate } from '@date-fns/tz';
import { format as formatDate } from 'date-fns';
import type { Context } from '../../graphql/context.js';
import { UserFacingError } from '../../graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../graphql/relay.js';
import { Loaders } from '../../graphql/loaders.js';
import { sql } from '../../db/sql.js';
import { registerHttpRoute } from '../../http/registry.js';
import { authenticate } from '../access/index.js';
import { DemandCategory, DemandChannel, OPEN_STATES, type DemandEntity } from './demand.entity.js';
import { STATE_LABEL } from './demand.transitions.js';
import { createDemand, submitDemand } from './demand.service.js';

const ZONE = 'Asia/Shanghai';
const BASE = '/open311/v2';
/** The spec's "may limit": at most this many requests per answer, and a default window of 90 days. */
export const OPEN311_MAX_REQUESTS = 1000;
const DEFAULT_DAYS = 90;
const DAY = 86_400_000;

/** Service definitions: one per category (type realtime: a person follows it up). */
export const OPEN311_SERVICES: { code: DemandCategory; name: string; description: string; keywords: string; group: string }[] = [
  { code: DemandCategory.ENVIRONMENT, name: '环境卫生', description: '垃圾堆放、卫生死角、噪音扰民、绿化养护等', keywords: '垃圾,卫生,噪音,绿化', group: '人居环境' },
  { code: DemandCategory.PROPERTY, name: '物业管理', description: '物业服务、电梯、停车、公共收益等', keywords: '物业,电梯,停车', group: '物业服务' },
  { code: DemandCategory.SAFETY, name: '安全隐患', description: '消防通道占用、电动车违规充电、广告牌松动等', keywords: '消防,电动车,隐患', group: '平安建设' },
  { code: DemandCategory.NEIGHBOUR_DISPUTE, name: '邻里纠纷', description: '漏水、噪音、占道等邻里矛盾调解', keywords: '纠纷,调解,漏水', group: '矛盾调解' },
  { code: DemandCategory.FACILITIES, name: '公共设施', description: '路灯、健身器材、座椅、井盖等公共设施损坏', keywords: '路灯,设施,维修', group: '人居环境' },
  { code: DemandCategory.ELDERLY_CARE, name: '养老服务', description: '高龄、独居老人的照料与帮扶需求', keywords: '养老,助老,独居', group: '民生服务' },
  { code: DemandCategory.OTHER, name: '其他', description: '其他需要社区协调的事项', keywords: '其他', group: '其他' },
];
const SERVICE_BY_CODE = new Map(OPEN311_SERVICES.map((s) => [s.code as string, s]));
/** Categories whose demands show only their category, state and dates in public. */
const SENSITIVE = new Set<string>([DemandCategory.ELDERLY_CARE, DemandCategory.NEIGHBOUR_DISPUTE]);

type Format = 'json' | 'xml';

/** An error in the spec's format: `[{ code, description }]` (or `<errors>`), with `code` as the HTTP status. */
export class Open311Error extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

// ---- writing answers ---------------------------------------------------------------------------------------

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`);

function toXml(root: string, item: string, rows: Record<string, unknown>[]): string {
  const fields = (row: Record<string, unknown>) => Object.entries(row)
    .map(([k, v]) => (v == null ? `<${k}/>` : `<${k}>${xmlEscape(String(v))}</${k}>`)).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<${root}>${rows.map((r) => `<${item}>${fields(r)}</${item}>`).join('')}</${root}>\n`;
}

function send(res: Response, format: Format, status: number, root: string, item: string, rows: Record<string, unknown>[]): void {
  res.status(status).setHeader('access-control-allow-origin', '*');
  if (format === 'xml') res.type('application/xml; charset=utf-8').send(toXml(root, item, rows));
  else res.type('application/json; charset=utf-8').send(JSON.stringify(rows));
}

function sendError(res: Response, format: Format, status: number, description: string): void {
  res.setHeader('cache-control', 'no-store');
  send(res, format, status, 'errors', 'error', [{ code: status, description }]);
}

function formatOf(req: Request): Format {
  const f = String(req.params.format ?? '').toLowerCase();
  if (f === 'json' || f === 'xml') return f;
  throw new Open311Error(404, `不支持的格式 "${f}"：请用 .json 或 .xml (format must be json or xml)`);
}

/** Run a route: Open311 errors (and the service's own) in the spec's format, never a stack trace. */
function route(handler: (ctx: Context, req: Request, res: Response, format: Format) => Promise<void>) {
  return async (ctx: Context, req: Request, res: Response) => {
    let format: Format = String(req.params.format ?? '').toLowerCase() === 'xml' ? 'xml' : 'json';
    try {
      format = formatOf(req);
      await handler(ctx, req, res, format);
    } catch (error) {
      if (error instanceof Open311Error) return sendError(res, format, error.status, error.message);
      if (error instanceof UserFacingError) {
        return sendError(res, format, 400, error.errors.map((e) => `${e.field?.at(-1) ?? ''}${e.field?.length ? ': ' : ''}${e.message}`).join('; '));
      }
      if (error instanceof GraphQLError) {
        const code = error.extensions?.code;
        const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : 400;
        return sendError(res, format, status, error.message);
      }
      throw error;
    }
  };
}

// ---- reading -----------------------------------------------------------------------------------------------

/** W3C date-time in Asia/Shanghai, e.g. 2026-03-01T09:00:00+08:00. */
export function w3c(date: Date | string | null): string | null {
  if (date == null) return null;
  return formatDate(new TZDate(new Date(date).getTime(), ZONE), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** Digit runs of 7 or more (phones, ID numbers), with or without separators, masked. */
export function maskNumbers(text: string): string {
  return text.replace(/\d[\d\s-]{5,}[\dXx]/g, (run) => (run.replace(/\D/g, '').length >= 7 ? '*'.repeat(run.length) : run));
}

interface PublicRow {
  id: number; category: string; state: string; title: string; created_at: Date; updated_at: Date; resolution_due_at: Date;
  place_compound: string | null; place_building: string | null; latitude: number | null; longitude: number | null;
  photo_urls: string[]; agency: string; community_id: number;
}

/** The columns a public answer may use: never resident_name, resident_phone, description, place_text or notes. */
const PUBLIC_COLUMNS = `d.id, d.category, d.state, d.title, d.created_at, d.updated_at, d.resolution_due_at, d.place_compound,
  d.place_building, d.latitude, d.longitude, d.photo_urls, d.community_id,
  coalesce((select u.name from co_building_unit u where u.id = d.assigned_unit_id),
           (select b.name from org_node b where b.id = d.assigned_branch_id),
           (select c.name from org_node c where c.id = d.community_id)) as agency`;

const round3 = (x: number | null) => (x == null ? null : Math.round(x * 1000) / 1000);

export function publicRequest(r: PublicRow): Record<string, unknown> {
  const service = SERVICE_BY_CODE.get(r.category)!;
  const sensitive = SENSITIVE.has(r.category);
  const open = (OPEN_STATES as string[]).includes(r.state);
  return {
    service_request_id: toGlobalId('Demand', r.id),
    status: open ? 'open' : 'closed',
    status_notes: STATE_LABEL[r.state as DemandEntity['state']],
    service_name: service.name,
    service_code: r.category,
    description: sensitive ? service.name : maskNumbers(r.title),
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: w3c(r.created_at),
    updated_datetime: w3c(r.updated_at),
    expected_datetime: open ? w3c(r.resolution_due_at) : null,
    address: [r.place_compound, sensitive ? null : r.place_building].filter(Boolean).join('') || null,
    address_id: null,
    zipcode: null,
    lat: sensitive ? null : round3(r.latitude),
    long: sensitive ? null : round3(r.longitude),
    media_url: sensitive ? null : (r.photo_urls[0] ?? null),
    jurisdiction_id: toGlobalId('PartyCommittee', r.community_id),
  };
}

/** A query parameter as one string (repeated parameters are joined with commas, as lists are). */
function param(req: Request, name: string): string | null {
  const v = (req.query as Record<string, unknown>)[name] ?? (req.body as Record<string, unknown> | undefined)?.[name];
  if (v == null) return null;
  const text = Array.isArray(v) ? v.map(String).join(',') : String(v);
  return text.trim() === '' ? null : text.trim();
}

const list = (text: string | null) => (text == null ? [] : text.split(',').map((s) => s.trim()).filter(Boolean));

function datetime(text: string | null, name: string): Date | null {
  if (text == null) return null;
  // W3C date-time; a date alone means its midnight in Asia/Shanghai
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+08:00`) : new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) || Number.isNaN(date.getTime())) {
    throw new Open311Error(400, `${name} 应为 W3C 日期时间，例如 2026-03-01T09:00:00+08:00 (${name} must be a W3C date-time)`);
  }
  return date;
}

/** jurisdiction_id: a community committee's global ID, or null when not given. */
async function jurisdiction(ctx: Context, text: string | null): Promise<number | null> {
  if (text == null) return null;
  const id = fromGlobalId(text);
  const [row] = id?.type === 'PartyCommittee' ? await sql<{ id: number }>(ctx.em, `select id from org_node where id = ? and level = 'COMMUNITY'`, [id.id]) : [];
  if (!row) throw new Open311Error(404, `找不到辖区 jurisdiction_id "${text}" (unknown jurisdiction)`);
  return row.id;
}

const demandIdOf = (text: string) => {
  const id = fromGlobalId(text);
  return id?.type === 'Demand' ? id.id : null;
};

/** GET requests: the spec's filters, newest first, at most OPEN311_MAX_REQUESTS. */
export async function listRequests(ctx: Context, req: Request): Promise<Record<string, unknown>[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const ids = list(param(req, 'service_request_id'));
  if (ids.length > OPEN311_MAX_REQUESTS) throw new Open311Error(400, `service_request_id 最多 ${OPEN311_MAX_REQUESTS} 个`);
  const codes = list(param(req, 'service_code'));
  for (const code of codes) if (!SERVICE_BY_CODE.has(code)) throw new Open311Error(400, `未知的 service_code "${code}" (see services.json)`);
  const statuses = list(param(req, 'status'));
  for (const s of statuses) if (s !== 'open' && s !== 'closed') throw new Open311Error(400, `status 只能是 open 或 closed (status must be open or closed)`);
  const start = datetime(param(req, 'start_date'), 'start_date');
  let end = datetime(param(req, 'end_date'), 'end_date');
  const community = await jurisdiction(ctx, param(req, 'jurisdiction_id'));

  if (ids.length) {
    where.push(`d.id = any(?::int[])`);
    params.push(ids.map(demandIdOf).filter((id): id is number => id != null));
  } else {
    // the spec's default and limit: the 90 days before end_date (or now), a window of at most 90 days
    end ??= new Date();
    const from = start ?? new Date(end.getTime() - DEFAULT_DAYS * DAY);
    if (from.getTime() > end.getTime()) throw new Open311Error(400, 'start_date 应早于 end_date (start_date must be before end_date)');
    if (end.getTime() - from.getTime() > DEFAULT_DAYS * DAY) throw new Open311Error(400, `时间范围最长 ${DEFAULT_DAYS} 天 (the date range may span at most ${DEFAULT_DAYS} days)`);
    where.push(`d.created_at >= ? and d.created_at <= ?`);
    params.push(from, end);
  }
  if (codes.length) { where.push(`d.category = any(?::text[])`); params.push(codes); }
  if (statuses.length === 1) where.push(`d.state ${statuses[0] === 'open' ? '' : 'not '}in (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`);
  if (community != null) { where.push(`d.community_id = ?`); params.push(community); }
  const rows = await sql<PublicRow>(ctx.em,
    `select ${PUBLIC_COLUMNS} from demand d where ${where.join(' and ')} order by d.created_at desc, d.id desc limit ${OPEN311_MAX_REQUESTS}`, params);
  return rows.map(publicRequest);
}

async function oneRequest(ctx: Context, idText: string): Promise<Record<string, unknown>> {
  const id = demandIdOf(idText);
  const [row] = id == null ? [] : await sql<PublicRow>(ctx.em, `select ${PUBLIC_COLUMNS} from demand d where d.id = ?`, [id]);
  if (!row) throw new Open311Error(404, `找不到诉求 ${idText} (no such service request)`);
  return publicRequest(row);
}

// ---- filing ------------------------------------------------------------------------------------------------

const field = (req: Request, name: string): string | null => {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v); // JSON bodies may send lat/long as numbers
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

function number(req: Request, name: string): number | null {
  const text = field(req, name);
  if (text == null) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Open311Error(400, `${name} 应为数字 (${name} must be a number)`);
  return n;
}

/** The caller of a POST: the `api_key` field when given, else the Authorization header's. */
async function filer(ctx: Context, req: Request): Promise<Context> {
  const key = field(req, 'api_key') ?? (typeof req.query.api_key === 'string' ? req.query.api_key : null);
  if (key == null) {
    if (ctx.access.principal.kind === 'anonymous') throw new Open311Error(401, '需要 api_key（合作单位令牌，含 demands:write 权限）(api_key required)');
    return ctx;
  }
  try {
    const access = await authenticate(ctx.em, `Bearer ${key}`);
    return { ...ctx, access, loaders: new Loaders(access.scopeKey) };
  } catch (error) {
    if (error instanceof GraphQLError) throw new Open311Error(403, 'api_key 无效、已过期或已吊销 (invalid api_key)');
    throw error;
  }
}

/** POST requests: file a demand; answers `[{ service_request_id, service_notice }]` with 201. */
export async function fileRequest(ctx: Context, req: Request): Promise<Record<string, unknown>> {
  const caller = await filer(ctx, req);
  const code = field(req, 'service_code');
  if (code == null) throw new Open311Error(400, '缺少 service_code (service_code is required)');
  if (!SERVICE_BY_CODE.has(code)) throw new Open311Error(400, `未知的 service_code "${code}" (see services.json)`);
  const category = code as DemandCategory;
  const latitude = number(req, 'lat');
  const longitude = number(req, 'long');
  const address = field(req, 'address_string');
  if ((latitude == null || longitude == null) && address == null) {
    throw new Open311Error(400, '请提供位置：lat 和 long，或 address_string (a location is required: lat/long or address_string)');
  }
  const description = field(req, 'description');
  const mediaUrl = field(req, 'media_url');
  const name = [field(req, 'last_name'), field(req, 'first_name')].filter(Boolean).join('') || null;
  const phone = field(req, 'phone');
  const idempotencyKey = field(req, 'idempotency_key') ?? (typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null);
  const place = { compound: null, building: null, text: address, latitude, longitude };
  const jurisdictionId = await jurisdiction(caller, field(req, 'jurisdiction_id'));

  let demand: DemandEntity;
  if (caller.access.isPartner) {
    if (!caller.access.hasScope('demands:write')) throw new Open311Error(403, 'api_key 需要 demands:write 权限 (the key needs scope demands:write)');
    const community = caller.access.partnerCommunityId!;
    if (jurisdictionId != null && jurisdictionId !== community) throw new Open311Error(403, '只能向签发令牌的社区提交 (only into the token\'s community)');
    if (name == null || phone == null) throw new Open311Error(400, '请提供居民姓名（first_name/last_name）和手机号（phone），社区需回访 (the resident\'s name and phone are required)');
    if (description == null) throw new Open311Error(400, '缺少 description (description is required)');
    demand = await submitDemand(caller, {
      communityId: toGlobalId('PartyCommittee', community), category, description, place, name, phone, photoUrl: mediaUrl, idempotencyKey,
    });
  } else if (caller.access.isStaff) {
    const communities = [...new Set(caller.access.grants.map((g) => g.communityId).filter((c): c is number => c != null))];
    const community = jurisdictionId ?? (communities.length === 1 ? communities[0] : null);
    if (community == null) throw new Open311Error(400, '请用 jurisdiction_id 指明社区 (jurisdiction_id is required for this account)');
    demand = await createDemand(caller, {
      orgNodeId: toGlobalId('PartyCommittee', community), channel: DemandChannel.ONLINE, category,
      title: [...(description ?? SERVICE_BY_CODE.get(code)!.name)].slice(0, 30).join(''), description,
      place, residentName: name, residentPhone: phone, photoUrls: mediaUrl ? [mediaUrl] : [], idempotencyKey,
    });
  } else {
    throw new Open311Error(401, '需要 api_key（合作单位令牌，含 demands:write 权限）(api_key required)');
  }
  return { service_request_id: toGlobalId('Demand', demand.id), service_notice: `已受理登记，诉求编号 ${toGlobalId('Demand', demand.id)}`, account_id: null };
}

// ---- routes ------------------------------------------------------------------------------------------------

registerHttpRoute({
  method: 'GET', path: `${BASE}/services.:format`, auth: 'public',
  handler: route(async (_ctx, _req, res, format) => {
    res.setHeader('cache-control', 'public, max-age=3600');
    send(res, format, 200, 'services', 'service', OPEN311_SERVICES.map((s) => ({
      service_code: s.code, service_name: s.name, description: s.description, metadata: false, type: 'realtime', keywords: s.keywords, group: s.group,
    })));
  }),
});

registerHttpRoute({
  method: 'GET', path: `${BASE}/requests.:format`, auth: 'public',
  handler: route(async (ctx, req, res, format) => {
    res.setHeader('cache-control', 'public, max-age=60');
    send(res, format, 200, 'service_requests', 'request', await listRequests(ctx, req));
  }),
});

registerHttpRoute({
  method: 'GET', path: `${BASE}/requests/:id.:format`, auth: 'public',
  handler: route(async (ctx, req, res, format) => {
    res.setHeader('cache-control', 'public, max-age=60');
    send(res, format, 200, 'service_requests', 'request', [await oneRequest(ctx, String(req.params.id))]);
  }),
});

registerHttpRoute({
  method: 'POST', path: `${BASE}/requests.:format`, auth: 'public', bodyLimit: 16 * 1024, rateLimit: 'publicWrite',
  handler: route(async (ctx, req, res, format) => {
    res.setHeader('cache-control', 'no-store');
    send(res, format, 201, 'service_requests', 'request', [await fileRequest(ctx, req)]);
  }),
});
