import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;

const VIEWER = `{ viewer { username displayName grants { role node { id name level } } } }`;
const SIGN_IN = `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token expiresAt viewer { username grants { role } } userErrors { field message code } } }`;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

async function branchOf(token: string) {
  const res = await api.gql(VIEWER, {}, token);
  return res.data.viewer.grants[0].node;
}

describe('sessions', () => {
  it('signs in with the right password only, with a clear error otherwise', async () => {
    const wrong = await api.gql(SIGN_IN, { input: { username: 'hongkang-admin', password: 'nope' } });
    expect(wrong.data.sessionCreate.token).toBeNull();
    expect(wrong.data.sessionCreate.userErrors).toEqual([{ field: ['password'], message: '用户名或密码错误', code: 'INVALID_CREDENTIALS' }]);
    const unknown = await api.gql(SIGN_IN, { input: { username: 'nobody', password: 'tongxin-demo' } });
    expect(unknown.data.sessionCreate.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    const ok = await api.gql(SIGN_IN, { input: { username: 'hongkang-admin', password: 'tongxin-demo' } });
    expect(ok.data.sessionCreate.token).toMatch(/^txs_/);
    expect(ok.data.sessionCreate.viewer).toEqual({ username: 'hongkang-admin', grants: [{ role: 'COMMITTEE_ADMIN' }] });
    expect(new Date(ok.data.sessionCreate.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await api.gql(VIEWER, {}, ok.data.sessionCreate.token);
    expect(me.data.viewer.username).toBe('hongkang-admin');
    expect(me.data.viewer.grants).toEqual([{ role: 'COMMITTEE_ADMIN', node: expect.objectContaining({ name: '红康社区', level: 'COMMUNITY' }) }]);
  });

  it('stores only a hash of the token', async () => {
    const token = await api.login('hongkang-admin');
    const rows = await api.sql<{ token_hash: string }>(`select token_hash from account_session`);
    expect(rows.some((r) => r.token_hash.includes(token) || token.includes(r.token_hash))).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('rejects revoked, expired and malformed tokens with UNAUTHENTICATED', async () => {
    const token = await api.login('hongkang-admin');
    const revoke = await api.gql(`mutation { sessionRevoke { revoked userErrors { code } } }`, {}, token);
    expect(revoke.data.sessionRevoke.revoked).toBe(true);
    const after = await api.gql(VIEWER, {}, token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const expiring = await api.login('hongkang-admin');
    await api.sql(`update account_session set expires_at = now() - interval '1 minute' where revoked_at is null`);
    expect((await api.gql(VIEWER, {}, expiring)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(VIEWER, {}, 'txs_made-up')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(VIEWER)).data.viewer).toBeNull();
  });
});

describe('access scopes', () => {
  it('lets a branch secretary see their branch and nothing beside it, even through node(id)', async () => {
    const secretary = await api.login('hongkang-branch1');
    const admin = await api.login('hongkang-admin');
    const mine = await branchOf(secretary);
    expect(mine.level).toBe('BRANCH');

    const community = await api.gql(`query($id: ID!) { orgNode(id: $id) { parent { id name children(first: 100) { totalCount edges { node { id name } } } } } }`, { id: mine.id }, secretary);
    const siblingsSeen = community.data.orgNode.parent.children;
    expect(siblingsSeen.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
    expect(siblingsSeen.totalCount).toBe(1);

    const all = await api.gql(`query($id: ID!) { orgNode(id: $id) { children(first: 100) { edges { node { id name ... on Branch { members(first: 1) { edges { node { id name } } } } } } } } }`, { id: community.data.orgNode.parent.id }, admin);
    const sibling = all.data.orgNode.children.edges.map((e: any) => e.node).find((b: any) => b.id !== mine.id && b.members.edges.length > 0);
    const siblingMember = sibling.members.edges[0].node;

    const probe = `query($b: ID!, $m: ID!) { branch: node(id: $b) { id } member: node(id: $m) { id } org: orgNode(id: $b) { id } many: nodes(ids: [$b, $m]) { id } }`;
    const seen = await api.gql(probe, { b: sibling.id, m: siblingMember.id }, secretary);
    expect(seen.errors).toBeUndefined();
    expect(seen.data).toEqual({ branch: null, member: null, org: null, many: [null, null] });
    // the admin above both sees them
    const adminSeen = await api.gql(probe, { b: sibling.id, m: siblingMember.id }, admin);
    expect(adminSeen.data.branch.id).toBe(sibling.id);
    expect(adminSeen.data.member.id).toBe(siblingMember.id);

    // and the secretary's own members are there
    const own = await api.gql(`query($id: ID!) { orgNode(id: $id) { ... on Branch { members(first: 100) { totalCount } } stats { memberCount } } }`, { id: mine.id }, secretary);
    expect(own.data.orgNode.members.totalCount).toBeGreaterThan(0);
  });

  it('refuses out-of-scope writes with FORBIDDEN and changes nothing', async () => {
    const secretary = await api.login('hongkang-branch1');
    const admin = await api.login('hongkang-admin');
    const mine = await branchOf(secretary);
    const all = await api.gql(`query($id: ID!) { orgNode(id: $id) { parent { children(first: 100) { edges { node { id name } } } } } }`, { id: mine.id }, admin);
    const sibling = all.data.orgNode.parent.children.edges.map((e: any) => e.node).find((b: any) => b.id !== mine.id);
    const res = await api.gql(`mutation($input: OrgNodeUpdateInput!) { orgNodeUpdate(input: $input) { node { name } userErrors { code } } }`, { input: { id: sibling.id, name: '被改名' } }, secretary);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const still = await api.gql(`query($id: ID!) { orgNode(id: $id) { name } }`, { id: sibling.id }, admin);
    expect(still.data.orgNode.name).toBe(sibling.name);
    // a secretary cannot archive their own branch (that is the committee's call)
    const archive = await api.gql(`mutation($input: OrgNodeArchiveInput!) { orgNodeArchive(input: $input) { node { id } } }`, { input: { id: mine.id } }, secretary);
    expect(archive.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // anonymous writes are UNAUTHENTICATED
    const anon = await api.gql(`mutation($input: OrgNodeUpdateInput!) { orgNodeUpdate(input: $input) { node { name } } }`, { input: { id: mine.id, name: 'x' } });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows anonymous callers the committees only', async () => {
    const roots = await api.gql(`{ orgRoots { totalCount edges { node { name level children(first: 100) { edges { node { name level children { totalCount } } } } } } } }`);
    expect(roots.errors).toBeUndefined();
    const levels = new Set(roots.data.orgRoots.edges.flatMap((e: any) => [e.node.level, ...e.node.children.edges.map((c: any) => c.node.level)]));
    expect([...levels].sort()).toEqual(['COMMUNITY', 'STREET']);
    const branchesSeen = roots.data.orgRoots.edges.flatMap((e: any) => e.node.children.edges.map((c: any) => c.node.children.totalCount));
    expect(branchesSeen.every((n: number) => n === 0)).toBe(true);
    const ids = await api.sql<{ id: number }>(`select id from org_node where level = 'BRANCH' limit 1`);
    expect((await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: globalId('Branch', ids[0].id) })).data.node).toBeNull();
  });

  it('masks phones by default and reveals them only to roles that need them', async () => {
    const secretary = await api.login('hongkang-branch1');
    const mine = await branchOf(secretary);
    const q = `query($id: ID!, $reveal: Boolean) { orgNode(id: $id) { ... on Branch { members(first: 1) { edges { node { phone full: phone(reveal: $reveal) } } } } } }`;
    const res = await api.gql(q, { id: mine.id, reveal: true }, secretary);
    const member = res.data.orgNode.members.edges[0].node;
    expect(member.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(member.full).toMatch(/^1[3-9]\d{9}$/);
    expect(member.full.slice(-4)).toBe(member.phone.slice(-4));

    // a VIEWER grant on the same branch reads masked data but cannot reveal
    const [{ id: accountId }] = await api.sql<{ id: number }>(`insert into account (username, password_hash, display_name) select 'viewer-test', password_hash, '只读' from account where username = 'hongkang-admin' returning id`);
    const [{ id: nodeId }] = await api.sql<{ id: number }>(`select n.id from org_node n join access_grant g on g.org_node_id = n.id join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
    await api.sql(`insert into access_grant (account_id, org_node_id, role) values (?, ?, 'VIEWER')`, [accountId, nodeId]);
    const viewer = await api.login('viewer-test');
    const masked = await api.gql(q, { id: mine.id, reveal: false }, viewer);
    expect(masked.data.orgNode.members.edges[0].node.full).toMatch(/\*{4}/);
    const denied = await api.gql(q, { id: mine.id, reveal: true }, viewer);
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
