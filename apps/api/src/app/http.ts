import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { logger, requestScope } from '../logger.js';
import type { RateLimiter } from '../graphql/rate-limit.js';
import { HttpError, httpRoutes, type HttpRoute } from '../http/registry.js';
import { authenticate } from '../modules/access/access.service.js';
import { createContext, langOf } from './context.js';

/** JSON error body of every plain HTTP route: never HTML, never a stack trace. */
export function sendHttpError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).setHeader('cache-control', 'no-store').json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** Express's "trust proxy" value from TRUST_PROXY: `false`, a hop count, or addresses / names (`loopback`, CIDRs). */
export function trustProxySetting(value: string): boolean | number | string[] {
  const v = value.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Every request gets an id: the caller's `X-Request-Id` when it is a plain token, else a new one. It is sent
 * back in `X-Request-Id` and is on every log line written while the request runs.
 */
export const requestIds: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  (req as Request & { id?: string }).id = id;
  requestScope.run({ requestId: id }, next);
};

/** Body parsers answer from stream events, outside the request's async scope: enter it again after them. */
const reenterScope: RequestHandler = (req, _res, next) => {
  const id = (req as Request & { id?: string }).id;
  if (id) requestScope.run({ requestId: id }, next);
  else next();
};

/** A GraphQL error body (`{ errors: [{ message, extensions: { code } }] }`) with this status, for failures before Apollo. */
export function sendGraphqlError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).setHeader('cache-control', 'no-store').json({ errors: [{ message, extensions: { code } }] });
}

/** Is this the database being down or unreachable (rather than a bug)? Then callers get 503, not 500. */
export function isDatabaseDown(error: unknown): boolean {
  const e = error as { code?: string; message?: string; errno?: number } | null;
  if (!e) return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004'].includes(String(e.code))) return true;
  if (e.code === '55000' && /not currently accepting connections/.test(e.message ?? '')) return true;
  return /Connection terminated|Connection ended unexpectedly|connect ECONNREFUSED|timeout exceeded when trying to connect|Knex: Timeout acquiring a connection|the database system is (starting up|shutting down)|terminating connection due to administrator command|Client has encountered a connection error/i.test(e.message ?? '');
}

/**
 * What POST /graphql needs before Apollo sees it: a JSON body (else 415), no bigger than the limit (else 413),
 * that parses (else 400); each refusal a GraphQL error body, never an HTML page or a stack trace. GET (queries
 * only, Apollo's CSRF rule) passes through.
 */
export function guardGraphqlRequests(options: { bodyLimit: string }): (RequestHandler | ErrorRequestHandler)[] {
  const json = express.json({ limit: options.bodyLimit, type: ['application/json', 'application/graphql-response+json', 'application/*+json'] });
  return [
    (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'POST') return next();
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
        return sendGraphqlError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', '请以 application/json 发送 GraphQL 请求 (send GraphQL requests as Content-Type: application/json)');
      }
      next();
    },
    json,
    ((error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const e = error as { status?: number; type?: string };
      if (e?.status === 413) return sendGraphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `请求过大，上限为 ${options.bodyLimit} (request body over ${options.bodyLimit})`);
      if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return sendGraphqlError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', '不支持的字符集或编码 (unsupported charset or content encoding)');
      if (e?.status && e.status >= 400 && e.status < 500) return sendGraphqlError(res, 400, 'BAD_REQUEST', '请求体不是有效的 JSON (the body is not valid JSON)');
      next(error);
    }) as ErrorRequestHandler,
    reenterScope,
  ];
}

