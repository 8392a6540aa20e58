import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import { logger } from './logger.js';
import { apiSchema } from './app/schema.js';
import { createContext } from './app/context.js';
import type { Context } from './graphql/context.js';
import { UserFacingError } from './graphql/errors.js';
import { queryLimits } from './graphql/limits.js';
import { rejectNulCharacters } from './graphql/input-guard.js';
import { authenticate, setSessionCacheMs } from './modules/access/access.service.js';
import { partnerCostPolicy } from './modules/unit/partner.cost.js';
import { installDataKey } from './app/data-key.js';
import { mountHttpRoutes } from './app/http.js';


const EXPECTED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'COST_LIMIT', 'BUDGET_EXHAUSTED']);

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
  logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
  return { message: '服务器内部错误，请稍后再试 (internal error)', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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
  logger.level = config.LOG_LEVEL;
  installDataKey(config);
  const app = express();
  app.disable('x-powered-by');
  // answers are per caller and never revalidated: no ETag hashing of every body
  app.set('etag', false);
  const httpServer = http.createServer(app);
  const limits = queryLimits(partnerCostPolicy(config));
  const apollo = new ApolloServer<Context>({
    schema: await apiSchema(),
    ...limits.apolloOptions,
    plugins: [
      rejectNulCharacters, ...limits.plugins, ApolloServerPluginDrainHttpServer({ httpServer }),
      // nothing here uses cache hints, traces or Apollo's usage reporting: their per-field hooks would run on every field
      ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled(),
      ...(process.env.NODE_ENV === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...extraPlugins,
    ],
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown (HTTP, then the database)
    stopOnTerminationSignals: false,
    formatError,
  });
  await apollo.start();

  app.get('/healthz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });
  app.use(
    '/graphql',
    (req, res, next) => {
      // cross-origin reads by partner front ends; credentials travel in the Authorization header only
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'authorization, content-type');
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      // partner clients read how long to wait when their budget is used up
      res.setHeader('access-control-expose-headers', 'retry-after');
      // answers depend on the caller's token: never stored by browsers or proxies
      res.setHeader('cache-control', 'no-store');
      if (req.method === 'OPTIONS') res.status(204).end();
      else next();
    },
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        try {
          return createContext(em, config, await authenticate(em, req.headers.authorization));
        } catch (error) {
          if (error instanceof GraphQLError) throw error;
          logger.error({ err: error }, 'authentication failed');
          throw new GraphQLError('服务器内部错误 (internal error)', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } });
        }
      },
    }),
  );

  // REST routes the modules register (exports, Open311): after GraphQL, with the same sign-in
  mountHttpRoutes(app, orm, config);

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
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
