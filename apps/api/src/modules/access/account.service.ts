/**
 * Staff accounts managed by their owners and by committee admins: changing one's own password (which ends the
 * account's other sessions), and disabling / enabling an account (which ends all its sessions at once).
 */
import { hash, verify } from '@node-rs/argon2';
import { sql } from '../../db/sql.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { forbidden } from '../../graphql/errors.js';
import type { Context } from '../../graphql/context.js';
import { idOf, type Page } from '../../graphql/relay.js';
import { GrantRole, subtreeEnd } from './access.scope.js';
import { forgetAccountSessions } from './access.service.js';
import { signInThrottle } from './signin-throttle.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** Passwords published with the product or too common to allow. */
const KNOWN_PASSWORDS = new Set(['tongxin-demo', 'tongxin123', 'password123', '1234567890', '12345678910', 'qwertyuiop', 'admin12345', 'abc1234567']);

/** Why a new password is too weak, or null when it will do. */
export function passwordWeakness(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `新密码至少 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (password.length > PASSWORD_MAX_LENGTH) return `新密码最多 ${PASSWORD_MAX_LENGTH} 个字符`;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return '新密码须包含字母、数字、符号中的至少两类';
  if (new Set(password).size < 5) return '新密码重复字符过多';
  const lower = password.toLowerCase();
  if (KNOWN_PASSWORDS.has(lower)) return '这个密码太常见或已公开，请换一个';
  if (username && lower.includes(username.toLowerCase())) return '新密码不能包含用户名';
  return null;
}

function requireStaff(ctx: Context): { accountId: number; sessionId: number } {
  ctx.access.requireStaffNotPartner();
  const p = ctx.access.principal as { accountId: number; sessionId: number };
  return { accountId: p.accountId, sessionId: p.sessionId };
}

/** Change the caller's own password; the account's other sessions end, this one stays. */
export async function changePassword(ctx: Context, current: string, next: string): Promise<{ sessionsEnded: number }> {
  const me = requireStaff(ctx);
  const [account] = await sql<{ username: string; password_hash: string }>(ctx.em, `select username, password_hash from account where id = ? and disabled_at is null`, [me.accountId]);
  if (!account) throw forbidden();
  if (!current) fail(UserErrorCode.INVALID_INPUT, '请输入当前密码', ['input', 'current']);
  // a stolen session must not become a way to guess the password: wrong answers count like wrong sign-ins
  const throttle = signInThrottle(ctx.config);
  const address = ctx.clientAddress ?? 'unknown';
  const wait = await throttle.waitSeconds(account.username, address);
  if (wait > 0) fail(UserErrorCode.INVALID_CREDENTIALS, `尝试次数过多，请 ${wait} 秒后再试`, ['input', 'current']);
  if (!(await verify(account.password_hash, current).catch(() => false))) {
    await throttle.failed(account.username, address);
    fail(UserErrorCode.INVALID_CREDENTIALS, '当前密码不正确', ['input', 'current']);
  }
  throttle.succeeded(account.username, address);
  const weakness = passwordWeakness(next, account.username);
  if (weakness) fail(UserErrorCode.INVALID_INPUT, weakness, ['input', 'next']);
  if (next === current) fail(UserErrorCode.INVALID_INPUT, '新密码不能与当前密码相同', ['input', 'next']);
  await sql(ctx.em, `update account set password_hash = ? where id = ?`, [await hash(next), me.accountId]);
  const ended = await sql<{ id: number }>(ctx.em,
    `update account_session set revoked_at = now() where account_id = ? and id <> ? and revoked_at is null and expires_at > now() returning id`, [me.accountId, me.sessionId]);
  forgetAccountSessions(me.accountId, me.sessionId);
  return { sessionsEnded: ended.length };
}

export interface ManagedAccountRow {
  id: number;
  username: string;
  display_name: string;
  disabled_at: Date | null;
  last_used_at: Date | null;
  grants: { role: GrantRole; node: string }[];
}

/** Paths of the caller's committee-admin grants: an account is theirs to manage when all its grants lie under one. */
function adminPaths(ctx: Context): string[] {
  return ctx.access.grants.filter((g) => g.role === GrantRole.COMMITTEE_ADMIN).map((g) => g.path);
}

/** SQL: account `a` has grants, and each lies in a subtree the caller administers. */
function managedCondition(paths: string[]): { sql: string; params: unknown[] } {
  if (!paths.length) return { sql: 'false', params: [] };
  const inside = paths.map(() => '(n.path >= ? and n.path < ?)').join(' or ');
  return {
    sql: `exists (select 1 from access_grant g where g.account_id = a.id)
      and not exists (select 1 from access_grant g join org_node n on n.id = g.org_node_id where g.account_id = a.id and not (${inside}))`,
    params: paths.flatMap((p) => [p, subtreeEnd(p)]),
  };
}

const MANAGED_SELECT = `select a.id, a.username, a.display_name, a.disabled_at,
    (select max(s.last_used_at) from account_session s where s.account_id = a.id) as last_used_at,
    coalesce((select json_agg(json_build_object('role', g.role, 'node', n.name) order by n.path, g.id)
      from access_grant g join org_node n on n.id = g.org_node_id where g.account_id = a.id), '[]'::json) as grants
  from account a`;

/** Accounts the caller (a committee admin) manages, by username; optionally those whose name contains `search`. */
export async function listManagedAccounts(ctx: Context, search: string | null, page: Page): Promise<{ rows: ManagedAccountRow[]; count: () => Promise<number> }> {
  requireStaff(ctx);
  const cond = managedCondition(adminPaths(ctx));
  const text = search?.trim() ?? '';
  const filter = text ? ` and (a.username ilike ? or a.display_name ilike ?)` : '';
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const params = [...cond.params, ...(text ? [like, like] : [])];
  const rows = await sql<ManagedAccountRow>(ctx.em, `${MANAGED_SELECT} where ${cond.sql}${filter} order by a.username limit ? offset ?`, [...params, page.limit + 1, page.offset]);
  return {
    rows,
    count: async () => Number((await sql<{ n: number }>(ctx.em, `select count(*) as n from account a where ${cond.sql}${filter}`, params))[0].n),
  };
}

/** One managed account by global id; NOT_FOUND when it is not the caller's to manage. */
async function managedAccount(ctx: Context, globalId: string): Promise<ManagedAccountRow> {
  requireStaff(ctx);
  const id = idOf(globalId, 'Account');
  const cond = managedCondition(adminPaths(ctx));
  const [row] = id == null ? [] : await sql<ManagedAccountRow>(ctx.em, `${MANAGED_SELECT} where a.id = ? and ${cond.sql}`, [id, ...cond.params]);
  if (!row) {
    if (!adminPaths(ctx).length) throw forbidden('只有社区党委管理员可以停用或启用账号 (committee admins only)');
    fail(UserErrorCode.NOT_FOUND, '找不到该账号，或它不归您管理', ['input', 'id']);
  }
  return row;
}

/** Disable an account the caller manages: it cannot sign in, and every session of it ends at once. */
export async function disableAccount(ctx: Context, globalId: string): Promise<ManagedAccountRow> {
  const me = requireStaff(ctx);
  const row = await managedAccount(ctx, globalId);
  if (row.id === me.accountId) fail(UserErrorCode.INVALID_INPUT, '不能停用自己的账号', ['input', 'id']);
  if (!row.disabled_at) {
    await sql(ctx.em, `update account set disabled_at = now() where id = ? and disabled_at is null`, [row.id]);
    await sql(ctx.em, `update account_session set revoked_at = now() where account_id = ? and revoked_at is null`, [row.id]);
  }
  forgetAccountSessions(row.id);
  return managedAccount(ctx, globalId);
}

/** Enable a disabled account again (its old sessions stay ended: it signs in anew). */
export async function enableAccount(ctx: Context, globalId: string): Promise<ManagedAccountRow> {
  await managedAccount(ctx, globalId);
  await sql(ctx.em, `update account set disabled_at = null where id = ?`, [idOf(globalId, 'Account')]);
  return managedAccount(ctx, globalId);
}
