import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import type { RateBucket, RateLimiter } from '../graphql/rate-limit.js';
import type { SharedRedis } from '../cluster/redis.js';
import { limiter } from '../cluster/limiter.js';

/**
 * The per-address limits of graphql/rate-limit.ts: counted in Redis across all API instances when REDIS_URL is
 * set, in this process otherwise. RATE_LIMITS=false turns them off (the test harness does, except in the tests
 * of the limits).
 */
export function createRateLimiter(config: Config, redis: SharedRedis | null = null): RateLimiter {
  if (!config.RATE_LIMITS) return { consume: async () => ({ ok: true }) };
  const buckets: Record<RateBucket, RateLimiterAbstract> = {
    publicWrite: limiter(redis, { keyPrefix: 'public-write', points: config.RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE, duration: 60 }),
    lookup: limiter(redis, { keyPrefix: 'lookup', points: config.RATE_LIMIT_LOOKUPS_PER_MINUTE, duration: 60 }),
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
