import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../test/harness.js';
import { settle, subscribe } from '../test/live.js';
import { communityId } from '../modules/activity/activity.fixtures.js';

/** Live updates over graphql-ws (one instance, no Redis: the in-process bus). Across instances: multi-instance.test.ts. */
let api: TestApi;
let admin: string;
let branch1: string;
let hongkang: string;
let branches: { id: number; gid: string }[];

const DEMAND_CHANGED = `subscription($node: ID!) { demandChanged(orgNodeId: $node) { id title state version residentPhone orgNode { id } timeline { kind } } }`;
const CREATE = `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { id version state } userErrors { field message code } } }`;
const TRANSITION = `mutation($input: TransitionDemandInput!) { transitionDemand(input: $input) { demand { id version state } userErrors { field message code } } }`;

async function intake(orgNodeId: string, title: string) {
  const res = await api.gql(CREATE, { input: { orgNodeId, channel: 'WALK_IN', category: 'ENVIRONMENT', title, description: '楼道堆放杂物，有消防隐患', place: { text: '3 单元楼道' }, residentName: '王秀英', residentPhone: '13812341234' } }, admin);
  expect(res.data.createDemand.userErrors).toEqual([]);
  return res.data.createDemand.demand as { id: string; version: number; state: string };
}

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  branch1 = await api.login('hongkang-branch1');
  hongkang = await communityId(api, '红康社区');
  const rows = await api.sql<{ id: number }>(`select b.id from org_node b join org_node c on c.id = b.parent_id where c.name = '红康社区' and b.level = 'BRANCH' order by b.id`);
  branches = rows.map((r) => ({ id: r.id, gid: globalId('Branch', r.id) }));
  // the branch secretary's own branch
  const [own] = await api.sql<{ org_node_id: number }>(`select g.org_node_id from access_grant g join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
  branches.sort((a, b) => (a.id === own.org_node_id ? -1 : b.id === own.org_node_id ? 1 : a.id - b.id));
});
afterAll(() => api?.close());

describe('Subscription.demandChanged', () => {
  it('delivers a new demand and each step to a committee admin, and nothing outside a branch secretary’s branch', async () => {
    const committee = await subscribe(api.url, admin, DEMAND_CHANGED, { node: hongkang });
    const secretary = await subscribe(api.url, branch1, DEMAND_CHANGED, { node: branches[0].gid });
    const otherBranch = branches[1].gid;

    const elsewhere = await intake(otherBranch, '另一支部：路灯不亮');
    const seen = await committee.waitFor((d) => d.demandChanged.id === elsewhere.id);
    expect(seen.demandChanged).toMatchObject({ title: '另一支部：路灯不亮', state: 'SUBMITTED', orgNode: { id: otherBranch } });
    expect(seen.demandChanged.residentPhone).toBe('138****1234');

    const moved = await api.gql(TRANSITION, { input: { demandId: elsewhere.id, action: 'ACCEPT', expectedVersion: elsewhere.version } }, admin);
    expect(moved.data.transitionDemand.userErrors).toEqual([]);
    const accepted = await committee.waitFor((d) => d.demandChanged.id === elsewhere.id && d.demandChanged.state !== 'SUBMITTED');
    expect(accepted.demandChanged.state).toBe(moved.data.transitionDemand.demand.state);

    // the secretary's subscription works: a demand on their own branch arrives
    const own = await intake(branches[0].gid, '本支部：楼道灯坏了');
    await secretary.waitFor((d) => d.demandChanged.id === own.id);
    await settle();
    expect(secretary.received.map((d) => d.demandChanged.id)).not.toContain(elsewhere.id);
    expect(secretary.errors).toEqual([]);
    await Promise.all([committee.close(), secretary.close()]);
  });

  it('refuses a connection without a valid token, and queries over the socket', async () => {
    await expect(subscribe(api.url, null, DEMAND_CHANGED, { node: hongkang })).rejects.toBeDefined();
    await expect(subscribe(api.url, 'txs_not-a-token', DEMAND_CHANGED, { node: hongkang })).rejects.toBeDefined();
    const sub = await subscribe(api.url, admin, `query { __typename }`);
    await settle(300);
    expect(sub.received).toEqual([]);
    expect(JSON.stringify(sub.errors)).toContain('only subscriptions');
    await sub.close();
  });

  it('ends a subscription whose session was signed out', async () => {
    const token = await api.login('hongkang-admin');
    const sub = await subscribe(api.url, token, DEMAND_CHANGED, { node: hongkang });
    const before = await intake(hongkang, '退出前的诉求');
    await sub.waitFor((d) => d.demandChanged.id === before.id);
    const out = await api.gql(`mutation { sessionRevoke { revoked } }`, {}, token);
    expect(out.errors).toBeUndefined();
    const after = await intake(hongkang, '退出后的诉求');
    await settle();
    expect(sub.received.map((d) => d.demandChanged.id)).not.toContain(after.id);
    expect(JSON.stringify(sub.errors)).toMatch(/登录已失效|UNAUTHENTICATED|token/);
    await sub.close();
  });
});
