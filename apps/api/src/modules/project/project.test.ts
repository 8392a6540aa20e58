import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, firstBranchId, partnerToken, testUnit } from '../activity/activity.fixtures.js';

let api: TestApi;
let admin: string;
let base: string;
let sanwanjie: string;
let branch: string;
let unit: { id: number; globalId: string };
let token: string;
const marker = `台账核对${Date.now() % 100000}`;

const CREATE = `mutation($input: CreatePartyProjectInput!) { createPartyProject(input: $input) { project { id title status version overdue partnerUnits { name } } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdatePartyProjectInput!) { updatePartyProject(input: $input) { project { id status version completedOn progress { notedOn body } } userErrors { field message code } } }`;
const LIST = `query($f: PartyProjectFilter) { partyProjects(filter: $f, first: 100) { totalCount edges { node { id title area status overdue dueDate owner { name } partnerUnits { name } progress { body } } } } }`;

async function create(input: Record<string, unknown>) {
  const res = await api.gql(CREATE, { input: { orgNodeId: branch, area: 'SERVING_MASSES', startDate: '2026-03-01', dueDate: '2026-12-31', ...input } }, admin);
  expect(res.data.createPartyProject.userErrors).toEqual([]);
  return res.data.createPartyProject.project;
}

async function sheetRows(res: Response): Promise<Record<string, string>[]> {
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(headers.map((h, i) => [h, cells[i] == null ? '' : String(cells[i])])));
  });
  return out;
}

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = await api.login('sanwanjie-admin');
  sanwanjie = await communityId(api, '三湾街社区');
  branch = await firstBranchId(api, '三湾街社区');
  unit = await testUnit(api, '台账测试共建单位');
  token = await partnerToken(api, unit.id, ['unit:read'], '三湾街社区');
});
afterAll(() => api?.close());

