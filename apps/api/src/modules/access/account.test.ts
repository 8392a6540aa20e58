import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { passwordWeakness } from './account.service.js';

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.close(); });

const VIEWER = '{ viewer { username } }';
const CHANGE = `mutation($input: PasswordChangeInput!) { passwordChange(input: $input) { changed sessionsEnded userErrors { code field message } } }`;
const DISABLE = `mutation($input: AccountDisableInput!) { accountDisable(input: $input) { account { username disabled } userErrors { code field } } }`;
const ENABLE = `mutation($input: AccountDisableInput!) { accountEnable(input: $input) { account { username disabled } userErrors { code field } } }`;
const LIST = `query($search: String) { managedAccounts(search: $search, first: 100) { totalCount edges { node { id username disabled grants { role node } } } } }`;

async function accountId(username: string): Promise<string> {
  const [row] = await api.sql<{ id: number }>(`select id from account where username = ?`, [username]);
  return Buffer.from(`tx1:Account:${row.id}`, 'utf8').toString('base64url');
}

describe('changing one’s password', () => {
  it('asks for the current password, refuses weak new ones beside the field, and ends the account’s other sessions', async () => {
    const here = await api.login('hongkang-branch1');
    const elsewhere = await api.login('hongkang-branch1');
    const wrong = await api.gql(CHANGE, { input: { current: 'not-it', next: 'Blue-river-2026' } }, here);
    expect(wrong.data.passwordChange).toMatchObject({ changed: null, userErrors: [{ code: 'INVALID_CREDENTIALS', field: ['input', 'current'] }] });
    for (const weak of ['short1', 'tongxin-demo', 'aaaaaaaaaaaaaa', 'hongkang-branch1-x', 'abcdefghijklmnop']) {
      const res = await api.gql(CHANGE, { input: { current: 'tongxin-demo', next: weak } }, here);
      expect(res.data.passwordChange.userErrors, weak).toMatchObject([{ code: 'INVALID_INPUT', field: ['input', 'next'] }]);
      expect(res.data.passwordChange.userErrors[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    // nothing changed so far: the other session still works
    expect((await api.gql(VIEWER, {}, elsewhere)).data.viewer.username).toBe('hongkang-branch1');
    const ok = await api.gql(CHANGE, { input: { current: 'tongxin-demo', next: 'Blue-river-2026' } }, here);
    expect(ok.data.passwordChange).toEqual({ changed: true, sessionsEnded: 1, userErrors: [] });
    // the other session is over on its very next request; this one goes on
    const other = await api.gql(VIEWER, {}, elsewhere);
    expect(other.status).toBe(401);
    expect(other.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(VIEWER, {}, here)).data.viewer.username).toBe('hongkang-branch1');
    // the old password no longer signs in, the new one does
    await expect(api.login('hongkang-branch1')).rejects.toThrow(/INVALID_CREDENTIALS/);
    expect(await api.login('hongkang-branch1', 'Blue-river-2026')).toMatch(/^txs_/);
  });

  it('is for signed-in staff only', async () => {
    const anon = await api.gql(CHANGE, { input: { current: 'x', next: 'Blue-river-2026' } });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('judges strength by length, variety, the username and published passwords', () => {
    expect(passwordWeakness('Blue-river-2026', 'hongkang-admin')).toBeNull();
    expect(passwordWeakness('蓝色河流2026年春天', 'hongkang-admin')).toBeNull();
    expect(passwordWeakness('1234567890', 'x')).toMatch(/两类|常见/);
    expect(passwordWeakness('Tongxin-Demo', 'x')).toMatch(/公开/);
    expect(passwordWeakness('x'.repeat(129) + '1', 'x')).toMatch(/最多/);
  });
});

describe('disabling an account', () => {
  it('lists the accounts a committee admin manages: those whose grants all lie under theirs', async () => {
    const admin = await api.login('hongkang-admin');
    const list = await api.gql(LIST, {}, admin);
    const names = list.data.managedAccounts.edges.map((e: { node: { username: string } }) => e.node.username);
    expect(names).toEqual(expect.arrayContaining(['hongkang-admin', 'hongkang-branch1', 'hongkang-grid1']));
    expect(names.some((n: string) => !n.startsWith('hongkang-'))).toBe(false);
    expect(list.data.managedAccounts.totalCount).toBe(names.length);
    const grid = list.data.managedAccounts.edges.find((e: { node: { username: string } }) => e.node.username === 'hongkang-grid1').node;
    expect(grid.grants).toEqual([{ role: 'GRID_WORKER', node: expect.stringMatching(/红康/) }]);
    expect((await api.gql(LIST, { search: 'grid1' }, admin)).data.managedAccounts.totalCount).toBe(1);
    // a branch secretary manages nobody
    expect((await api.gql(LIST, {}, await api.login('hongkang-branch1', 'Blue-river-2026'))).data.managedAccounts.totalCount).toBe(0);
  });

  it('ends the account’s sessions at once: its next request is 401, and it cannot sign in until enabled again', async () => {
    const admin = await api.login('hongkang-admin');
    const worker = await api.login('hongkang-grid2');
    expect((await api.gql(VIEWER, {}, worker)).data.viewer.username).toBe('hongkang-grid2');
    const id = await accountId('hongkang-grid2');
    const off = await api.gql(DISABLE, { input: { id } }, admin);
    expect(off.data.accountDisable).toEqual({ account: { username: 'hongkang-grid2', disabled: true }, userErrors: [] });
    const next = await api.gql(VIEWER, {}, worker);
    expect(next.status).toBe(401);
    expect(next.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await expect(api.login('hongkang-grid2')).rejects.toThrow(/INVALID_CREDENTIALS/);
    // disabling twice changes nothing
    expect((await api.gql(DISABLE, { input: { id } }, admin)).data.accountDisable.account.disabled).toBe(true);
    const on = await api.gql(ENABLE, { input: { id } }, admin);
    expect(on.data.accountEnable).toEqual({ account: { username: 'hongkang-grid2', disabled: false }, userErrors: [] });
    // the old session stays ended; a new sign-in works
    expect((await api.gql(VIEWER, {}, worker)).status).toBe(401);
    expect((await api.gql(VIEWER, {}, await api.login('hongkang-grid2'))).data.viewer.username).toBe('hongkang-grid2');
  });

  it('is refused outside the admin’s subtree, to other roles, without a sign-in, and for one’s own account', async () => {
    const id = await accountId('hongkang-grid3');
    const other = await api.gql(DISABLE, { input: { id } }, await api.login('zhenxing-admin'));
    expect(other.data.accountDisable.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'] }]);
    const secretary = await api.gql(DISABLE, { input: { id } }, await api.login('hongkang-branch1', 'Blue-river-2026'));
    expect(secretary.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await api.gql(DISABLE, { input: { id } });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const admin = await api.login('hongkang-admin');
    const self = await api.gql(DISABLE, { input: { id: await accountId('hongkang-admin') } }, admin);
    expect(self.data.accountDisable.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'id'] }]);
    const [row] = await api.sql<{ n: number }>(`select count(*)::int as n from account where disabled_at is not null`);
    expect(row.n).toBe(0);
  });
});

describe('session lifetime', () => {
  it('ends a session SESSION_TTL_HOURS after sign-in, however busy it is', async () => {
    const token = await api.login('hongkang-grid4');
    expect((await api.gql(VIEWER, {}, token)).data.viewer.username).toBe('hongkang-grid4');
    const [session] = await api.sql<{ id: number; created_at: Date; expires_at: Date }>(
      `select s.id, s.created_at, s.expires_at from account_session s join account a on a.id = s.account_id where a.username = 'hongkang-grid4' order by s.id desc limit 1`);
    expect((new Date(session.expires_at).getTime() - new Date(session.created_at).getTime()) / 3600_000).toBeCloseTo(api.config.SESSION_TTL_HOURS, 1);
    await api.sql(`update account_session set expires_at = now() - interval '1 second', last_used_at = now() where id = ?`, [session.id]);
    const { forgetCachedSessions } = await import('./access.service.js');
    forgetCachedSessions();
    expect((await api.gql(VIEWER, {}, token)).status).toBe(401);
  });
});
