/**
 * `POST /import/households.xlsx?node=<org node ID>` (the file as the body): households from a spreadsheet made
 * from the template (`/export/households-template.xlsx`). Every row is checked with the same zod schema as
 * `householdCreate`; if any row is wrong nothing is written and the answer (422) lists each bad row with its
 * column and the reason in Chinese. Otherwise all rows are written in one transaction (compounds and buildings
 * created as needed), with one audit row per household whose phone or care data was written.
 */
import ExcelJS from 'exceljs';
import { CARE_CATEGORY_LABEL } from '@tongxin/ui';
import type { Context } from '../../graphql/context.js';
import { UserFacingError } from '../../graphql/errors.js';
import { HttpError, registerHttpRoute } from '../../http/registry.js';
import { sql } from '../../db/sql.js';
import { assertCan, type RevealEvent } from '../access/index.js';
import { recordRevealBatch } from '../audit/index.js';
import { findVisibleNode, ORG_TYPE_NAMES } from '../org/index.js';
import { idOf } from '../../graphql/relay.js';
import { lookupHash, seal } from '../privacy/index.js';
import { CareCategory, HouseholdEntity } from './household.entity.js';
import { householdSchema, type HouseholdInputData } from './household.schema.js';
import { placeFor, sealCare } from './household.service.js';

/** The template's columns: the Chinese header and the input field it fills. */
export const IMPORT_COLUMNS: readonly { header: string; field: keyof HouseholdInputData; required: boolean }[] = [
  { header: '小区', field: 'compound', required: true },
  { header: '楼栋', field: 'building', required: true },
  { header: '单元', field: 'unit', required: false },
  { header: '房号', field: 'room', required: true },
  { header: '户主姓名', field: 'headName', required: true },
  { header: '人口数', field: 'size', required: true },
  { header: '联系电话', field: 'phone', required: false },
  { header: '关爱类别', field: 'careCategories', required: false },
  { header: '关爱说明', field: 'careNote', required: false },
];
const HEADER_OF = new Map(IMPORT_COLUMNS.map((c) => [c.field as string, c.header]));
const CARE_BY_LABEL = new Map<string, CareCategory>(Object.entries(CARE_CATEGORY_LABEL).map(([code, label]) => [label, code as CareCategory]));
for (const c of Object.values(CareCategory)) CARE_BY_LABEL.set(c, c);

export const MAX_IMPORT_ROWS = 20_000;
const MAX_ERRORS = 200;

export interface ImportError { row: number; column: string; message: string }

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text != null) return String(v.text);
    if (v.result != null) return String(v.result);
    return '';
  }
  return String(value).trim();
}

/** Parse and check every row; the valid rows with their row numbers, and every problem. */
export async function parseHouseholdSheet(body: Buffer): Promise<{ rows: { rowNumber: number; data: HouseholdInputData }[]; errors: ImportError[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    // the whole-workbook reader: exceljs' streaming reader garbles multibyte text
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(400, 'INVALID_FILE', '无法读取该文件，请上传由模板填写的 .xlsx 文件');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new HttpError(400, 'INVALID_FILE', '文件中没有工作表');
  const headerRow = sheet.getRow(1);
  const columnOf = new Map<string, number>();
  headerRow.eachCell((cell, col) => { columnOf.set(cellText(cell.value).trim(), col); });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columnOf.has(c.header)).map((c) => c.header);
  if (missing.length) throw new HttpError(400, 'INVALID_TEMPLATE', `缺少列：${missing.join('、')}，请使用导入模板`);
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) throw new HttpError(400, 'TOO_MANY_ROWS', `一次最多导入 ${MAX_IMPORT_ROWS} 行`);

  const rows: { rowNumber: number; data: HouseholdInputData }[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  for (let n = 2; n <= sheet.rowCount && errors.length < MAX_ERRORS; n++) {
    const row = sheet.getRow(n);
    const values: Record<string, string> = {};
    for (const c of IMPORT_COLUMNS) values[c.header] = columnOf.has(c.header) ? cellText(row.getCell(columnOf.get(c.header)!).value) : '';
    if (Object.values(values).every((v) => v === '')) continue;
    const careLabels = values['关爱类别'].split(/[、,，;；\s]+/).filter(Boolean);
    const unknownCare = careLabels.filter((l) => !CARE_BY_LABEL.has(l));
    if (unknownCare.length) {
      errors.push({ row: n, column: '关爱类别', message: `没有这个关爱类别：${unknownCare.join('、')}（可填：${Object.values(CARE_CATEGORY_LABEL).join('、')}）` });
      continue;
    }
    const result = householdSchema.safeParse({
      compound: values['小区'], building: values['楼栋'], unit: values['单元'], room: values['房号'], headName: values['户主姓名'],
      size: values['人口数'] === '' ? undefined : values['人口数'], phone: values['联系电话'] || null,
      careCategories: careLabels.map((l) => CARE_BY_LABEL.get(l)!), careNote: values['关爱说明'] || null,
    });
    if (!result.success) {
      for (const issue of result.error.issues) errors.push({ row: n, column: HEADER_OF.get(String(issue.path[0])) ?? String(issue.path[0]), message: issue.message });
      continue;
    }
    const key = [result.data.compound, result.data.building, result.data.unit, result.data.room].join('\u0000');
    if (seen.has(key)) {
      errors.push({ row: n, column: '房号', message: `与第 ${seen.get(key)} 行是同一户` });
      continue;
    }
    seen.set(key, n);
    rows.push({ rowNumber: n, data: result.data });
  }
  return { rows, errors };
}

