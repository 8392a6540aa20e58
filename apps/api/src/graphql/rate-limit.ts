import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Context } from './context.js';

/**
 * Per-address limits on what anyone may do without signing in. A module marks its public root fields with a
 * bucket (`rateLimitField('submitDemand', 'publicWrite')`); the plugin charges the caller's address once per
 * occurrence (aliases included) before the operation runs. Signed-in staff and partner tokens are not charged
 * here: staff sessions are accounts the committee hands out, partner tokens pay from their budget.
 */
export type RateBucket = 'publicWrite' | 'lookup';

export interface RateLimiter {
  /** Take one unit from `bucket` for `key`; refused: how long until one is free again. */
  consume(bucket: RateBucket, key: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}

const limitedFields = new Map<string, RateBucket>();

export function rateLimitField(field: string, bucket: RateBucket): void {
  limitedFields.set(field, bucket);
}

export function rateLimitedFields(): ReadonlyMap<string, RateBucket> {
  return limitedFields;
}

/** The typed refusal: HTTP 429 with Retry-After, code RATE_LIMITED. */
export function rateLimited(retryAfterSeconds: number, what = '请求'): GraphQLError {
  const wait = Math.max(1, Math.ceil(retryAfterSeconds));
  return new GraphQLError(`${what}过于频繁，请 ${wait} 秒后再试 (too many requests; retry in ${wait} s)`, {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: wait, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } },
  });
}

function rootFields(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, out: string[], seen = new Set<string>()): string[] {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) out.push(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFields(s.selectionSet, fragments, out, seen);
    else if (!seen.has(s.name.value) && fragments[s.name.value]) {
      seen.add(s.name.value);
      rootFields(fragments[s.name.value].selectionSet, fragments, out, seen);
    }
  }
  return out;
}

export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation || contextValue.access.principal.kind !== 'anonymous') return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          for (const field of rootFields(operation.selectionSet, fragments, [])) {
            const bucket = limitedFields.get(field);
            if (!bucket) continue;
            const result = await limiter.consume(bucket, contextValue.clientAddress ?? 'unknown');
            if (!result.ok) throw rateLimited(result.retryAfterSeconds);
          }
        },
      };
    },
  };
}
