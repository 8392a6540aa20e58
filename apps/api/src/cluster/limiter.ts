import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { SharedRedis } from './redis.js';

/**
 * A limiter counted in Redis when the instances share one (every instance takes from the same budget), in this
 * process otherwise. If Redis cannot be reached, the Redis limiter counts in this process meanwhile
 * (`insuranceLimiter`) rather than failing the request or letting everything through.
 */
export function limiter(redis: SharedRedis | null, opts: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory(opts);
  if (!redis) return memory;
  return new RateLimiterRedis({ ...opts, keyPrefix: `tongxin:${opts.keyPrefix}`, storeClient: redis.commands, insuranceLimiter: memory });
}
