/**
 * Members in and out of Excel, for staff:
 *
 * - `GET /export/member-template.xlsx`: the import template: the columns of MEMBER_COLUMNS, a sheet that explains
 *   them, and the branches the caller may import into.
 * - `POST /import/members` (the .xlsx as the body): every row validated with the same zod schema as memberCreate
 *   (member.schema.ts); if any row is bad nothing is written and the answer (422) lists each bad row with its column
 *   and the reason in Chinese; otherwise every row is written in one transaction.
 * - `GET /export/members.xlsx?<filter>`: the member list (the `members` query's filter) with Chinese headers,
 *   streamed in batches. Phones are masked: an export is a file that travels, so nothing in it is revealed.
 */
import ExcelJS from 'exceljs';
import type { Request } from 'express';
import { EDUCATION_LABEL, GENDER_LABEL, MEMBER_STATUS_LABEL, POSITION_ROLE_LABEL } from '@tongxin/ui';
import type { Context } from '../../graphql/context.js';
import { sql } from '../../db/sql.js';
import { UserFacingError } from '../../graphql/errors.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sendXlsx, type XlsxColumn } from '../../http/xlsx.js';
import { condition } from '../access/index.js';
import { lookupHash, maskPhone, normalizePhone, seal } from '../privacy/index.js';
import { Education, Gender, MemberStatus, PositionRole, type PartyMemberEntity } from './member.entity.js';
import { HEADER_OF, issueMessage, MEMBER_COLUMNS, memberProfileSchema, rowToProfileInput, type MemberProfile } from './member.schema.js';
import { allMembers, partyYears, todayInChina } from './member.service.js';
import type { MemberFilter } from './member.types.js';

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 20_000;
/** Rows per insert statement. */
const INSERT_BATCH = 5000;
/** Bad rows listed at most (a file with more is wrong throughout). */
const MAX_LISTED_ERRORS = 500;

export interface ImportRowError { row: number; column: string; message: string }

interface Roster { id: number; communityId: number | null; name: string }

/** Branches (and community committees) whose members the caller may change, by name. */
async function writableRosters(ctx: Context): Promise<Map<string, Roster[]>> {
  const writable = condition(ctx, 'write', 'PartyMember', 'w');
  if (writable.sql === 'false') return new Map();
  const rows = await sql<{ id: number; community_id: number | null; name: string }>(ctx.em,
    `select n.id, n.community_id, n.name from org_node n
     where n.level in ('BRANCH', 'COMMUNITY') and n.archived_at is null
       and exists (select 1 from (select n.id as org_node_id) w where ${writable.sql})
     order by n.path`, writable.params);
  const byName = new Map<string, Roster[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), { id: r.id, communityId: r.community_id, name: r.name }]);
  return byName;
}

// ---- the template --------------------------------------------------------------------------------------

