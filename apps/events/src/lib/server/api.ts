import { env } from '$env/dynamic/private';
import { error, type RequestEvent } from '@sveltejs/kit';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApiRequestError, request, type ApiResult } from '@tongxin/graphql-client';
import { answerCache } from './shared-cache';

export function apiUrl(): string {
  return env.API_URL || 'http://127.0.0.1:4000/graphql';
}

type ApiEvent = Pick<RequestEvent, 'getClientAddress'>;

async function send<TData, TVariables extends Record<string, unknown>>(
  event: ApiEvent,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TData>> {
  let clientAddress: string | undefined;
  try {
    clientAddress = event.getClientAddress();
  } catch {
    // no socket address (e.g. during a build-time render): send nothing rather than a wrong address
  }
  // Plain fetch, not event.fetch: SvelteKit would pass the resident's cookies on to an API on the same host name.
  const result = await request(apiUrl(), document, variables, {
    headers: clientAddress ? { 'x-forwarded-for': clientAddress } : {},
  });
  if (result.errors.length > 0) console.warn('API answered with partial errors', result.errors);
  return result;
}

/** Faults become error pages in Chinese. */
function fail(cause: unknown): never {
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
  try {
    return (await send(event, document, variables)).data;
  } catch (cause) {
    fail(cause);
  }
}

const operationNames = new WeakMap<object, string>();

function operationName(document: TypedDocumentNode<unknown, never>): string {
  let name = operationNames.get(document);
  if (!name) {
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
    if (operation?.kind !== 'OperationDefinition' || operation.operation !== 'query' || !operation.name) {
      throw new Error('Only named queries can be shared between visitors');
    }
    name = operation.name.value;
    operationNames.set(document, name);
  }
  return name;
}

/** Same variables, same key, whatever order the object was built in. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A query whose answer is the same for every visitor (no token, no cookie goes to the API), answered
 * from the shared cache for a few seconds (see shared-cache.ts). `shows` names the activities in the
 * answer, so that a sign-up for one of them drops it. The API is asked with the address of the
 * visitor who happened to miss the cache.
 *
 * Only page views (GET) read the cache: after a form action the page is rendered from a fresh answer.
 * The data is shared by every visitor who gets it: read it, never change it.
 */
export async function publicApi<TData, TVariables extends Record<string, unknown>>(
  event: ApiEvent & Pick<RequestEvent, 'request'>,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  shows: (data: TData) => Iterable<string | null | undefined>,
): Promise<TData> {
  if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return api(event, document, variables);
  const key = `${operationName(document)}\n${stableJson(variables)}`;
  try {
    const answer = await answerCache().get(key, async () => {
      const result = await send(event, document, variables);
      const activityIds = [...shows(result.data)].filter((id): id is string => !!id);
      return { data: result.data, activityIds, partial: result.errors.length > 0 };
    });
    return answer.data as TData;
  } catch (cause) {
    fail(cause);
  }
}
