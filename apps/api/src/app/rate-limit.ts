import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { RateBucket, RateLimiter } from '../graphql/rate-limit.js';

/**
 * The per-address limits of graphql/rate-limit.ts, counted in this process (one API process per installation;
 * several processes behind a balancer share the budget only approximately, each counting its own callers).
 * RATE_LIMITS=false turns them off (the test harness does, except in the tests of the limits).
 */
export function createRateLimiter(config: Config): RateLimiter {
  if (!config.RATE_LIMITS) return { consume: async () => ({ ok: true }) };
  const buckets: Record<RateBucket, RateLimiterMemory> = {
    publicWrite: new RateLimiterMemory({ keyPrefix: 'public-write', points: config.RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE, duration: 60 }),
    lookup: new RateLimiterMemory({ keyPrefix: 'lookup', points: config.RATE_LIMIT_LOOKUPS_PER_MINUTE, duration: 60 }),
  };
  return {
    async consume(bucket, key) {
      try {
        await buckets[bucket].consume(key);
        return { ok: true };
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: refusal.msBeforeNext / 1000 };
        throw refusal;
      }
    },
  };
}
