import http from 'node:http';
import express from 'express';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, visit, type GraphQLFormattedError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import { logger } from './logger.js';
import { apiSchema } from './app/schema.js';
import { createContext, langOf } from './app/context.js';
import type { Context } from './graphql/context.js';
import { UserFacingError } from './graphql/errors.js';
import { queryLimits } from './graphql/limits.js';
import { rejectNulCharacters } from './graphql/input-guard.js';
import { authenticate, setSessionCacheMs, setSessionIdleMinutes } from './modules/access/access.service.js';
import { partnerCostPolicy } from './modules/unit/partner.cost.js';
import { installDataKey } from './app/data-key.js';
import { guardGraphqlRequests, isDatabaseDown, mountHttpRoutes, mountFallbacks, requestIds, trustProxySetting } from './app/http.js';
import { createRateLimiter } from './app/rate-limit.js';
import { rateLimitPlugin } from './graphql/rate-limit.js';
import { migrations } from './db/migrations/index.js';
import { redisSticky, sharedRedis, useRedis } from './cluster/redis.js';
import { attachReplicas, readsFor, ReadReplicas } from './db/replicas.js';
import type { Access } from './modules/access/index.js';
import { afterCommitPublisher, createBus, useBus } from './cluster/bus.js';
import { followIdentityInvalidations } from './modules/access/index.js';
import { serveSubscriptions } from './app/live.js';


const EXPECTED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'COST_LIMIT', 'BUDGET_EXHAUSTED', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/** Faults never leak internals: a known code passes through, anything else becomes a generic message. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof UserFacingError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT', userErrors: original.errors } };
  }
  const code = formatted.extensions?.code as string | undefined;
  if (code && EXPECTED_CODES.has(code)) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (isDatabaseDown(original)) {
    return { message: '数据库暂时不可用，请稍后再试 (the database is unavailable; retry shortly)', path: formatted.path, locations: formatted.locations, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  }
  logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
  return { message: '服务器内部错误，请稍后再试 (internal error)', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Partner developers read the schema from schema.graphql and docs/partner-api.md. Live introspection answers
 * signed-in callers and partner tokens always, callers without a token when `allowAnonymous` (INTROSPECTION;
 * default: everywhere but production). `__typename` is not introspection.
 */
export function introspectionGate(allowAnonymous: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (allowAnonymous || contextValue.access.principal.kind !== 'anonymous') return;
          let asks = false;
          visit(document, { Field(node) { if (node.name.value === '__schema' || node.name.value === '__type') asks = true; } });
          if (asks) {
            throw new GraphQLError('此服务不向未登录的调用方提供内省查询，请参阅 schema.graphql (introspection is not available without a token; see schema.graphql)', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/**
 * An answer whose errors include SERVICE_UNAVAILABLE (the database was down for part of it) goes out as HTTP 503
 * with Retry-After, so clients and balancers retry instead of taking it as an answer.
 */
export const unavailableIs503: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        if (errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', '5');
        }
      },
    };
  },
};

/** Whose writes a read must see (read-your-writes with replicas): the session, the partner token, or the address. */
function readerKey(access: Access, address: string | null): string {
  const p = access.principal;
  if (p.kind === 'staff') return `session:${p.sessionId}`;
  if (p.kind === 'partner') return `partner:${access.scopeKey}`;
  return `address:${address ?? 'unknown'}`;
}

const withPublisher = new WeakSet<object>();
/** Messages queued with publishAfterCommit go out when their transaction commits (once per ORM). */
function registerAfterCommitPublisher(orm: MikroORM): void {
  const events = orm.em.getEventManager();
  if (withPublisher.has(events)) return;
  withPublisher.add(events);
  events.registerSubscriber(afterCommitPublisher);
}

