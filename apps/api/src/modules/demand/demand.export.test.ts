/**
 * GET /export/demands.xlsx: the filtered list as a workbook that parses back with exactly the rows the `demands`
 * query returns for the same filter and caller, Chinese headers, phones masked, and plain JSON errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from '../../http/xlsx.js';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let admin: string;
let secretary: string;
let base: string;
const marker = `导出核对${Date.now() % 100000}`;

const CREATE = `mutation ($input: CreateDemandInput!) { createDemand(input: $input) { demand { id ticketCode } userErrors { code message field } } }`;
const LIST = `query ($filter: DemandFilter) { demands(filter: $filter, first: 100) { totalCount edges { node { ticketCode title state residentPhone } } } }`;

async function create(token: string, orgNodeId: string, title: string, category: string, phone: string): Promise<string> {
  const res = await api.gql(CREATE, { input: { orgNodeId, channel: 'WALK_IN', category, title, residentName: '张三丰', residentPhone: phone } }, token);
  expect(res.errors).toBeUndefined();
  expect(res.data.createDemand.userErrors).toEqual([]);
  return res.data.createDemand.demand.ticketCode;
}

async function listed(token: string, filter: Record<string, unknown>) {
  const res = await api.gql(LIST, { filter }, token);
  expect(res.errors).toBeUndefined();
  return res.data.demands.edges.map((e: { node: { ticketCode: string; title: string; state: string; residentPhone: string | null } }) => e.node);
}

async function exported(token: string | null, search: string) {
  const res = await fetch(`${base}/export/demands.xlsx${search}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return res;
}

async function rowsOf(res: Response) {
  expect(res.status).toBe(200);
  const rows: Record<string, string>[] = [];
  for await (const row of readXlsxRows(Buffer.from(await res.arrayBuffer()))) rows.push(row.values);
  return rows;
}

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = await api.login('hongkang-admin');
  secretary = await api.login('hongkang-branch1');
  const [committee] = await api.sql<{ id: number }>(
    `select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-admin' and g.role = 'COMMITTEE_ADMIN'`,
  );
  const [branchGrant] = await api.sql<{ node_id: number }>(
    `select g.org_node_id as node_id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-branch1' limit 1`,
  );
  const committeeId = globalId('PartyCommittee', committee.id);
  const branchId = globalId('Branch', branchGrant.node_id);
  await create(admin, committeeId, `${marker} 楼道电动车充电`, 'SAFETY', '13912345671');
  await create(admin, committeeId, `${marker} 消防通道堵塞`, 'SAFETY', '13912345672');
  await create(admin, committeeId, `${marker} 垃圾清运不及时`, 'ENVIRONMENT', '13912345673');
  await create(admin, branchId, `${marker} 支部楼栋漏水`, 'SAFETY', '13912345674');
});
afterAll(async () => api?.close());

describe('GET /export/demands.xlsx', () => {
  it('holds exactly the rows of the filtered demands query, with Chinese headers and masked phones', async () => {
    const expected = await listed(admin, { categories: ['SAFETY'], query: marker });
    expect(expected).toHaveLength(3);
    const rows = await rowsOf(await exported(admin, `?category=SAFETY&q=${encodeURIComponent(marker)}`));
    expect(rows.map((r) => r['受理编号'])).toEqual(expected.map((d: { ticketCode: string }) => d.ticketCode));
    expect(rows.map((r) => r['标题'])).toEqual(expected.map((d: { title: string }) => d.title));
    for (const row of rows) {
      expect(row['类别']).toBe('安全隐患');
      expect(row['状态']).toBe('待受理');
      expect(row['渠道']).toBe('来访');
      expect(row['联系电话']).toMatch(/^139\*{4}567\d$/);
      expect(row['反映人']).not.toBe('张三丰');
      expect(row['是否超时']).toBe('否');
      expect(row['登记时间']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    }
    expect(rows.map((r) => r['联系电话'])).toEqual(expected.map((d: { residentPhone: string }) => d.residentPhone));
  });

  it("follows the caller's access like the query: a branch secretary gets only their branch's rows", async () => {
    const expected = await listed(secretary, { query: marker });
    expect(expected.map((d: { title: string }) => d.title)).toEqual([`${marker} 支部楼栋漏水`]);
    const rows = await rowsOf(await exported(secretary, `?q=${encodeURIComponent(marker)}`));
    expect(rows.map((r) => r['受理编号'])).toEqual(expected.map((d: { ticketCode: string }) => d.ticketCode));
  });

  it('narrows by state the same way, and an empty result is a workbook with headers only', async () => {
    const rows = await rowsOf(await exported(admin, `?state=CLOSED&q=${encodeURIComponent(marker)}`));
    expect(rows).toEqual([]);
    expect(await listed(admin, { states: ['CLOSED'], query: marker })).toEqual([]);
  });

  it('answers a wrong filter with a JSON 400 in Chinese, and a call without sign-in with 401', async () => {
    const bad = await exported(admin, '?state=FINISHED');
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('INVALID_FILTER');
    expect(body.error.message).toContain('状态');
    const long = await exported(admin, `?q=${'很'.repeat(60)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).error.message).toContain('50');
    expect((await exported(null, '')).status).toBe(401);
  });
});
