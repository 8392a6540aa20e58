import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { logger } from '../logger.js';
import { HttpError, httpRoutes, type HttpRoute } from '../http/registry.js';
import { authenticate } from '../modules/access/access.service.js';
import { createContext } from './context.js';

/** JSON error body of every plain HTTP route: never HTML, never a stack trace. */
export function sendHttpError(res: Response, status: number, code: string, message: string, details?: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).setHeader('cache-control', 'no-store').json({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** Mount the modules' HTTP routes (see http/registry.ts) with sign-in, a request context and JSON errors. */
export function mountHttpRoutes(app: express.Express, orm: MikroORM, config: Config): void {
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
      await route.handler(createContext(em, config, access), req, res);
    };
    app[route.method === 'GET' ? 'get' : 'post'](route.path, ...(Array.isArray(parse) ? parse : [parse]), (req: Request, res: Response, next: NextFunction) => {
      handle(req, res).catch(next);
    });
  }
  // body-parser failures and faults of these routes: JSON, with the status they deserve
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!httpRoutes().some((r: HttpRoute) => req.path.startsWith(r.path.split('/:')[0].split('.')[0]))) return next(error);
    if (error instanceof HttpError) return sendHttpError(res, error.status, error.code, error.message, error.details);
    const status = (error as { status?: number; type?: string }).status;
    if (status === 413) return sendHttpError(res, 413, 'PAYLOAD_TOO_LARGE', '文件或请求过大 (request body too large)');
    if (status === 400) return sendHttpError(res, 400, 'BAD_REQUEST', '请求格式错误 (malformed request body)');
    logger.error({ err: error, path: req.path }, 'unexpected error in HTTP route');
    sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', '服务器内部错误，请稍后再试 (internal error)');
  });
}
