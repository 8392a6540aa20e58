import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, partnerToken, testUnit } from '../activity/activity.fixtures.js';
import { hazardTableMarkdown } from './hazard.transitions.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const FIELDS = 'id state version assignee deadline note fixedAt verifiedAt allowedActions overdue foundBy patrol { id }';
const REPORT = `mutation($input: ReportHazardInput!) { reportHazard(input: $input) { hazard { ${FIELDS} } userErrors { field message code } } }`;
const STEP = `mutation($input: TransitionHazardInput!) { transitionHazard(input: $input) { hazard { ${FIELDS} } userErrors { field message code } } }`;

async function report(extra: Record<string, unknown> = {}) {
  const res = await api.gql(REPORT, { input: { orgNodeId: hongkang, kind: 'EBIKE_CHARGING', title: '楼道飞线充电', place: '红康小区 5 栋 1 单元', ...extra } }, admin);
  expect(res.data.reportHazard.userErrors).toEqual([]);
  return res.data.reportHazard.hazard;
}
async function step(h: { id: string; version: number }, action: string, extra: Record<string, unknown> = {}) {
  return (await api.gql(STEP, { input: { hazardId: h.id, action, expectedVersion: h.version, ...extra } }, admin)).data.transitionHazard;
}

describe('hazards (安全隐患)', () => {
  it('the demo: 红康社区 fixed 53 hazards in the past year, has open ones, and checked 170+ billboards', async () => {
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 366 * 86_400_000).toISOString();
    const res = await api.gql(`query($n: ID!, $f: DateTime!, $t: DateTime!) { hazardStats(orgNodeId: $n, from: $f, to: $t) { fixed open patrols billboardsChecked } }`, { n: hongkang, f: from, t: to }, admin);
    expect(res.data.hazardStats.fixed).toBe(53);
    expect(res.data.hazardStats.open).toBeGreaterThan(0);
    expect(res.data.hazardStats.billboardsChecked).toBeGreaterThanOrEqual(170);
    expect(res.data.hazardStats.patrols).toBeGreaterThanOrEqual(26);
  });

  it('go FOUND -> ASSIGNED -> FIXED -> VERIFIED, with the steps each state allows', async () => {
    const h = await report();
    expect(h).toMatchObject({ state: 'FOUND', allowedActions: ['ASSIGN', 'FIX', 'REJECT'], foundBy: expect.any(String) });
    const noAssignee = await step(h, 'ASSIGN');
    expect(noAssignee.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee'] });
    const assigned = (await step(h, 'ASSIGN', { assignee: '物业公司', deadline: '2020-01-10' })).hazard;
    expect(assigned).toMatchObject({ state: 'ASSIGNED', assignee: '物业公司', deadline: '2020-01-10', overdue: true });
    const wrong = await step(assigned, 'VERIFY');
    expect(wrong.userErrors[0].code).toBe('INVALID_TRANSITION');
    expect(wrong.userErrors[0].message).toContain('当前可执行');
    const stale = await step(h, 'FIX');
    expect(stale.userErrors[0].code).toBe('STALE');
    const fixed = (await step(assigned, 'FIX')).hazard;
    expect(fixed.state).toBe('FIXED');
    expect(fixed.fixedAt).not.toBeNull();
    const returned = await step(fixed, 'RETURN');
    expect(returned.userErrors[0]).toMatchObject({ field: ['input', 'note'] });
    const back = (await step(fixed, 'RETURN', { note: '插座仍未拆除' })).hazard;
    expect(back).toMatchObject({ state: 'ASSIGNED', note: '插座仍未拆除', fixedAt: null });
    const refixed = (await step(back, 'FIX')).hazard;
    const verified = (await step(refixed, 'VERIFY')).hazard;
    expect(verified).toMatchObject({ state: 'VERIFIED', allowedActions: [], overdue: false });
    expect(verified.verifiedAt).not.toBeNull();
  });

  it('a rejected one needs a note and is final', async () => {
    const h = await report({ title: '疑似漏电' });
    const rejected = (await step(h, 'REJECT', { note: '经电工检查无漏电' })).hazard;
    expect(rejected).toMatchObject({ state: 'REJECTED', allowedActions: [] });
  });

  it('patrols record the hazards they find; stats count them per node and period', async () => {
    const res = await api.gql(`mutation($input: RecordPatrolInput!) { recordPatrol(input: $input) { patrol { id route hazards { title state patrol { id } } } userErrors { field message } } }`, {
      input: { orgNodeId: hongkang, kind: 'RIVER', route: '盘龙江红康段', patrollers: '张伟、李娜', billboardsChecked: 12,
        hazards: [{ kind: 'RIVER', title: '护栏松动', place: '盘龙江红康段 2 号台阶' }] },
    }, admin);
    const patrol = res.data.recordPatrol.patrol;
    expect(patrol.hazards).toEqual([{ title: '护栏松动', state: 'FOUND', patrol: { id: patrol.id } }]);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const stats = await api.gql(`query($n: ID!, $f: DateTime!, $t: DateTime!) { hazardStats(orgNodeId: $n, from: $f, to: $t) { found fixed verified open patrols billboardsChecked byKind { kind count } } }`,
      { n: hongkang, f: from, t: to }, admin);
    const [db] = await api.sql<any>(`select count(*) filter (where found_at >= ? and found_at < ?)::int as found, count(*) filter (where verified_at >= ? and verified_at < ?)::int as verified,
      count(*) filter (where state in ('FOUND', 'ASSIGNED'))::int as open from hazard h join org_node c on c.id = h.community_id where c.name = '红康社区'`, [from, to, from, to]);
    expect(stats.data.hazardStats).toMatchObject({ found: db.found, verified: db.verified, open: db.open, patrols: 1, billboardsChecked: 12 });
    expect(stats.data.hazardStats.byKind).toContainEqual({ kind: 'RIVER', count: 1 });
  });

  it('other communities and partners see none; the docs show the transition table', async () => {
    const h = await report({ title: '消防通道堵塞', kind: 'FIRE' });
    const other = await api.login('hongmian-admin');
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: h.id }, other)).data.node).toBeNull();
    const unit = await testUnit(api, '隐患测试单位');
    const token = await partnerToken(api, unit.id, ['unit:read', 'demands:write']);
    expect((await api.gql(`{ hazards(first: 5) { totalCount } patrols(first: 5) { totalCount } }`, {}, token)).data).toEqual({ hazards: { totalCount: 0 }, patrols: { totalCount: 0 } });
    const docs = readFileSync(new URL('../../../../../docs/governance.md', import.meta.url), 'utf8');
    expect(docs).toContain(hazardTableMarkdown());
  });
});
