import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { hashPassword } from '../access/index.js';
import { communityId, firstBranchId, partnerToken, testUnit } from '../activity/activity.fixtures.js';

let api: TestApi;
let admin: string;
let hongkang: string;
let branch: string;
const tag = Date.now().toString(36);
const acc: Record<string, number> = {};

const CREATE = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { id version } userErrors { code } } }`;
const TRANSITION = `mutation($input: TransitionDemandInput!) { transitionDemand(input: $input) { demand { id version state assignedAccount { id displayName } } userErrors { field code message } } }`;
const ASSIGNABLE = `query($id: ID!) { demandAssignableAccounts(demandId: $id) { id displayName role } }`;

/** A staff account with one grant (node given as SQL selecting an org_node id). */
async function account(key: string, name: string, role: string, nodeSql: string, disabled = false): Promise<number> {
  const [a] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name, disabled_at) values (?, ?, ?, ${disabled ? 'now()' : 'null'}) returning id`,
    [`${key}-${tag}`, await hashPassword('tongxin-demo'), name]);
  await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, (${nodeSql}), ?)`, [a.id, role]);
  acc[key] = a.id;
  return a.id;
}

/** A demand of the node, taken in and accepted by the committee admin: ready to be assigned. */
async function accepted(orgNodeId: string): Promise<{ id: string; version: number }> {
  const c = (await api.gql(CREATE, { input: { orgNodeId, channel: 'GRID_PATROL', category: 'SAFETY', title: '电动车楼道充电', description: '2 单元楼道有电动车飞线充电', residentName: '李桂兰', residentPhone: '13912345678' } }, admin)).data.createDemand;
  expect(c.userErrors).toEqual([]);
  const a = (await api.gql(TRANSITION, { input: { demandId: c.demand.id, action: 'ACCEPT', expectedVersion: c.demand.version } }, admin)).data.transitionDemand;
  return a.demand;
}

const assignable = async (id: string, token?: string) => {
  const res = await api.gql(ASSIGNABLE, { id }, token);
  expect(res.errors).toBeUndefined();
  return res.data.demandAssignableAccounts as { id: string; displayName: string; role: string }[];
};
const ids = (list: { id: string }[]) => list.map((a) => a.id);

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
  branch = await firstBranchId(api, '红康社区');
  const branchRow = `select id from org_node where id = ${Number(Buffer.from(branch, 'base64url').toString('utf8').split(':').pop())}`;
  const community = `select id from org_node where name = '红康社区' and level = 'COMMUNITY'`;
  [{ id: acc.admin }] = await api.sql<{ id: number }>(`select id from account where username = 'hongkang-admin'`);
  [{ id: acc.secretary }] = await api.sql<{ id: number }>(`select id from account where username = 'hongkang-branch1'`);
  await account('grid', '网格员小周', 'GRID_WORKER', branchRow);
  await account('viewer', '只读查看员', 'VIEWER', community);
  await account('gone', '已停用员工', 'COMMITTEE_ADMIN', community, true);
  await account('outsider', '振兴网格员', 'GRID_WORKER', `select id from org_node where name = '振兴社区' and level = 'COMMUNITY'`);
});
afterAll(() => api?.close());

describe('demandAssignableAccounts', () => {
  it('offers the staff whose grants cover the demand’s node, and ASSIGN takes exactly those', async () => {
    const d = await accepted(branch);
    const list = await assignable(d.id, admin);
    const g = (k: string) => globalId('Account', acc[k]);
    expect(ids(list)).toEqual(expect.arrayContaining([g('admin'), g('secretary'), g('grid')]));
    for (const k of ['viewer', 'gone', 'outsider']) expect(ids(list)).not.toContain(g(k));
    expect(list.find((a) => a.id === g('grid'))).toEqual({ id: g('grid'), displayName: '网格员小周', role: 'GRID_WORKER' });
    expect(list.find((a) => a.id === g('secretary'))?.role).toBe('BRANCH_SECRETARY');
    expect(list.find((a) => a.id === g('admin'))?.role).toBe('COMMITTEE_ADMIN');

    // the list and the ASSIGN step agree: every account offered is taken, the others are refused
    let version = d.version;
    for (const k of ['grid', 'secretary', 'viewer', 'gone', 'outsider']) {
      const res = (await api.gql(TRANSITION, { input: { demandId: d.id, action: 'ASSIGN', expectedVersion: version, assignee: { accountId: g(k) } } }, admin)).data.transitionDemand;
      if (ids(list).includes(g(k))) {
        expect(res.userErrors, k).toEqual([]);
        expect(res.demand.assignedAccount.id).toBe(g(k));
        version = res.demand.version;
      } else {
        expect(res.demand, k).toBeNull();
        expect(res.userErrors[0], k).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee', 'accountId'] });
      }
    }
  });

  it('leaves out branch staff for a demand of the whole community, until it is handed to their branch', async () => {
    const d = await accepted(hongkang);
    const g = (k: string) => globalId('Account', acc[k]);
    const list = await assignable(d.id, admin);
    expect(ids(list)).toContain(g('admin'));
    expect(ids(list)).not.toContain(g('grid'));
    expect(ids(list)).not.toContain(g('secretary'));
    const refused = (await api.gql(TRANSITION, { input: { demandId: d.id, action: 'ASSIGN', expectedVersion: d.version, assignee: { accountId: g('grid') } } }, admin)).data.transitionDemand;
    expect(refused.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', 'assignee', 'accountId'] });
    const toBranch = (await api.gql(TRANSITION, { input: { demandId: d.id, action: 'ASSIGN', expectedVersion: d.version, assignee: { orgNodeId: branch } } }, admin)).data.transitionDemand;
    expect(toBranch.userErrors).toEqual([]);
    expect(ids(await assignable(d.id, admin))).toEqual(expect.arrayContaining([g('grid'), g('secretary')]));
  });

  it('gives a branch secretary the staff of the branch and above, never another community’s', async () => {
    const secretary = await api.login('hongkang-branch1');
    const d = await accepted(branch);
    const list = await assignable(d.id, secretary);
    const g = (k: string) => globalId('Account', acc[k]);
    expect(ids(list)).toEqual(expect.arrayContaining([g('admin'), g('secretary'), g('grid')]));
    expect(ids(list)).not.toContain(g('outsider'));
    // the secretary hands it to the grid worker
    const res = (await api.gql(TRANSITION, { input: { demandId: d.id, action: 'ASSIGN', expectedVersion: d.version, assignee: { accountId: g('grid') } } }, secretary)).data.transitionDemand;
    expect(res.userErrors).toEqual([]);
    expect(res.demand.assignedAccount).toEqual({ id: g('grid'), displayName: '网格员小周' });
  });

  it('gives nothing to those who may not assign: viewer, other community, partner token, anonymous; nor for a state without ASSIGN', async () => {
    const d = await accepted(branch);
    const viewer = await api.login(`viewer-${tag}`);
    expect(await assignable(d.id, viewer)).toEqual([]);
    expect(await assignable(d.id, await api.login('zhenxing-admin'))).toEqual([]);
    const unit = await testUnit(api, `指派测试单位${tag}`);
    const partner = await partnerToken(api, unit.id, ['public:read', 'demands:read', 'demands:write']);
    const toUnit = (await api.gql(TRANSITION, { input: { demandId: d.id, action: 'ASSIGN', expectedVersion: d.version, assignee: { unitId: unit.globalId } } }, admin)).data.transitionDemand;
    expect(toUnit.userErrors).toEqual([]);
    expect(await assignable(d.id, partner)).toEqual([]);
    expect(await assignable(d.id)).toEqual([]);
    expect(await assignable('not-an-id', admin)).toEqual([]);
    const fresh = (await api.gql(CREATE, { input: { orgNodeId: branch, channel: 'VISIT', category: 'OTHER', title: '未受理', description: '尚未受理的诉求', residentName: '张三', residentPhone: '13912345679' } }, admin)).data.createDemand.demand;
    expect(await assignable(fresh.id, admin)).toEqual([]); // SUBMITTED: accept first
  });

  it('reads the list in statements that do not grow with the number of staff', async () => {
    const d = await accepted(branch);
    const before = await api.countStatements(() => api.gql(ASSIGNABLE, { id: d.id }, admin));
    const n = ((before.result as any).data.demandAssignableAccounts as unknown[]).length;
    const branchId = Number(Buffer.from(branch, 'base64url').toString('utf8').split(':').pop());
    for (let i = 0; i < 4; i++) await account(`more${i}`, `网格员${i}`, 'GRID_WORKER', `select ${branchId}`);
    const after = await api.countStatements(() => api.gql(ASSIGNABLE, { id: d.id }, admin));
    expect((after.result as any).data.demandAssignableAccounts).toHaveLength(n + 4);
    expect(after.statements).toBe(before.statements);
  });
});
