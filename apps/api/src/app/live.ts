import type http from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { logger } from '../logger.js';
import { createContext } from './context.js';
import { authenticate } from '../modules/access/index.js';

/** Longest subscription document accepted (the admin site's are a few hundred characters). */
const MAX_DOCUMENT = 8_000;

/**
 * GraphQL subscriptions over graphql-ws on the same port and path as HTTP (`ws://…/graphql`). Only
 * subscriptions travel this way (queries and mutations go over HTTP, where the cost and rate limits apply).
 *
 * Sign-in: the connection's `connectionParams` carry `{ authorization: 'Bearer <token>' }` (a staff session
 * or partner token, like the HTTP header). The token is checked when the connection opens, again for every
 * operation, and before every message is delivered, so a session signed out on any instance ends its
 * subscriptions.
 */
export function serveSubscriptions(httpServer: http.Server, schema: GraphQLSchema, orm: MikroORM, config: Config): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 64 * 1024 });
  const server = useServer<Record<string, unknown>, { authorization?: string }>(
    {
      schema,
      async onConnect(ctx) {
        const params = ctx.connectionParams ?? {};
        const raw = typeof params.authorization === 'string' ? params.authorization : typeof params.token === 'string' ? `Bearer ${params.token}` : undefined;
        if (!raw) return false;
        try {
          const access = await authenticate(orm.em.fork(), raw);
          if (access.principal.kind === 'anonymous') return false;
          ctx.extra.authorization = raw;
          return true;
        } catch (error) {
          if (!(error instanceof GraphQLError)) logger.error({ err: error }, 'subscription sign-in failed');
          return false;
        }
      },
      async onSubscribe(ctx, _id, payload) {
        if (typeof payload.query !== 'string' || payload.query.length > MAX_DOCUMENT) return [new GraphQLError('文档过长 (document too large)')];
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('语法错误 (syntax error)')];
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (!operation || operation.operation !== 'subscription') {
          return [new GraphQLError('此连接只接受订阅；查询与变更请用 HTTP POST /graphql (only subscriptions over WebSocket)', { extensions: { code: 'BAD_USER_INPUT' } })];
        }
        const header = ctx.extra.authorization!;
        let access;
        try {
          access = await authenticate(orm.em.fork(), header);
        } catch (error) {
          // signed out since the connection opened: an error for this operation, not a broken socket
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const address = ctx.extra.request.socket.remoteAddress ?? null;
        const contextValue = createContext(orm.em.fork(), config, access, address);
        contextValue.stillSignedIn = async () => {
          await authenticate(orm.em.fork(), header);
        };
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue };
      },
    },
    wss,
  );
  return {
    async close() {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
