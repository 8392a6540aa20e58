import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { registerHttpRoute, HttpError } from '../http/registry.js';
import { readXlsxRows, sendXlsx } from '../http/xlsx.js';
import { startTestApi, type TestApi } from '../test/harness.js';

// routes are registered before the server is built, as modules do when they load
registerHttpRoute({
  method: 'GET',
  path: '/export/test-nodes.xlsx',
  auth: 'staff',
  handler: async (_ctx, _req, res) => {
    await sendXlsx(res, { filename: '组织-测试.xlsx', sheet: '组织', columns: [{ header: '名称', value: (r: { name: string }) => r.name }, { header: '序号', value: (r: { n: number }) => r.n }], rows: [{ name: '红康社区党委', n: 1 }, { name: '第一支部', n: 2 }] });
  },
});
registerHttpRoute({
  method: 'POST',
  path: '/import/test-echo',
  auth: 'staff',
  rawBody: true,
  bodyLimit: 32 * 1024,
  handler: async (_ctx, req, res) => {
    const rows = [];
    for await (const row of readXlsxRows(req.body as Buffer)) rows.push(row);
    if (!rows.length) throw new HttpError(422, 'EMPTY', '文件中没有数据行');
    res.json({ rows });
  },
});

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.close());

describe('HTTP routes beside GraphQL', () => {
  it('refuses anonymous callers with a JSON 401', async () => {
    const res = await fetch(`${api.url.replace(/\/graphql$/, '')}/export/test-nodes.xlsx`);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
  });

  it('streams a workbook with Chinese headers that reads back, and round-trips through an import', async () => {
    const token = await api.login('hongkang-admin');
    const base = api.url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/export/test-nodes.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('组织-测试.xlsx'));
    const body = Buffer.from(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('组织')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '名称', '序号']);
    expect(sheet.getRow(3).values).toEqual([undefined, '第一支部', 2]);

    const echo = await fetch(`${base}/import/test-echo`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body });
    expect(echo.status).toBe(200);
    expect((await echo.json()).rows).toEqual([
      { rowNumber: 2, values: { 名称: '红康社区党委', 序号: '1' } },
      { rowNumber: 3, values: { 名称: '第一支部', 序号: '2' } },
    ]);
  });

  it('answers a body over the limit with a JSON 413, not an HTML page', async () => {
    const token = await api.login('hongkang-admin');
    const res = await fetch(`${api.url.replace(/\/graphql$/, '')}/import/test-echo`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: Buffer.alloc(64 * 1024) });
    expect(res.status).toBe(413);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(text).not.toMatch(/node_modules|at \w+ \(/);
  });
});