/** Check against the database and write everything, or nothing. */
export async function importHouseholds(ctx: Context, orgNodeId: string | null, body: Buffer): Promise<{ created: number }> {
  const id = orgNodeId ? idOf(orgNodeId, ...ORG_TYPE_NAMES) : null;
  const node = id == null ? null : await findVisibleNode(ctx, id);
  if (!node || node.communityId == null) throw new HttpError(400, 'INVALID_NODE', '请选择导入到哪个组织（社区、支部或楼栋党小组）');
  try {
    await assertCan(ctx, 'write', 'Household', { orgNodeId: node.id } as HouseholdEntity);
  } catch {
    throw new HttpError(403, 'FORBIDDEN', '无权在该组织下登记住户');
  }
  const { rows, errors } = await parseHouseholdSheet(body);
  if (errors.length === 0 && rows.length > 0) {
    // households already registered at the same address
    const existing = await sql<{ key: string }>(ctx.em,
      `select c.name || chr(1) || b.name || chr(1) || h.unit || chr(1) || h.room as key from household h join building b on b.id = h.building_id
       join compound c on c.id = b.compound_id where c.community_id = ? and c.name = any(?::text[])`, [node.communityId, [...new Set(rows.map((r) => r.data.compound))]]);
    const taken = new Set(existing.map((e) => e.key));
    for (const r of rows) {
      if (taken.has([r.data.compound, r.data.building, r.data.unit, r.data.room].join('\u0001'))) {
        errors.push({ row: r.rowNumber, column: '房号', message: `${r.data.compound}${r.data.building}${r.data.unit}${r.data.room}已登记` });
        if (errors.length >= MAX_ERRORS) break;
      }
    }
  }
  if (errors.length) throw new HttpError(422, 'INVALID_ROWS', `有 ${errors.length} 处错误，未导入任何数据，请改正后重新上传`, { errors });
  if (rows.length === 0) throw new HttpError(400, 'EMPTY', '文件中没有住户数据');

  const created = await ctx.em.transactional(async (em) => {
    const buildings = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.data.compound}\u0000${r.data.building}`;
      if (!buildings.has(key)) buildings.set(key, await placeFor(em, node.communityId!, node.id, r.data.compound, r.data.building));
    }
    const ids: number[] = [];
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000).map(({ data }) => ({
        community_id: node.communityId, org_node_id: node.id, building_id: buildings.get(`${data.compound}\u0000${data.building}`), unit: data.unit, room: data.room,
        head_name: data.headName, size: data.size, phone: data.phone ? seal(data.phone).toString('hex') : null,
        phone_hash: data.phone ? lookupHash('phone', data.phone).toString('hex') : null, care: sealCare(data.careCategories, data.careNote)?.toString('hex') ?? null,
      }));
      const inserted = await sql<{ id: number }>(em,
        `insert into household (community_id, org_node_id, building_id, unit, room, head_name, size, phone, phone_hash, care)
         select community_id, org_node_id, building_id, unit, room, head_name, size, decode(phone, 'hex'), decode(phone_hash, 'hex'), decode(care, 'hex')
         from jsonb_to_recordset(?::jsonb) as x(community_id int, org_node_id int, building_id int, unit text, room text, head_name text, size int, phone text, phone_hash text, care text)
         returning id`, [JSON.stringify(chunk)]);
      ids.push(...inserted.map((r) => r.id));
    }
    const events: RevealEvent[] = [];
    rows.forEach(({ data }, i) => {
      const fields = [data.phone ? 'phone' : null, data.careCategories.length ? 'careCategories' : null, data.careNote ? 'careNote' : null].filter((f): f is string => f != null);
      if (fields.length) {
        events.push({ type: 'Household', id: ids[i], field: fields[0], fields, principal: ctx.access.principal, action: 'WRITE', reason: '表格导入', orgNodeId: node.id });
      }
    });
    await recordRevealBatch(events, em);
    return ids.length;
  });
  ctx.loaders.clearAll();
  return { created };
}

registerHttpRoute({
  method: 'POST',
  path: '/import/households.xlsx',
  auth: 'staff',
  rawBody: true,
  bodyLimit: 20 * 1024 * 1024,
  handler: async (ctx, req, res) => {
    const node = typeof req.query.node === 'string' ? req.query.node : null;
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new HttpError(400, 'INVALID_FILE', '请上传 .xlsx 文件');
    try {
      res.status(200).json(await importHouseholds(ctx, node, req.body));
    } catch (error) {
      if (error instanceof UserFacingError) throw new HttpError(400, 'INVALID_INPUT', error.message);
      throw error;
    }
  },
});
