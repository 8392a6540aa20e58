import { env } from '$env/dynamic/private';
import { error, type RequestEvent } from '@sveltejs/kit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApiRequestError, request } from '@tongxin/graphql-client';

export function apiUrl(): string {
  return env.API_URL || 'http://127.0.0.1:4000/graphql';
}

type ApiEvent = Pick<RequestEvent, 'getClientAddress'>;

/**
 * Run one typed operation for the resident behind `event`. The resident's address goes along as
 * x-forwarded-for so the API's per-client limits apply to the resident, not to this server.
 * Faults become error pages in Chinese; the caller only sees data.
 */
export async function api<TData, TVariables extends Record<string, unknown>>(
  event: ApiEvent,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  let clientAddress: string | undefined;
  try {
    clientAddress = event.getClientAddress();
  } catch {
    // no socket address (e.g. during a build-time render): send nothing rather than a wrong address
  }
  try {
    // Plain fetch, not event.fetch: SvelteKit would pass the resident's cookies on to an API on the same host name.
    const result = await request(apiUrl(), document, variables, {
      headers: clientAddress ? { 'x-forwarded-for': clientAddress } : {},
    });
    if (result.errors.length > 0) console.warn('API answered with partial errors', result.errors);
    return result.data;
  } catch (cause) {
    if (!(cause instanceof ApiRequestError)) throw cause;
    switch (cause.code) {
      case 'BAD_USER_INPUT':
      case 'NOT_FOUND':
        error(404, '页面不存在，或链接有误');
      case 'TOO_MANY_REQUESTS':
      case 'RATE_LIMITED':
        error(429, '操作太频繁，请稍后再试');
      default:
        console.error('API request failed', cause.message, cause.errors);
        error(503, '活动服务暂时无法访问，请稍后再试');
    }
  }
}