/** After every route: JSON 404 for unknown paths, and a JSON 500 without internals for faults nobody handled. */
export function mountFallbacks(app: express.Express): void {
  app.use((req: Request, res: Response) => {
    sendHttpError(res, 404, 'NOT_FOUND', `没有这个地址 (no such path: ${req.method} ${req.path.slice(0, 200)})`);
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status === 413) return sendHttpError(res, 413, 'PAYLOAD_TOO_LARGE', '请求过大 (request body too large)');
    if (status && status >= 400 && status < 500) return sendHttpError(res, 400, 'BAD_REQUEST', '请求格式错误 (malformed request)');
    if (isDatabaseDown(error)) {
      res.setHeader('retry-after', '5');
      return sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', '数据库暂时不可用，请稍后再试 (the database is unavailable; retry shortly)');
    }
    logger.error({ err: error, path: req.path }, 'unexpected error in HTTP request');
    sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后再试 (internal error)');
  });
}

/** Mount the modules' HTTP routes (see http/registry.ts) with sign-in, a request context and JSON errors. */
export function mountHttpRoutes(app: express.Express, orm: MikroORM, config: Config, limiter?: RateLimiter): void {
  for (const route of httpRoutes()) {
    const parse =
      route.method === 'POST'
        ? route.rawBody
          ? express.raw({ type: () => true, limit: route.bodyLimit ?? 64 * 1024 })
          : [express.json({ limit: route.bodyLimit ?? 64 * 1024 }), express.urlencoded({ extended: false, limit: route.bodyLimit ?? 64 * 1024 })]
        : [];
    const handle = async (req: Request, res: Response) => {
      const em = orm.em.fork();
      let access;
      try {
        access = await authenticate(em, req.headers.authorization);
      } catch (error) {
        if (error instanceof GraphQLError) return sendHttpError(res, 401, 'UNAUTHENTICATED', error.message);
        throw error;
      }
      if (route.auth === 'staff' && !access.isStaff) return sendHttpError(res, 401, 'UNAUTHENTICATED', '请先登录 (sign in first)');
      if (route.auth === 'caller' && !access.isStaff && !access.isPartner) return sendHttpError(res, 401, 'UNAUTHENTICATED', '需要登录或合作单位令牌 (a session or partner token is required)');
      if (route.rateLimit && limiter && !access.isStaff && !access.isPartner) {
        const result = await limiter.consume(route.rateLimit, req.ip ?? 'unknown');
        if (!result.ok) {
          const wait = Math.max(1, Math.ceil(result.retryAfterSeconds));
          res.setHeader('retry-after', String(wait));
          return sendHttpError(res, 429, 'RATE_LIMITED', `请求过于频繁，请 ${wait} 秒后再试 (too many requests; retry in ${wait} s)`);
        }
      }
      await route.handler(createContext(em, config, access, req.ip ?? null, langOf(req.headers['accept-language'])), req, res);
    };
    app[route.method === 'GET' ? 'get' : 'post'](route.path, ...(Array.isArray(parse) ? parse : [parse]), reenterScope, (req: Request, res: Response, next: NextFunction) => {
      handle(req, res).catch(next);
    });
  }
  // body-parser failures and faults of these routes: JSON, with the status they deserve
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!httpRoutes().some((r: HttpRoute) => req.path.startsWith(r.path.split('/:')[0].split('.')[0]))) return next(error);
    if (error instanceof HttpError) return sendHttpError(res, error.status, error.code, error.message, error.details);
    const status = (error as { status?: number; type?: string }).status;
    if (status === 413) {
      const own = httpRoutes().find((r: HttpRoute) => r.tooLarge && r.method === req.method && req.path.startsWith(r.path.split('/:')[0]));
      return sendHttpError(res, 413, own?.tooLarge?.code ?? 'PAYLOAD_TOO_LARGE', own?.tooLarge?.message ?? '文件或请求过大 (request body too large)');
    }
    if (status === 400) return sendHttpError(res, 400, 'BAD_REQUEST', '请求格式错误 (malformed request body)');
    if (isDatabaseDown(error)) {
      res.setHeader('retry-after', '5');
      return sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', '数据库暂时不可用，请稍后再试 (the database is unavailable; retry shortly)');
    }
    logger.error({ err: error, path: req.path }, 'unexpected error in HTTP route');
    sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后再试 (internal error)');
  });
}