export interface ApiServer {
  app: express.Express;
  httpServer: http.Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** Build the HTTP server: POST /graphql (Apollo), GET /healthz. Shared by main.ts and the tests. */
export async function createServer(orm: MikroORM, config: Config, extraPlugins: ApolloServerPlugin<Context>[] = []): Promise<ApiServer> {
  setSessionCacheMs(config.SESSION_CACHE_MS);
  setSessionIdleMinutes(config.SESSION_IDLE_MINUTES);
  logger.level = config.LOG_LEVEL;
  installDataKey(config);
  const production = process.env.NODE_ENV === 'production';
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.use(requestIds);
  // answers are per caller and never revalidated: no ETag hashing of every body
  app.set('etag', false);
  const httpServer = http.createServer(app);
  const limits = queryLimits(partnerCostPolicy(config), { suggestions: !production });
  // what instances share: Redis when REDIS_URL is set (rate limits, sign-in throttling, the bus), else this process
  const redis = config.REDIS_URL ? sharedRedis(config.REDIS_URL) : null;
  useRedis(redis);
  useBus(createBus(redis));
  registerAfterCommitPublisher(orm);
  const stopIdentityFollow = followIdentityInvalidations();
  const rateLimiter = createRateLimiter(config, redis);
  // heavy reads on streaming replicas (db/replicas.ts), with read-your-writes for the caller that wrote
  const replicas = config.DATABASE_REPLICA_URLS.length
    ? new ReadReplicas({ urls: config.DATABASE_REPLICA_URLS, maxLagSeconds: config.REPLICA_MAX_LAG_SECONDS, stickySeconds: config.REPLICA_STICKY_SECONDS, sticky: redis ? redisSticky(redis) : null })
    : null;
  if (replicas) {
    await replicas.start();
    attachReplicas(orm, replicas);
  }
  const stickyAfterMutations: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue }) {
          if (replicas && operation?.operation === 'mutation') await replicas.markWrote(readerKey(contextValue.access, contextValue.clientAddress));
        },
      };
    },
  };
  const schema = await apiSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    ...limits.apolloOptions,
    plugins: [
      rejectNulCharacters, ...limits.plugins, rateLimitPlugin(rateLimiter), stickyAfterMutations, unavailableIs503, introspectionGate(config.INTROSPECTION ?? !production), ApolloServerPluginDrainHttpServer({ httpServer }),
      // nothing here uses cache hints, traces or Apollo's usage reporting: their per-field hooks would run on every field
      ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(),
      ...(process.env.NODE_ENV === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...extraPlugins,
    ],
    // introspectionGate decides who may introspect
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown (HTTP, then the database)
    stopOnTerminationSignals: false,
    formatError,
  });
  await apollo.start();

  // the process is up (a load balancer's liveness probe)
  app.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ ok: true });
  });
  // ready for traffic: the database answers and every migration this code knows is applied
  app.get('/readyz', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    try {
      const rows = await orm.em.getConnection().execute<{ name: string }[]>('select name from mikro_orm_migrations');
      const applied = new Set(rows.map((r) => r.name.replace(/\.[jt]s$/, '')));
      const pending = migrations.map((m) => m.name).filter((name) => !applied.has(name));
      if (pending.length) res.status(503).json({ ok: false, database: true, pendingMigrations: pending });
      else res.json({ ok: true, database: true, migrations: applied.size });
    } catch {
      res.status(503).json({ ok: false, database: false });
    }
  });
  app.use(
    '/graphql',
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      // cross-origin reads by partner front ends; credentials travel in the Authorization header only
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      // partner clients read how long to wait when their budget is used up
      res.setHeader('access-control-expose-headers', 'retry-after, x-request-id');
      // answers depend on the caller's token: never stored by browsers or proxies
      res.setHeader('cache-control', 'no-store');
      if (req.method === 'OPTIONS') res.status(204).end();
      else next();
    },
    ...guardGraphqlRequests({ bodyLimit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        try {
          const access = await authenticate(em, req.headers.authorization);
          const ctx = createContext(em, config, access, req.ip ?? null, langOf(req.headers['accept-language']));
          if (replicas) readsFor(ctx.em, readerKey(access, ctx.clientAddress));
          return ctx;
        } catch (error) {
          if (error instanceof GraphQLError) throw error;
          if (isDatabaseDown(error)) throw new GraphQLError('数据库暂时不可用，请稍后再试 (the database is unavailable; retry shortly)', { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: new HeaderMap([['retry-after', '5']]) } } });
          logger.error({ err: error }, 'authentication failed');
          throw new GraphQLError('服务器内部错误 (internal error)', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } });
        }
      },
    }),
  );

  // REST routes the modules register (exports, Open311): after GraphQL, with the same sign-in
  mountHttpRoutes(app, orm, config, rateLimiter);
  // anything else: JSON 404; a fault no handler expected: JSON 500 without internals
  mountFallbacks(app);
  // subscriptions: graphql-ws on the same port, path /graphql
  const subscriptions = serveSubscriptions(httpServer, schema, orm, config);

  return {
    app,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: async () => {
      // idle keep-alive sockets would otherwise hold the drain for its whole grace period
      httpServer.closeIdleConnections();
      await subscriptions.close();
      stopIdentityFollow();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await redis?.close();
      await replicas?.close();
    },
  };
}
