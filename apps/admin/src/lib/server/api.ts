import { env } from '$env/dynamic/private';
import { error, redirect, type Cookies } from '@sveltejs/kit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApiRequestError, request } from '@tongxin/graphql-client';
import { clearSessionCookie, loginUrl } from './session';
import { getLocale, m } from '$lib/i18n';

export function apiUrl(): string {
  return env.API_URL || 'http://127.0.0.1:4000/graphql';
}

interface ApiEvent {
  locals: App.Locals;
  cookies: Cookies;
  url: URL;
}

/** The user's language for the API's messages (userErrors): English when the site is in English, else Chinese. */
function languageHeaders(): Record<string, string> {
  let english = false;
  try {
    english = getLocale() === 'en';
  } catch {
    // outside a request (no locale to read): Chinese
  }
  return { 'accept-language': english ? 'en' : 'zh-CN' };
}

/**
 * Run an operation for the signed-in user of this request. A missing or expired session sends the user to
 * /login (and drops the stale cookie); an unreachable API becomes a 503 page instead of a crash.
 */
export async function query<TData, TVariables extends Record<string, unknown>>(
  event: ApiEvent,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  if (!event.locals.token) redirect(303, loginUrl(event.url));
  try {
    const result = await request(apiUrl(), document, variables, { token: event.locals.token, headers: languageHeaders() });
    if (result.errors.some((e) => e.code === 'UNAUTHENTICATED')) signOutLocally(event);
    return result.data;
  } catch (cause) {
    if (cause instanceof ApiRequestError) {
      if (cause.errors.some((e) => e.code === 'UNAUTHENTICATED')) signOutLocally(event);
      if (cause.code === 'FORBIDDEN') error(403, m.api_forbidden());
      if (cause.code === 'NETWORK_ERROR' || cause.code === 'BAD_RESPONSE') error(503, m.login_unreachable());
    }
    throw cause;
  }
}

/**
 * Run an operation outside the signed-in page flow: signing in and signing out. `clientAddress` (the browser's)
 * goes along as x-forwarded-for, so the API's sign-in throttling counts the person, not this server.
 */
export function sessionRequest<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string | null,
  clientAddress?: string,
) {
  return request(apiUrl(), document, variables, { token, headers: { ...languageHeaders(), ...(clientAddress ? { 'x-forwarded-for': clientAddress } : {}) } });
}

export function signOutLocally(event: ApiEvent): never {
  clearSessionCookie(event.cookies, event.url);
  event.locals.token = null;
  redirect(303, loginUrl(event.url));
}

/** The API's origin, for its plain HTTP routes beside GraphQL (exports, imports). */
export function apiOrigin(): string {
  return apiUrl().replace(/\/graphql\/?$/, '');
}

/**
 * Pass a request through to one of the API's plain HTTP routes for the signed-in user, streaming the answer back
 * (spreadsheet exports) without holding it in memory. The bearer token stays on the server.
 */
export async function forwardToApi(event: ApiEvent & { request: Request }, path: string, init: { method?: 'GET' | 'POST'; body?: BodyInit; contentType?: string } = {}): Promise<Response> {
  if (!event.locals.token) redirect(303, loginUrl(event.url));
  let res: Response;
  try {
    res = await fetch(`${apiOrigin()}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${event.locals.token}`, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
      body: init.body,
      // @ts-expect-error Node's fetch needs this to stream a request body
      duplex: init.body ? 'half' : undefined,
    });
  } catch {
    error(503, m.login_unreachable());
  }
  if (res.status === 401) signOutLocally(event);
  const headers = new Headers();
  for (const name of ['content-type', 'content-disposition', 'cache-control']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { status: res.status, headers });
}
