import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createDatabase, dropDatabase } from '@tongxin/launcher';
import { loadConfig, type Config } from '../config.js';
import { openOrm } from '../db/orm.js';
import { createServer, type ApiServer } from '../server.js';
import { createContext } from '../app/context.js';
import type { Context } from '../graphql/context.js';
import { Access, type Principal } from '../modules/access/index.js';

export interface GqlResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [k: string]: unknown } }[];
  extensions?: Record<string, any>;
}

export interface TestApi {
  url: string;
  orm: MikroORM;
  config: Config;
  /** POST a GraphQL operation; `token` goes in the Authorization header. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>>;
  /** Sign in a demo account (password tongxin-demo) and return its bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** Count the SQL statements the server runs while `fn` runs. */
  /**
   * Run `fn` and count the SQL it sent. `statements` leaves out the sign-in lookups (the token read and its
   * last-used stamp), which come and go with the identity cache's clock; `identity` counts those; `sql` has all.
   */
  countStatements<R>(fn: () => Promise<R>): Promise<{ result: R; statements: number; identity: number; sql: string[] }>;
  /** A request context signed in as a demo staff account with its grants, for calling services directly. */
  staffContext(username: string): Promise<Context>;
  /** Run SQL directly against the test database. */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The statements that turn a bearer token into a principal: the lookup by token hash and the last-used stamp. */
const isIdentityStatement = (text: string) =>
  /where\s+s?\.?token_hash\s*=/i.test(text) || /^\s*update\s+(account_session|partner_token)\s+set\s+last_used_at/i.test(text);

/** A fresh API on its own copy of the seeded demo database, listening on a free port. */
export async function startTestApi(env: Partial<Record<string, string>> = {}): Promise<TestApi> {
  const serverUrl = inject('serverUrl');
  const name = `tongxin_test_${randomBytes(4).toString('hex')}`;
  const databaseUrl = await createDatabase(serverUrl, name, { template: inject('templateDb') });
  // per-address limits off unless a test turns them on: tests send everything from one address
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', RATE_LIMITS: 'false', ...env });
  const orm = await openOrm(databaseUrl, 5);
  const server: ApiServer = await createServer(orm, config);
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  const knex = orm.em.getKnex();
  let recording: string[] | null = null;
  knex.on('query', (q: { sql: string }) => recording?.push(q.sql));

  const api: TestApi = {
    url,
    orm,
    config,
    async gql(query, variables = {}, token) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
      return { ...body, status: res.status };
    },
    async login(username, password = 'tongxin-demo') {
      const res = await api.gql(`mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token userErrors { code message } } }`, { input: { username, password } });
      const token = res.data?.sessionCreate?.token;
      if (!token) throw new Error(`login ${username} failed: ${JSON.stringify(res)}`);
      return token;
    },
    async countStatements(fn) {
      recording = [];
      try {
        const result = await fn();
        const identity = recording.filter(isIdentityStatement).length;
        return { result, statements: recording.length - identity, identity, sql: recording };
      } finally {
        recording = null;
      }
    },
    async staffContext(username) {
      const grants = await api.sql<{ id: number; account_id: number; org_node_id: number; role: string; path: string; community_id: number | null }>(
        `select g.id, g.account_id, g.org_node_id, g.role, n.path, n.community_id from access_grant g join account a on a.id = g.account_id
         join org_node n on n.id = g.org_node_id where a.username = ? order by g.id`, [username]);
      if (!grants.length) throw new Error(`no grants for ${username}`);
      const principal = {
        kind: 'staff', accountId: grants[0].account_id, sessionId: 0,
        grants: grants.map((g) => ({ grantId: g.id, nodeId: g.org_node_id, role: g.role, path: g.path, communityId: g.community_id })),
      } as Principal;
      return createContext(orm.em, config, new Access(principal));
    },
    sql(text, params = []) {
      return orm.em.fork().getConnection().execute(text, params as never[], 'all');
    },
    async close() {
      await server.close();
      await orm.close();
      await dropDatabase(serverUrl, name).catch(() => {});
    },
  };
  return api;
}

/** Build a global ID the way the API does (tests use it to probe ids they should not see). */
export function globalId(type: string, id: number): string {
  return Buffer.from(`tx1:${type}:${id}`, 'utf8').toString('base64url');
}