registerHttpRoute({
  method: 'GET',
  path: '/export/member-template.xlsx',
  auth: 'staff',
  handler: async (ctx, _req, res) => {
    const rosters = [...(await writableRosters(ctx)).keys()];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('党员', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = MEMBER_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: Math.max(12, c.header.length * 2 + 4) }));
    sheet.getRow(1).font = { bold: true };
    const list = (values: string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
    const rangeOf = (field: string) => {
      const index = MEMBER_COLUMNS.findIndex((c) => c.field === field);
      const letter = String.fromCharCode(65 + index);
      return `${letter}2:${letter}${MAX_IMPORT_ROWS + 1}`;
    };
    // exceljs has range validations at run time; its typings only know the per-cell kind
    const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ReturnType<typeof list>): void } }).dataValidations;
    validations.add(rangeOf('gender'), list(Object.values(GENDER_LABEL)));
    validations.add(rangeOf('status'), list(['正式党员', '预备党员']));
    validations.add(rangeOf('education'), list(Object.values(EDUCATION_LABEL)));
    const help = workbook.addWorksheet('填写说明');
    help.columns = [{ header: '列', key: 'header', width: 14 }, { header: '是否必填', key: 'required', width: 10 }, { header: '说明', key: 'hint', width: 50 }, { header: '示例', key: 'example', width: 16 }];
    help.getRow(1).font = { bold: true };
    for (const c of MEMBER_COLUMNS) help.addRow({ header: c.header, required: c.required ? '必填' : '选填', hint: c.hint, example: c.example });
    help.addRow({});
    help.addRow({ header: '注意', hint: '第一个工作表的第一行是列名，请勿修改；从第二行起每行一名党员。有任何一行出错时整个文件都不会导入，请按提示改正后重新上传。' });
    const branches = workbook.addWorksheet('可导入的支部');
    branches.columns = [{ header: '所在支部（请原样填写）', key: 'name', width: 40 }];
    branches.getRow(1).font = { bold: true };
    for (const name of rosters) branches.addRow({ name });
    res.status(200);
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="member-template.xlsx"; filename*=UTF-8''${encodeURIComponent('党员导入模板.xlsx')}`);
    res.setHeader('cache-control', 'no-store');
    await workbook.xlsx.write(res);
    res.end();
  },
});

// ---- the import ----------------------------------------------------------------------------------------

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text != null) return String(v.text);
    if (v.result != null) return v.result instanceof Date ? v.result.toISOString().slice(0, 10) : String(v.result);
    return '';
  }
  return String(value);
}

interface GoodRow { row: number; roster: Roster; profile: MemberProfile; hash: Buffer | null }

/**
 * Validate a workbook's rows: the good ones as small records, the bad ones as errors. The workbook is parsed
 * whole (exceljs' streaming reader garbles multibyte text) and dropped as soon as the rows are read.
 */
export async function validateImport(ctx: Context, body: Buffer): Promise<{ rows: GoodRow[]; errors: ImportRowError[] }> {
  const errors: ImportRowError[] = [];
  const rows: GoodRow[] = [];
  let workbook: ExcelJS.Workbook | null = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(400, 'INVALID_FILE', '无法读取该文件，请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HttpError(400, 'INVALID_FILE', '文件中没有工作表');
  const headers = ((sheet.getRow(1).values as ExcelJS.CellValue[]) ?? []).map((v) => cellText(v).trim());
  const missing = MEMBER_COLUMNS.filter((c) => c.required && !headers.includes(c.header)).map((c) => c.header);
  if (missing.length) {
    return { rows: [], errors: missing.map((header) => ({ row: 1, column: header, message: `缺少必填列「${header}」，请使用导入模板` })) };
  }
  if (sheet.actualRowCount - 1 > MAX_IMPORT_ROWS) throw new HttpError(413, 'TOO_MANY_ROWS', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`);
  const rosters = await writableRosters(ctx);
  const phones = new Map<string, number>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, string> = {};
    const cells = row.values as ExcelJS.CellValue[];
    headers.forEach((h, i) => { if (h) values[h] = cellText(cells[i]).trim(); });
    if (Object.values(values).every((v) => v === '')) return;
    const rowErrors: ImportRowError[] = [];
    const parsed = memberProfileSchema.safeParse(rowToProfileInput(values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) rowErrors.push({ row: rowNumber, column: HEADER_OF[String(issue.path[0])] ?? '', message: issueMessage(issue) });
    }
    const branchName = values[HEADER_OF.branch] ?? '';
    const candidates = rosters.get(branchName) ?? [];
    if (!branchName) rowErrors.push({ row: rowNumber, column: HEADER_OF.branch, message: '所在支部不能为空' });
    else if (candidates.length === 0) rowErrors.push({ row: rowNumber, column: HEADER_OF.branch, message: `找不到支部「${branchName}」，或不在您的管理范围内` });
    else if (candidates.length > 1) rowErrors.push({ row: rowNumber, column: HEADER_OF.branch, message: `有多个支部叫「${branchName}」，请联系管理员` });
    let hash: Buffer | null = null;
    if (parsed.success && parsed.data.phone) {
      const phone = normalizePhone(parsed.data.phone);
      const earlier = phones.get(phone);
      if (earlier != null) rowErrors.push({ row: rowNumber, column: HEADER_OF.phone, message: `手机号与第 ${earlier} 行重复` });
      else phones.set(phone, rowNumber);
      hash = lookupHash('phone', phone);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else if (parsed.success) rows.push({ row: rowNumber, roster: candidates[0], profile: parsed.data, hash });
  });
  workbook = null;
  // phones already on a roll of the same community
  const hashed = rows.filter((r) => r.hash);
  for (let i = 0; i < hashed.length; i += 5000) {
    const batch = hashed.slice(i, i + 5000);
    const taken = await sql<{ h: string; community_id: number | null }>(ctx.em,
      `select encode(phone_hash, 'hex') as h, community_id from party_member
       where archived_at is null and phone_hash in (select decode(x, 'hex') from unnest(?::text[]) x)`, [batch.map((r) => r.hash!.toString('hex'))]);
    const takenKeys = new Set(taken.map((t) => `${t.h}:${t.community_id}`));
    for (const r of batch) {
      if (takenKeys.has(`${r.hash!.toString('hex')}:${r.roster.communityId}`)) errors.push({ row: r.row, column: HEADER_OF.phone, message: '该手机号已登记为本社区的党员' });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows, errors };
}

