import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { rateLimited } from '../../graphql/rate-limit.js';
import { signInThrottle } from './signin-throttle.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { sql } from '../../db/sql.js';
import { fromRow, fromRows } from '../../db/rows.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { AccessGrantEntity, AccountEntity, AccountSessionEntity } from './access.entity.js';
import { Access, GrantRole, type Principal } from './access.scope.js';
import type { Context } from '../../graphql/context.js';
import { readable } from './policy.js';
import { currentBus } from '../../cluster/bus.js';
import './access.policy.js';

export const SESSION_TOKEN_PREFIX = 'txs_';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** SHA-256 of a high-entropy bearer token: enough to store it safely and look it up by equality. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

function invalidToken(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

type TokenAuthenticator = (em: EntityManager, token: string) => Promise<Principal | null>;
const authenticators = new Map<string, TokenAuthenticator>();

/** Other modules add kinds of bearer tokens (partner tokens) by prefix. */
export function registerTokenKind(prefix: string, authenticate: TokenAuthenticator): void {
  authenticators.set(prefix, authenticate);
}

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
interface SessionRow {
  session_id: number;
  account_id: number;
  last_used_at: Date | null;
  expires_at: Date;
  grants: { id: number; org_node_id: number; role: GrantRole; path: string; community_id: number | null }[];
}

/** The session of a token hash with its account's live grants, in one statement; null when not valid now. */
async function loadSession(em: EntityManager, hash: string): Promise<SessionRow | null> {
  const [row] = await sql<SessionRow>(em,
    `select s.id as session_id, s.account_id, s.last_used_at, s.expires_at,
       coalesce((select json_agg(json_build_object('id', g.id, 'org_node_id', g.org_node_id, 'role', g.role, 'path', n.path, 'community_id', n.community_id) order by g.id)
                 from access_grant g join org_node n on n.id = g.org_node_id
                 where g.account_id = s.account_id and n.archived_at is null), '[]'::json) as grants
     from account_session s join account a on a.id = s.account_id
     where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and a.disabled_at is null
       and coalesce(s.last_used_at, s.created_at) > now() - make_interval(mins => ?)`, [hash, sessionIdleMinutes]);
  return row ?? null;
}

function principalOf(row: SessionRow): StaffPrincipal {
  return {
    kind: 'staff',
    accountId: row.account_id,
    sessionId: row.session_id,
    grants: row.grants.map((g) => ({ grantId: g.id, nodeId: g.org_node_id, role: g.role, path: g.path, communityId: g.community_id })),
  };
}

/**
 * Staff identities by token hash, kept in this process for a few seconds (SESSION_CACHE_MS) so a busy admin
 * site costs one identity statement per session every few seconds, not one per request. Signing out here
 * forgets the session at once; changes of the org chain forget them all (grant paths move with it).
 */
interface CachedSession { principal: StaffPrincipal; fetchedAt: number; expiresAt: number; lastUsedAt: number | null }
const sessionCache = new Map<string, CachedSession>();
const MAX_CACHED_SESSIONS = 10_000;
export const DEFAULT_SESSION_CACHE_MS = 5_000;
let sessionCacheMs = DEFAULT_SESSION_CACHE_MS;

/** A session unused this long (minutes) is over, whatever its absolute expiry (SESSION_IDLE_MINUTES). */
let sessionIdleMinutes = 120;
export function setSessionIdleMinutes(minutes: number): void {
  sessionIdleMinutes = minutes;
}

/** How long a staff identity may be reused in this process, in milliseconds (0: never). */
export function setSessionCacheMs(ms: number): void {
  sessionCacheMs = ms;
  if (ms <= 0) sessionCache.clear();
}

/**
 * Every API instance keeps its own cache, so forgetting is announced on the bus (cluster/bus.ts: Redis pub/sub
 * with REDIS_URL): a session signed out on one instance is refused by all of them at once, not SESSION_CACHE_MS
 * later.
 */
const IDENTITY_TOPIC = 'tongxin:identity-forget';
type IdentityMessage = { sessionId: number } | { all: true };

function forgetLocally(message: IdentityMessage): void {
  if ('all' in message) sessionCache.clear();
  else for (const [hash, entry] of sessionCache) if (entry.principal.sessionId === message.sessionId) sessionCache.delete(hash);
}

function forgetEverywhere(message: IdentityMessage): void {
  forgetLocally(message);
  currentBus().publish(IDENTITY_TOPIC, message);
}

/** Forget every cached staff identity on every instance (after the org chain changed, grants' paths may have moved). */
export function forgetCachedSessions(): void {
  forgetEverywhere({ all: true });
}

/** Forget the cached identities of an account's sessions (all, or all but `keep`), after they were ended. */
export function forgetAccountSessions(accountId: number, keep?: number): void {
  for (const [hash, entry] of sessionCache) if (entry.principal.accountId === accountId && entry.principal.sessionId !== keep) sessionCache.delete(hash);
}

function forgetSession(sessionId: number): void {
  forgetEverywhere({ sessionId });
}

/** Listen for identities other instances forget; returns the stop function (the server calls it at start). */
export function followIdentityInvalidations(): () => void {
  const messages = currentBus().subscribe<IdentityMessage>(IDENTITY_TOPIC);
  void (async () => {
    for await (const message of messages) forgetLocally(message);
  })();
  return () => void messages.return?.();
}

/** Record use of the session, at most once a minute. */
async function touch(em: EntityManager, sessionId: number, lastUsedAt: number | null): Promise<number | null> {
  if (lastUsedAt != null && Date.now() - lastUsedAt <= 60_000) return lastUsedAt;
  await sql(em, `update account_session set last_used_at = now() where id = ?`, [sessionId]);
  return Date.now();
}

async function authenticateSession(em: EntityManager, token: string): Promise<Principal | null> {
  const hash = tokenHash(token);
  const now = Date.now();
  const cached = sessionCache.get(hash);
  if (cached && now - cached.fetchedAt < sessionCacheMs && cached.expiresAt > now) {
    cached.lastUsedAt = await touch(em, cached.principal.sessionId, cached.lastUsedAt);
    return cached.principal;
  }
  sessionCache.delete(hash);
  const row = await loadSession(em, hash);
  if (!row) return null;
  const principal = principalOf(row);
  const lastUsedAt = await touch(em, row.session_id, row.last_used_at ? new Date(row.last_used_at).getTime() : null);
  if (sessionCacheMs > 0) {
    if (sessionCache.size >= MAX_CACHED_SESSIONS) sessionCache.delete(sessionCache.keys().next().value!);
    sessionCache.set(hash, { principal, fetchedAt: now, expiresAt: new Date(row.expires_at).getTime(), lastUsedAt });
  }
  return principal;
}
registerTokenKind(SESSION_TOKEN_PREFIX, authenticateSession);

/** Resolve the `Authorization` header. No header: anonymous. A bad, expired or revoked token: UNAUTHENTICATED. */
export async function authenticate(em: EntityManager, header: string | undefined): Promise<Access> {
  if (!header) return Access.anonymous();
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw invalidToken('Authorization header must be "Bearer <token>"');
  const token = match[1];
  const kind = [...authenticators.keys()].find((prefix) => token.startsWith(prefix));
  const principal = kind ? await authenticators.get(kind)!(em, token) : null;
  if (!principal) throw invalidToken('登录已失效，请重新登录 (token invalid, expired or revoked)');
  return new Access(principal);
}

const DUMMY_HASH = hash('not-a-real-password');

/** The principal of a session just created (not cached, not marked used: its first request does that). */
export async function principalOfNewSession(em: EntityManager, token: string): Promise<Principal | null> {
  const row = await loadSession(em, tokenHash(token));
  return row && principalOf(row);
}

export async function createSession(ctx: Context, username: string, password: string): Promise<{ token: string; expiresAt: Date; account: AccountEntity }> {
  const name = username.trim().toLowerCase();
  if (!name || !password) fail(UserErrorCode.INVALID_INPUT, '请输入用户名和密码', [!name ? 'username' : 'password']);
  const throttle = signInThrottle(ctx.config);
  const address = ctx.clientAddress ?? 'unknown';
  const wait = await throttle.waitSeconds(name, address);
  if (wait > 0) throw rateLimited(wait, '登录尝试');
  const [row] = await sql(ctx.em, `select * from account where username = ? and disabled_at is null`, [name]);
  const account = row ? fromRow(ctx.em, AccountEntity, row) : null;
  // verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist
  const ok = await verify(account?.passwordHash ?? (await DUMMY_HASH), password);
  if (!account || !ok) {
    await throttle.failed(name, address);
    fail(UserErrorCode.INVALID_CREDENTIALS, '用户名或密码错误', ['password']);
  }
  await throttle.succeeded(name, address);
  const token = newToken(SESSION_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + ctx.config.SESSION_TTL_HOURS * 3600_000);
  ctx.em.create(AccountSessionEntity, { accountId: account.id, tokenHash: tokenHash(token), expiresAt } as AccountSessionEntity);
  await ctx.em.flush();
  return { token, expiresAt, account };
}

export async function revokeSession(ctx: Context): Promise<boolean> {
  if (ctx.access.principal.kind !== 'staff') return false;
  const sessionId = ctx.access.principal.sessionId;
  await sql(ctx.em, `update account_session set revoked_at = now() where id = ? and revoked_at is null`, [sessionId]);
  forgetSession(sessionId);
  return true;
}

/** An account by id for node(id): the caller's own only. */
export async function findVisibleAccount(ctx: Context, id: number): Promise<AccountEntity | null> {
  if (ctx.access.principal.kind !== 'staff' || ctx.access.principal.accountId !== id) return null;
  return readable(ctx, 'Account', await loadAccount(ctx, id));
}

/** Accounts by id, batched, without access checks (callers check). */
function loadAccount(ctx: Context, id: number): Promise<AccountEntity | null> {
  return ctx.loaders
    .get<number, AccountEntity | null>('account.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, AccountEntity, await sql(ctx.em, `select * from account where id = any(?::int[])`, [[...ids]])), (a) => a.id))
    .load(id);
}

/** A grant by id for node(id): the caller's own only. */
export async function findVisibleGrant(ctx: Context, id: number): Promise<AccessGrantEntity | null> {
  if (!ctx.access.grants.some((g) => g.grantId === id)) return null;
  const grant = await ctx.loaders
    .get<number, AccessGrantEntity | null>('grant.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, AccessGrantEntity, await sql(ctx.em, `select * from access_grant where id = any(?::int[])`, [[...ids]])), (g) => g.id))
    .load(id);
  return readable(ctx, 'Grant', grant);
}

export async function viewerAccount(ctx: Context): Promise<AccountEntity | null> {
  if (ctx.access.principal.kind !== 'staff') return null;
  return loadAccount(ctx, ctx.access.principal.accountId);
}

/** Accounts that signed in during this request (the sessionCreate payload's viewer), with their new principal. */
const signedIn = new WeakMap<AccountEntity, Principal>();

/** Mark the account object of a sessionCreate payload as answered for the account itself. */
export function signedInAs(account: AccountEntity, principal: Principal): void {
  signedIn.set(account, principal);
}

/** Is this account object the caller's own (the viewer), or the one that just signed in in this request? */
function isOwnAccount(ctx: Context, account: AccountEntity): boolean {
  const principal = signedIn.get(account) ?? ctx.access.principal;
  return principal.kind === 'staff' && principal.accountId === account.id;
}

export function grantsOf(ctx: Context, account: AccountEntity): Promise<AccessGrantEntity[]> {
  // accounts are only ever visible to themselves (viewer), so no scope filter beyond that
  if (!isOwnAccount(ctx, account)) return Promise.resolve([]);
  return ctx.loaders
    .get<number, AccessGrantEntity[]>('grant.byAccount', async (ids) => {
      const rows = fromRows(ctx.em, AccessGrantEntity, await sql(ctx.em, `select * from access_grant where account_id = any(?::int[]) order by id`, [[...ids]]));
      return groupBy(ids, rows, (g) => g.accountId);
    })
    .load(account.id);
}
