import type { RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { currentRedis, type SharedRedis } from '../../cluster/redis.js';
import { limiter } from '../../cluster/limiter.js';

/**
 * Sign-in throttling, so that guessing passwords is slow and a real user is never locked out for long:
 *
 * - per username **and** address: the first FREE_FAILURES wrong passwords in a row cost nothing; each further one
 *   closes that pair for 2, 4, 8 … seconds, up to MAX_DELAY_S. A success clears the pair. Someone guessing from
 *   their own address cannot lock the real user out of theirs.
 * - per username from any address: ACCOUNT_FAILURES_PER_HOUR failures in an hour close the account's sign-in
 *   for the rest of that hour (a slow, distributed guess), then it opens again by itself.
 * - per address over any usernames: ADDRESS_FAILURES_PER_HOUR failures in an hour (one address trying many
 *   accounts).
 *
 * Unknown usernames count exactly like known ones, so the answers do not tell which accounts exist.
 *
 * With REDIS_URL every count lives in Redis, so all API instances throttle together; otherwise in this process.
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_S = 15 * 60;
export const ACCOUNT_FAILURES_PER_HOUR = 50;
export const ADDRESS_FAILURES_PER_HOUR = 100;
const MAX_PAIRS = 100_000;

interface Pair { failures: number; closedUntil: number; touched: number }

/** Where the per-pair failure counts live: this process, or Redis for all instances. */
interface PairStore {
  get(key: string): Promise<Pair | undefined>;
  set(key: string, pair: Pair): Promise<void>;
  delete(key: string): Promise<void>;
}

function memoryPairs(): PairStore {
  const pairs = new Map<string, Pair>();
  return {
    get: async (key) => pairs.get(key),
    async set(key, pair) {
      pairs.delete(key);
      pairs.set(key, pair);
      if (pairs.size > MAX_PAIRS) pairs.delete(pairs.keys().next().value!);
    },
    delete: async (key) => void pairs.delete(key),
  };
}

/** A pair is forgotten a day after its last failure (its delay is at most MAX_DELAY_S). */
const PAIR_TTL_S = 24 * 3600;
/** In Redis; while Redis cannot be reached, in this process (sign-in keeps working, throttled per instance). */
function redisPairs(redis: SharedRedis): PairStore {
  const k = (key: string) => `tongxin:signin-pair:${Buffer.from(key).toString('base64url')}`;
  const fallback = memoryPairs();
  return {
    async get(key) {
      try {
        const raw = await redis.commands.get(k(key));
        return raw ? (JSON.parse(raw) as Pair) : undefined;
      } catch {
        return fallback.get(key);
      }
    },
    async set(key, pair) {
      try {
        await redis.commands.set(k(key), JSON.stringify(pair), 'EX', PAIR_TTL_S);
      } catch {
        await fallback.set(key, pair);
      }
    },
    async delete(key) {
      await fallback.delete(key);
      try {
        await redis.commands.del(k(key));
      } catch {
        // expires by itself
      }
    },
  };
}

export class SignInThrottle {
  private readonly pairs: PairStore;
  private readonly accounts;
  private readonly addresses;

  constructor(private readonly enabled: boolean, redis: SharedRedis | null = null) {
    this.pairs = redis ? redisPairs(redis) : memoryPairs();
    this.accounts = limiter(redis, { keyPrefix: 'signin-account', points: ACCOUNT_FAILURES_PER_HOUR, duration: 3600 });
    this.addresses = limiter(redis, { keyPrefix: 'signin-address', points: ADDRESS_FAILURES_PER_HOUR, duration: 3600 });
  }

  /** Seconds to wait before this username may be tried from this address; 0 when it may be tried now. */
  async waitSeconds(username: string, address: string): Promise<number> {
    if (!this.enabled) return 0;
    const now = Date.now();
    const pair = await this.pairs.get(`${username}\u0000${address}`);
    const waits = [pair && pair.closedUntil > now ? (pair.closedUntil - now) / 1000 : 0];
    for (const [limiter, key, max] of [[this.accounts, username, ACCOUNT_FAILURES_PER_HOUR], [this.addresses, address, ADDRESS_FAILURES_PER_HOUR]] as const) {
      const res: RateLimiterRes | null = await limiter.get(key);
      if (res && res.consumedPoints >= max) waits.push(res.msBeforeNext / 1000);
    }
    return Math.ceil(Math.max(...waits));
  }

  async failed(username: string, address: string): Promise<void> {
    if (!this.enabled) return;
    const key = `${username}\u0000${address}`;
    const now = Date.now();
    const pair = (await this.pairs.get(key)) ?? { failures: 0, closedUntil: 0, touched: now };
    pair.failures += 1;
    pair.touched = now;
    if (pair.failures > FREE_FAILURES) pair.closedUntil = now + Math.min(2 ** (pair.failures - FREE_FAILURES), MAX_DELAY_S) * 1000;
    await this.pairs.set(key, pair);
    await Promise.all([this.accounts.penalty(username, 1), this.addresses.penalty(address, 1)]);
  }

  async succeeded(username: string, address: string): Promise<void> {
    await this.pairs.delete(`${username}\u0000${address}`);
  }
}

const throttles = new WeakMap<Config, SignInThrottle>();

/** The throttle of the server composed with this configuration (per process; counts shared through Redis if set). */
export function signInThrottle(config: Config): SignInThrottle {
  let t = throttles.get(config);
  if (!t) throttles.set(config, (t = new SignInThrottle(config.RATE_LIMITS, config.REDIS_URL ? currentRedis() : null)));
  return t;
}