/**
 * Write validated rows, all in one transaction: one statement per batch, the columns passed as arrays (unnest), so
 * a batch costs one round trip and no per-value placeholders.
 */
async function writeImport(ctx: Context, rows: GoodRow[]): Promise<number> {
  const hex = (b: Buffer | null) => (b ? b.toString('hex') : '');
  await ctx.em.transactional(async (em) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      const col = <T>(f: (r: GoodRow) => T) => batch.map(f);
      await sql(em,
        `insert into party_member (community_id, org_node_id, name, gender, joined_on, status, full_on, birth_date, ethnicity, education,
           phone_sealed, phone_hash, work_unit, mobile_location, mobile_until)
         select nullif(c, 0), n, name, gender, nullif(joined, '')::date, status, nullif(full_on, '')::date, nullif(birth, '')::date, nullif(eth, ''),
           nullif(edu, ''), decode(nullif(sealed, ''), 'hex'), decode(nullif(hash, ''), 'hex'), nullif(work, ''), nullif(loc, ''), nullif(until, '')::date
         from unnest(?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
           as v(c, n, name, gender, joined, status, full_on, birth, eth, edu, sealed, hash, work, loc, until)`,
        [col((r) => r.roster.communityId ?? 0), col((r) => r.roster.id), col((r) => r.profile.name), col((r) => r.profile.gender),
          col((r) => r.profile.joinedOn ?? ''), col((r) => r.profile.status), col((r) => (r.profile.status === 'FULL' ? (r.profile.fullOn ?? '') : '')),
          col((r) => r.profile.birthDate ?? ''), col((r) => r.profile.ethnicity ?? ''), col((r) => r.profile.education ?? ''),
          col((r) => hex(seal(r.profile.phone ?? null))), col((r) => hex(r.hash)), col((r) => r.profile.workUnit ?? ''),
          col((r) => r.profile.mobileLocation ?? ''), col((r) => r.profile.mobileUntil ?? '')]);
    }
  });
  ctx.loaders.clearAll();
  return rows.length;
}

registerHttpRoute({
  method: 'POST',
  path: '/import/members',
  auth: 'staff',
  rawBody: true,
  bodyLimit: 20 * 1024 * 1024,
  handler: async (ctx, req, res) => {
    const body = req.body as unknown;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'INVALID_FILE', '请上传 .xlsx 格式的 Excel 文件');
    const { rows, errors } = await validateImport(ctx, body);
    if (errors.length) {
      const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
      throw new HttpError(422, 'INVALID_ROWS', `有 ${rowsWithErrors} 行数据有误，没有导入任何党员；请改正后重新上传`, { errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length });
    }
    if (rows.length === 0) throw new HttpError(422, 'EMPTY_FILE', '文件中没有党员数据（第一行是列名，从第二行起每行一名党员）');
    const created = await writeImport(ctx, rows);
    res.status(200).setHeader('cache-control', 'no-store').json({ created });
  },
});

// ---- the export ----------------------------------------------------------------------------------------

function one(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value == null) return null;
  if (typeof value !== 'string') throw new HttpError(400, 'INVALID_FILTER', `筛选条件 ${name} 只能有一个值`);
  return value.trim() === '' ? null : value.trim();
}

function enumParam<T extends string>(values: Record<string, T>, req: Request, name: string, label: string): T | null {
  const raw = one(req, name);
  if (raw == null) return null;
  if (!(Object.values(values) as string[]).includes(raw)) throw new HttpError(400, 'INVALID_FILTER', `没有这个${label}：${raw}`);
  return raw as T;
}

/** The admin list's parameters as the `members` query's filter. */
export function memberFilterFromQuery(req: Request): MemberFilter {
  const flag = (name: string) => (one(req, name) === '1' ? true : null);
  return {
    orgNodeId: one(req, 'node'),
    query: one(req, 'q'),
    status: enumParam(MemberStatus, req, 'status', '党员状态'),
    gender: enumParam(Gender, req, 'gender', '性别'),
    education: enumParam(Education, req, 'education', '学历'),
    position: enumParam(PositionRole, req, 'position', '职务'),
    mobile: flag('mobile'),
    doubleReport: flag('doubleReport'),
    politicalBirthdayThisMonth: flag('birthday'),
    probationEndingSoon: flag('probation'),
  };
}

