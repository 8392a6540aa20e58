import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.close(); });

const identityStatements = (sqls: string[]) => sqls.filter((s) => /account_session|access_grant/.test(s));

describe('staff sessions', () => {
  it('answer sessionCreate as the new account while the rest of the request stays the caller', async () => {
    const [mine] = await api.sql<{ id: number; name: string }>(
      `select n.id, n.name from org_node n join access_grant g on g.org_node_id = n.id join account a on a.id = g.account_id where a.username = 'hongkang-branch1'`);
    const [theirs] = await api.sql<{ id: number; name: string }>(
      `select b.id, b.name from org_node b join org_node c on c.id = b.community_id where c.name like '振兴%' and b.level = 'BRANCH' order by b.id limit 1`);
    const branchId = (id: number) => Buffer.from(`tx1:Branch:${id}`, 'utf8').toString('base64url');
    const caller = await api.login('zhenxing-admin');
    const res = await api.gql(
      `mutation($input: SessionCreateInput!, $node: OrgNodeUpdateInput!) {
         s: sessionCreate(input: $input) { token viewer { username grants { role node { id } } } }
         u: orgNodeUpdate(input: $node) { node { name children { totalCount } } userErrors { code } }
       }`,
      { input: { username: 'hongkang-branch1', password: 'tongxin-demo' }, node: { id: branchId(theirs.id), name: theirs.name } }, caller);
    expect(res.errors).toBeUndefined();
    expect(res.data.s.viewer.username).toBe('hongkang-branch1');
    expect(res.data.s.viewer.grants).toEqual([{ role: 'BRANCH_SECRETARY', node: { id: branchId(mine.id) } }]);
    // the other root field ran as the caller (zhenxing's admin), not as the branch secretary who just signed in
    expect(res.data.u.userErrors).toEqual([]);
    expect(res.data.u.node.name).toBe(theirs.name);
    // the new token itself is the secretary's
    const seen = await api.gql(`query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, { a: branchId(mine.id), b: branchId(theirs.id) }, res.data.s.token);
    expect(seen.data).toEqual({ a: { id: branchId(mine.id) }, b: null });
  });

  it('are refused on the very next request once revoked', async () => {
    const token = await api.login('hongkang-admin');
    expect((await api.gql(`{ viewer { username } }`, {}, token)).data.viewer.username).toBe('hongkang-admin');
    expect((await api.gql(`{ viewer { username } }`, {}, token)).data.viewer.username).toBe('hongkang-admin');
    const revoke = await api.gql(`mutation { sessionRevoke { revoked } }`, {}, token);
    expect(revoke.data.sessionRevoke.revoked).toBe(true);
    const after = await api.gql(`{ viewer { username } }`, {}, token);
    expect(after.status).toBe(401);
    expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cost one identity statement at most per request, and none while the identity is fresh', async () => {
    const token = await api.login('zhenxing-admin');
    // the first request reads the identity in one statement (and marks the session used, once a minute)
    const first = await api.countStatements(() => api.gql(`{ __typename }`, {}, token));
    expect(identityStatements(first.sql).filter((s) => /^select/i.test(s.trim()))).toHaveLength(1);
    expect(first.identity).toBeGreaterThanOrEqual(1);
    const again = await api.countStatements(() => api.gql(`{ __typename }`, {}, token));
    expect(again.statements + again.identity).toBeLessThanOrEqual(1);
    expect(identityStatements(again.sql)).toEqual([]);
  });
});

describe('staff sessions without the identity cache', () => {
  let uncached: TestApi;
  beforeAll(async () => { uncached = await startTestApi({ SESSION_CACHE_MS: '0' }); });
  afterAll(async () => { await uncached?.close(); });

  it('read the session and its grants in one statement per request', async () => {
    const token = await uncached.login('hongkang-branch1');
    await uncached.gql(`{ __typename }`, {}, token); // marks the session used
    const counted = await uncached.countStatements(() => uncached.gql(`{ __typename }`, {}, token));
    expect(counted.sql).toHaveLength(1);
    expect(counted.identity).toBe(1);
    expect(identityStatements(counted.sql)).toHaveLength(1);
    const viewer = await uncached.gql(`{ viewer { grants { role } } }`, {}, token);
    expect(viewer.data.viewer.grants).toEqual([{ role: 'BRANCH_SECRETARY' }]);
  });

  it('end after two hours without a request, though not yet expired', async () => {
    const token = await uncached.login('hongkang-branch1');
    expect((await uncached.gql(`{ viewer { username } }`, {}, token)).data.viewer.username).toBe('hongkang-branch1');
    await uncached.sql(`update account_session set last_used_at = now() - interval '121 minutes' where expires_at > now() and last_used_at > now() - interval '1 minute'`);
    const idle = await uncached.gql(`{ viewer { username } }`, {}, token);
    expect(idle.status).toBe(401);
    expect(idle.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
