/**
 * `GET /export/personal-data-audit.xlsx?node=&type=&since=&until=`: the audit log as a spreadsheet with Chinese
 * headers, for committee admins (the `personalDataAudit` query's rows). It holds no personal data itself.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Request } from 'express';
import type { Context } from '../../graphql/context.js';
import { UserFacingError } from '../../graphql/errors.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { sql } from '../../db/sql.js';
import type { PersonalDataAuditEntity } from './audit.entity.js';
import { listAudit, type AuditFilter } from './audit.service.js';

const BATCH = 500;
const MAX_ROWS = 100_000;
const when = (d: Date) => format(new TZDate(d.getTime(), 'Asia/Shanghai'), 'yyyy-MM-dd HH:mm:ss');
const ACTION: Record<string, string> = { READ: '查看明文', WRITE: '写入', EXPORT: '导出明文' };
const FIELD: Record<string, string> = { phone: '电话', idNumber: '身份证号', careCategories: '关爱类别', careNote: '关爱说明', careStatus: '关爱户名单', residentName: '姓名', residentPhone: '电话', name: '姓名' };

interface Row { a: PersonalDataAuditEntity; who: string }

const COLUMNS: readonly XlsxColumn<Row>[] = [
  { header: '时间', value: (r) => when(r.a.createdAt), width: 20 },
  { header: '操作人', value: (r) => r.who, width: 14 },
  { header: '操作', value: (r) => ACTION[r.a.action] ?? r.a.action },
  { header: '记录类型', value: (r) => r.a.recordType, width: 14 },
  { header: '记录编号', value: (r) => r.a.recordId },
  { header: '字段', value: (r) => r.a.fields.map((f) => FIELD[f] ?? f).join('、'), width: 20 },
  { header: '原因', value: (r) => r.a.reason, width: 30 },
];

function one(req: Request, name: string): string | null {
  const v = req.query[name];
  if (v == null) return null;
  if (typeof v !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return v.trim() || null;
}

function dateOf(req: Request, name: string): Date | null {
  const v = one(req, name);
  if (v == null) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new HttpError(400, 'INVALID_FILTER', `日期格式不正确：${v}`);
  return d;
}

async function page(ctx: Context, filter: AuditFilter, offset: number): Promise<PersonalDataAuditEntity[]> {
  try {
    return await listAudit(ctx, filter, { offset, limit: BATCH });
  } catch (error) {
    if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_FILTER', error.message);
    throw error;
  }
}

async function* rowsOf(ctx: Context, filter: AuditFilter, first: PersonalDataAuditEntity[]): AsyncGenerator<Row> {
  for (let offset = 0; offset < MAX_ROWS; offset += BATCH) {
    const batch = (offset === 0 ? first : await page(ctx, filter, offset));
    const ids = [...new Set(batch.map((a) => a.accountId).filter((id): id is number => id != null))];
    const names = new Map((ids.length ? await sql<{ id: number; name: string }>(ctx.em, `select id, display_name as name from account where id = any(?::int[])`, [ids]) : []).map((r) => [r.id, r.name]));
    for (const a of batch.slice(0, BATCH)) yield { a, who: a.accountId != null ? names.get(a.accountId) ?? '' : a.principalLabel || a.principalKind };
    if (batch.length <= BATCH) return;
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/personal-data-audit.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const filter: AuditFilter = { orgNodeId: one(req, 'node'), recordType: one(req, 'type'), since: dateOf(req, 'since'), until: dateOf(req, 'until') };
    const first = await page(ctx, filter, 0);
    await sendXlsx(res, { filename: `个人信息访问记录-${format(new TZDate(Date.now(), 'Asia/Shanghai'), 'yyyy-MM-dd')}.xlsx`, sheet: '访问记录', columns: COLUMNS, rows: rowsOf(ctx, filter, first) });
  },
});
