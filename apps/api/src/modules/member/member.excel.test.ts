/**
 * Members in and out of Excel: the template, an all-or-nothing import that names every bad row and column in
 * Chinese, a 10,000-row import, and the export with Chinese headers and masked phones.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../http/xlsx.js';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { MEMBER_COLUMNS } from './member.schema.js';

let api: TestApi;
let base: string;
let admin: string;
let secretary: string;
let myBranchName: string;
let otherBranchName: string;

const HEADERS = MEMBER_COLUMNS.map((c) => c.header);

async function workbook(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('党员');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(HEADERS.map((h) => r[h] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function row(n: number, extra: Record<string, string> = {}): Record<string, string> {
  return { 姓名: `导入党员${n}`, 性别: n % 2 ? '男' : '女', 所在支部: myBranchName, 党员状态: '正式党员', 入党日期: '2005-07-01', 转正日期: '2006-07-01', 出生日期: '1980-05-12', 民族: '汉族', 学历: '本科', 手机号: `1660000${String(n).padStart(4, '0')}`, ...extra };
}

async function upload(token: string, body: Buffer) {
  const res = await fetch(`${base}/import/members`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as any };
}

const count = async () => Number((await api.sql<{ count: string }>(`select count(*) from party_member`))[0].count);

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  [admin, secretary] = await Promise.all([api.login('hongkang-admin'), api.login('hongkang-branch1')]);
  const [mine] = await api.sql<{ id: number; name: string }>(`select n.id, n.name from access_grant g join account a on a.id = g.account_id join org_node n on n.id = g.org_node_id where a.username = 'hongkang-branch1'`);
  myBranchName = mine.name;
  const [other] = await api.sql<{ name: string }>(`select name from org_node where level = 'BRANCH' and community_id = (select community_id from org_node where id = ?) and id <> ? order by id limit 1`, [mine.id, mine.id]);
  otherBranchName = other.name;
});
afterAll(() => api?.close());

describe('the import template', () => {
  it('has the columns in Chinese, an explanation sheet and the branches the caller may import into', async () => {
    const res = await fetch(`${base}/export/member-template.xlsx`, { headers: { authorization: `Bearer ${secretary}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect((wb.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    expect(wb.getWorksheet('填写说明')!.rowCount).toBeGreaterThan(HEADERS.length);
    const branches = (wb.getWorksheet('可导入的支部')!.getColumn(1).values as string[]).slice(2);
    expect(branches).toEqual([myBranchName]);
    expect((await fetch(`${base}/export/member-template.xlsx`)).status).toBe(401);
  });
});

describe('importing members', () => {
  it('writes nothing when one row is bad, and names each bad row and column in Chinese', async () => {
    const before = await count();
    const rows = [row(1), row(2, { 性别: '未知', 入党日期: '2005-13-40' }), row(3), row(4, { 所在支部: otherBranchName }), row(5, { 手机号: row(1).手机号 })];
    const res = await upload(secretary, await workbook(rows));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_ROWS');
    expect(res.body.error.message).toContain('没有导入');
    const errors = res.body.error.details.errors as { row: number; column: string; message: string }[];
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: '性别', message: expect.stringContaining('男、女') }),
      expect.objectContaining({ row: 3, column: '入党日期' }),
      expect.objectContaining({ row: 5, column: '所在支部' }),
      expect.objectContaining({ row: 6, column: '手机号', message: '手机号与第 2 行重复' }),
    ]));
    expect(errors.map((e) => e.row)).not.toContain(2);
    expect(await count()).toBe(before);

    // fixed, the same file goes in whole
    const fixed = await upload(secretary, await workbook([row(1), row(2), row(3), row(5, { 手机号: '16600009999' })]));
    expect(fixed).toEqual({ status: 200, body: { created: 4 } });
    expect(await count()).toBe(before + 4);
    const [stored] = await api.sql<{ gender: string; education: string; status: string; full_on: string }>(`select gender, education, status, full_on::text from party_member where name = '导入党员2'`);
    expect(stored).toEqual({ gender: 'FEMALE', education: 'BACHELOR', status: 'FULL', full_on: '2006-07-01' });
    // the same phones again are on the roll already
    const again = await upload(secretary, await workbook([row(1)]));
    expect(again.body.error.details.errors).toContainEqual(expect.objectContaining({ row: 2, column: '手机号', message: '该手机号已登记为本社区的党员' }));
  });

  it('answers a file that is not a workbook, or lacks a required column, with a clear 4xx', async () => {
    const junk = await upload(secretary, Buffer.from('not a spreadsheet'));
    expect(junk.status).toBe(400);
    expect(junk.body.error.message).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['姓名', '性别']);
    const missing = await upload(secretary, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.errors).toContainEqual(expect.objectContaining({ row: 1, column: '所在支部' }));
  });

  it('takes 10,000 rows in one go', async () => {
    const before = await count();
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ ...row(i), 姓名: `万人导入${i}`, 手机号: `1550${String(i).padStart(7, '0')}`, 所在支部: i % 2 ? myBranchName : otherBranchName }));
    const res = await upload(admin, await workbook(rows));
    expect(res).toEqual({ status: 200, body: { created: 10_000 } });
    expect(await count()).toBe(before + 10_000);
    const [{ n }] = await api.sql<{ n: string }>(`select count(*) as n from party_member where name like '万人导入%' and phone_sealed is not null and phone_hash is not null`);
    expect(Number(n)).toBe(10_000);
  }, 120_000);
});

describe('exporting members', () => {
  it('streams the caller’s members with Chinese headers and masked phones', async () => {
    const res = await fetch(`${base}/export/members.xlsx?q=${encodeURIComponent('导入党员')}`, { headers: { authorization: `Bearer ${secretary}` } });
    expect(res.status).toBe(200);
    const rows: Record<string, string>[] = [];
    for await (const r of readXlsxRows(Buffer.from(await res.arrayBuffer()))) rows.push(r.values);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r['所在支部']).toBe(myBranchName);
      expect(r['手机号']).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['姓名', '性别', '党员状态', '入党日期', '党龄（年）', '学历', '现任职务']));
    const bad = await fetch(`${base}/export/members.xlsx?status=NOPE`, { headers: { authorization: `Bearer ${secretary}` } });
    expect(bad.status).toBe(400);
  });
});