describe('Party-building project ledger (党建项目台账)', () => {
  it('keeps projects with partner units, progress notes and status; flags overdue ones', async () => {
    const p = await create({ title: `${marker} 红色物业联建`, area: 'REGIONAL_CO_BUILDING', unitIds: [unit.globalId], goals: '物业服务满意度达到 90%', dueDate: '2026-06-30' });
    expect(p).toMatchObject({ status: 'IN_PROGRESS', overdue: true, partnerUnits: [{ name: '台账测试共建单位' }] });
    const noted = (await api.gql(UPDATE, { input: { projectId: p.id, expectedVersion: p.version, progress: '召开联席会议 2 次', progressOn: '2026-05-10' } }, admin)).data.updatePartyProject;
    expect(noted.project.progress).toEqual([{ notedOn: '2026-05-10', body: '召开联席会议 2 次' }]);
    const stale = (await api.gql(UPDATE, { input: { projectId: p.id, expectedVersion: p.version, status: 'COMPLETED' } }, admin)).data.updatePartyProject;
    expect(stale.userErrors[0].code).toBe('STALE');
    const done = (await api.gql(UPDATE, { input: { projectId: p.id, expectedVersion: noted.project.version, status: 'COMPLETED' } }, admin)).data.updatePartyProject;
    expect(done.project.status).toBe('COMPLETED');
    expect(done.project.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const overdue = (await api.gql(LIST, { f: { query: marker, overdue: true } }, admin)).data.partyProjects;
    expect(overdue.totalCount).toBe(0);
    const bad = await api.gql(CREATE, { input: { orgNodeId: branch, area: 'SERVING_MASSES', title: 'x', startDate: '2026-05-01', dueDate: '2026-04-01' } }, admin);
    expect(bad.data.createPartyProject.userErrors[0]).toMatchObject({ field: ['input', 'dueDate'] });
  });

  it('exports to .xlsx with Chinese headers and parses back with the same rows as the query', async () => {
    await create({ title: `${marker} 党员先锋岗`, area: 'MEMBER_EDUCATION', goals: '每名党员认领一个岗位', unitIds: [unit.globalId] });
    await create({ title: `${marker} 楼院议事亭`, area: 'POSITION_BUILDING', startDate: '2026-01-01', dueDate: '2026-01-31', unitIds: [unit.globalId] });
    const listed = (await api.gql(LIST, { f: { query: marker } }, admin)).data.partyProjects.edges.map((e: any) => e.node);
    const res = await fetch(`${base}/export/party-projects.xlsx?q=${encodeURIComponent(marker)}`, { headers: { authorization: `Bearer ${admin}` } });
    const rows = await sheetRows(res);
    expect(Object.keys(rows[0])).toEqual(['序号', '所属社区', '责任党组织', '项目名称', '项目类别', '共建单位', '项目目标', '开始时间', '计划完成时间', '推进情况', '项目状态', '是否超期', '完成时间']);
    expect(rows.map((r) => r['项目名称'])).toEqual(listed.map((p: any) => p.title));
    expect(rows.map((r) => r['是否超期'])).toEqual(listed.map((p: any) => (p.overdue ? '是' : '否')));
    expect(rows.map((r) => r['计划完成时间'])).toEqual(listed.map((p: any) => p.dueDate));
    const first = rows.find((r) => r['项目名称'].includes('红色物业联建'))!;
    expect(first).toMatchObject({ 所属社区: '三湾街社区', 项目类别: '区域化党建联建', 共建单位: '台账测试共建单位', 推进情况: '2026-05-10 召开联席会议 2 次', 项目状态: '已完成' });
    const filtered = await sheetRows(await fetch(`${base}/export/party-projects.xlsx?q=${encodeURIComponent(marker)}&area=POSITION_BUILDING`, { headers: { authorization: `Bearer ${admin}` } }));
    expect(filtered.map((r) => r['项目名称'])).toEqual([`${marker} 楼院议事亭`]);
    const refused = await fetch(`${base}/export/party-projects.xlsx?area=NOPE`, { headers: { authorization: `Bearer ${admin}` } });
    expect(refused.status).toBe(400);
    expect((await fetch(`${base}/export/party-projects.xlsx`)).status).toBe(401);
  });

  it('a partner sees only the projects its unit is part of; other communities none', async () => {
    const list = (await api.gql(`{ partyProjects(first: 50) { edges { node { title } } } }`, {}, token)).data.partyProjects.edges.map((e: any) => e.node.title);
    expect(list.sort()).toEqual([`${marker} 党员先锋岗`, `${marker} 楼院议事亭`, `${marker} 红色物业联建`].sort());
    await create({ title: `${marker} 无共建单位项目` });
    const again = (await api.gql(`{ partyProjects(first: 50) { totalCount } }`, {}, token)).data.partyProjects.totalCount;
    expect(again).toBe(3);
    const other = await api.login('hongkang-admin');
    expect((await api.gql(LIST, { f: { query: marker } }, other)).data.partyProjects.totalCount).toBe(0);
    const counts = await api.gql(`query($f: PartyProjectFilter) { partyProjectAreaCounts(filter: $f) { area total completed } }`, { f: { orgNodeId: sanwanjie, query: marker } }, admin);
    expect(counts.data.partyProjectAreaCounts).toContainEqual({ area: 'REGIONAL_CO_BUILDING', total: 1, completed: 1 });
  });

  it('a page costs the same statements for 1 and 3 projects', async () => {
    const q = `query($n: Int, $f: PartyProjectFilter) { partyProjects(first: $n, filter: $f) { edges { node { id owner { name } partnerUnits { name } progress { body } overdue } } } }`;
    const f = { query: marker };
    const small = await api.countStatements(() => api.gql(q, { n: 1, f }, admin));
    const large = await api.countStatements(() => api.gql(q, { n: 50, f }, admin));
    expect(large.statements).toBe(small.statements);
  });
});