interface ExportRow { m: PartyMemberEntity; branch: string; unit: string | null; positions: string }

export const MEMBER_EXPORT_COLUMNS: readonly XlsxColumn<ExportRow>[] = [
  { header: '姓名', value: (r) => r.m.name, width: 10 },
  { header: '性别', value: (r) => GENDER_LABEL[r.m.gender] },
  { header: '所在支部', value: (r) => r.branch, width: 30 },
  { header: '党员状态', value: (r) => MEMBER_STATUS_LABEL[r.m.status] },
  { header: '入党日期', value: (r) => r.m.joinedOn, width: 12 },
  { header: '转正日期', value: (r) => r.m.fullOn, width: 12 },
  { header: '党龄（年）', value: (r) => partyYears(r.m) },
  { header: '出生日期', value: (r) => r.m.birthDate, width: 12 },
  { header: '民族', value: (r) => r.m.ethnicity },
  { header: '学历', value: (r) => (r.m.education ? EDUCATION_LABEL[r.m.education] : null) },
  { header: '手机号', value: (r) => maskPhone(r.m.phone), width: 14 },
  { header: '工作单位', value: (r) => r.m.workUnit, width: 24 },
  { header: '双报到单位', value: (r) => r.unit, width: 24 },
  { header: '外出流向', value: (r) => r.m.mobileLocation, width: 16 },
  { header: '外出截止日期', value: (r) => r.m.mobileUntil, width: 12 },
  { header: '现任职务', value: (r) => r.positions, width: 24 },
];

async function* exportRows(ctx: Context, batches: AsyncGenerator<PartyMemberEntity[]>): AsyncGenerator<ExportRow> {
  for await (const batch of batches) {
    const ids = batch.map((m) => m.id);
    const nodeIds = [...new Set(batch.map((m) => m.orgNodeId))];
    const unitIds = [...new Set(batch.map((m) => m.doubleReportUnitId).filter((id): id is number => id != null))];
    const [nodes, units, positions] = await Promise.all([
      sql<{ id: number; name: string }>(ctx.em, `select id, name from org_node where id = any(?::int[])`, [nodeIds]),
      unitIds.length ? sql<{ id: number; name: string }>(ctx.em, `select id, name from co_building_unit where id = any(?::int[])`, [unitIds]) : Promise.resolve([]),
      sql<{ member_id: number; role: PositionRole; node: string }>(ctx.em,
        `select p.member_id, p.role, n.name as node from member_position p join org_node n on n.id = p.org_node_id
         where p.member_id = any(?::int[]) and p.until is null order by p.id`, [ids]),
    ]);
    const nodeName = new Map(nodes.map((n) => [n.id, n.name]));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const held = new Map<number, string[]>();
    for (const p of positions) held.set(p.member_id, [...(held.get(p.member_id) ?? []), `${p.node}${POSITION_ROLE_LABEL[p.role]}`]);
    for (const m of batch) {
      yield { m, branch: nodeName.get(m.orgNodeId) ?? '', unit: m.doubleReportUnitId == null ? null : (unitName.get(m.doubleReportUnitId) ?? null), positions: (held.get(m.id) ?? []).join('；') };
    }
  }
}

registerHttpRoute({
  method: 'GET',
  path: '/export/members.xlsx',
  auth: 'staff',
  handler: async (ctx, req, res) => {
    const filter = memberFilterFromQuery(req);
    const batches = allMembers(ctx, filter);
    // the first batch before any byte is sent: a filter the query refuses is still a clean 400
    let first: IteratorResult<PartyMemberEntity[]>;
    try {
      first = await batches.next();
    } catch (error) {
      if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_FILTER', error.message);
      throw error;
    }
    async function* all(): AsyncGenerator<PartyMemberEntity[]> {
      if (first.done) return;
      yield first.value;
      yield* batches;
    }
    await sendXlsx(res, { filename: `党员-${todayInChina()}.xlsx`, sheet: '党员', columns: MEMBER_EXPORT_COLUMNS, rows: exportRows(ctx, all()) });
  },
});
