import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

/** A GraphQL error as the API reports it: `extensions.code` is one of UNAUTHENTICATED, FORBIDDEN, COST_LIMIT, BAD_USER_INPUT, INTERNAL_SERVER_ERROR ... */
export interface ApiError {
  message: string;
  code: string;
  path?: readonly (string | number)[];
  /** RATE_LIMITED, BUDGET_EXHAUSTED: seconds to wait before trying again. */
  retryAfterSeconds?: number;
}

/** Thrown when the API cannot be reached or answers with top-level errors and no data. */
export class ApiRequestError extends Error {
  constructor(message: string, readonly errors: ApiError[], readonly status?: number) {
    super(message);
    this.name = 'ApiRequestError';
  }
  get code(): string { return this.errors[0]?.code ?? 'NETWORK_ERROR'; }
}

export interface RequestOptions {
  /** Bearer token of a staff session or a partner token. */
  token?: string | null;
  /** A fetch to use (SvelteKit's event.fetch on the server); defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  signal?: AbortSignal;
  /** Extra headers, e.g. x-forwarded-for of the resident. */
  headers?: Record<string, string>;
}

export interface ApiResult<TData> { data: TData; errors: ApiError[]; extensions?: Record<string, unknown> }

const printed = new WeakMap<DocumentNode, string>();
function source(document: DocumentNode): string {
  let text = printed.get(document);
  if (!text) { text = print(document); printed.set(document, text); }
  return text;
}

/** Run one typed operation. Partial data with field errors is returned; an answer without data throws ApiRequestError. */
export async function request<TData, TVariables extends Record<string, unknown>>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  options: RequestOptions = {},
): Promise<ApiResult<TData>> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await doFetch(url, { method: 'POST', headers, body: JSON.stringify({ query: source(document), variables }), signal: options.signal });
  } catch (cause) {
    throw new ApiRequestError(`API unreachable at ${url}: ${(cause as Error).message}`, [{ message: 'API unreachable', code: 'NETWORK_ERROR' }]);
  }
  let body: { data?: TData | null; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; retryAfterSeconds?: number } }[]; extensions?: Record<string, unknown> };
  try {
    body = await response.json();
  } catch {
    throw new ApiRequestError(`API answered ${response.status} without JSON`, [{ message: response.statusText, code: 'BAD_RESPONSE' }], response.status);
  }
  const retryAfter = Number(response.headers.get('retry-after')) || undefined;
  const errors: ApiError[] = (body.errors ?? []).map((e) => ({
    message: e.message,
    code: e.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
    path: e.path,
    ...(e.extensions?.retryAfterSeconds != null || retryAfter ? { retryAfterSeconds: Number(e.extensions?.retryAfterSeconds ?? retryAfter) } : {}),
  }));
  if (body.data == null) throw new ApiRequestError(errors[0]?.message ?? `API answered ${response.status}`, errors, response.status);
  return { data: body.data, errors, extensions: body.extensions };
}
