import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';

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
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_S = 15 * 60;
export const ACCOUNT_FAILURES_PER_HOUR = 50;
export const ADDRESS_FAILURES_PER_HOUR = 100;
const MAX_PAIRS = 100_000;

interface Pair { failures: number; closedUntil: number; touched: number }

export class SignInThrottle {
  private readonly pairs = new Map<string, Pair>();
  private readonly accounts = new RateLimiterMemory({ keyPrefix: 'signin-account', points: ACCOUNT_FAILURES_PER_HOUR, duration: 3600 });
  private readonly addresses = new RateLimiterMemory({ keyPrefix: 'signin-address', points: ADDRESS_FAILURES_PER_HOUR, duration: 3600 });

  constructor(private readonly enabled: boolean) {}

  /** Seconds to wait before this username may be tried from this address; 0 when it may be tried now. */
  async waitSeconds(username: string, address: string): Promise<number> {
    if (!this.enabled) return 0;
    const now = Date.now();
    const pair = this.pairs.get(`${username}\u0000${address}`);
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
    const pair = this.pairs.get(key) ?? { failures: 0, closedUntil: 0, touched: now };
    pair.failures += 1;
    pair.touched = now;
    if (pair.failures > FREE_FAILURES) pair.closedUntil = now + Math.min(2 ** (pair.failures - FREE_FAILURES), MAX_DELAY_S) * 1000;
    this.pairs.delete(key);
    this.pairs.set(key, pair);
    if (this.pairs.size > MAX_PAIRS) this.pairs.delete(this.pairs.keys().next().value!);
    await Promise.all([this.accounts.penalty(username, 1), this.addresses.penalty(address, 1)]);
  }

  succeeded(username: string, address: string): void {
    this.pairs.delete(`${username}\u0000${address}`);
  }
}

const throttles = new WeakMap<Config, SignInThrottle>();

/** The throttle of the server composed with this configuration (one per API process). */
export function signInThrottle(config: Config): SignInThrottle {
  let t = throttles.get(config);
  if (!t) throttles.set(config, (t = new SignInThrottle(config.RATE_LIMITS)));
  return t;
}
