import type { Request, Response } from 'express';
import type { Context } from '../graphql/context.js';
import type { RateBucket } from '../graphql/rate-limit.js';

/**
 * Plain HTTP routes beside GraphQL, registered by the modules that own them: spreadsheet exports and imports
 * (`/export/…`, `/import/…`), Open311 (`/open311/v2/…`). The app mounts them with the same sign-in as GraphQL
 * (`Authorization: Bearer <session or partner token>`), a request context and JSON errors.
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  /** An Express path, e.g. `/export/demands.xlsx` or `/open311/v2/requests/:id.:format`. */
  path: string;
  /** Who may call it: `staff` (a signed-in account), `caller` (staff or partner token), `public` (anyone). */
  auth: 'staff' | 'caller' | 'public';
  /** Largest request body in bytes for POST (default 64 KB); uploads of spreadsheets set more. */
  bodyLimit?: number;
  /** The error a body over `bodyLimit` is answered with (default 413 PAYLOAD_TOO_LARGE). */
  tooLarge?: { code: string; message: string };
  /** Raw body (a Buffer in `req.body`) instead of parsed JSON / form fields. */
  rawBody?: boolean;
  /** Per-address limit for callers without a token (graphql/rate-limit.ts buckets). */
  rateLimit?: RateBucket;
  handler: (ctx: Context, req: Request, res: Response) => Promise<void>;
}

const routes: HttpRoute[] = [];

export function registerHttpRoute(route: HttpRoute): void {
  if (routes.some((r) => r.method === route.method && r.path === route.path)) throw new Error(`HTTP route registered twice: ${route.method} ${route.path}`);
  routes.push(route);
}

export function httpRoutes(): readonly HttpRoute[] {
  return routes;
}

/** An error a route answers with: JSON `{ error: { code, message } }` and this status; never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
