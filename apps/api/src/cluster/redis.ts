import { Redis } from 'ioredis';
import { logger } from '../logger.js';

/**
 * The Redis every API instance shares (REDIS_URL). Two connections per process: one for commands (rate limits,
 * sign-in throttling, publishing) and one in subscriber mode (live updates, identity invalidation), because a
 * subscribed connection can issue no other command.
 */
export interface SharedRedis {
  url: string;
  commands: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

const opened = new Map<string, SharedRedis>();

function connect(url: string, role: string): Redis {
  const client = new Redis(url, {
    // commands wait while the connection comes back instead of failing at once; a limiter that cannot reach
    // Redis answers with its insurance limiter (see app/rate-limit.ts)
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectionName: `tongxin-api-${role}`,
  });
  client.on('error', (error) => logger.warn({ err: error, role }, 'redis connection error'));
  return client;
}

/** The shared connections for `url`, opened once per process. */
export function sharedRedis(url: string): SharedRedis {
  let shared = opened.get(url);
  if (!shared) {
    const commands = connect(url, 'commands');
    const subscriber = connect(url, 'subscriber');
    shared = {
      url,
      commands,
      subscriber,
      async close() {
        opened.delete(url);
        await Promise.allSettled([commands.quit(), subscriber.quit()]);
      },
    };
    opened.set(url, shared);
  }
  return shared;
}

/** The shared connections if this process was configured with REDIS_URL (set by the server at start). */
let current: SharedRedis | null = null;
export function useRedis(redis: SharedRedis | null): void {
  current = redis;
}
export function currentRedis(): SharedRedis | null {
  return current;
}

/** "This caller wrote just now" for read-your-writes with replicas (db/replicas.ts), seen by every instance. */
export function redisSticky(redis: SharedRedis): { mark(key: string, ms: number): Promise<void>; isSticky(key: string): Promise<boolean> } {
  const k = (key: string) => `tongxin:sticky:${key}`;
  return {
    async mark(key, ms) {
      try {
        await redis.commands.set(k(key), '1', 'PX', Math.max(1, Math.round(ms)));
      } catch (error) {
        logger.warn({ err: error }, 'redis unavailable: read-your-writes mark not kept');
      }
    },
    async isSticky(key) {
      try {
        return (await redis.commands.exists(k(key))) === 1;
      } catch {
        // unknown: read from the primary, which is always current
        return true;
      }
    },
  };
}
