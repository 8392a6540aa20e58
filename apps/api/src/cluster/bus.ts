import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { SharedRedis } from './redis.js';
import { logger } from '../logger.js';

/**
 * The message bus between API instances: live updates for GraphQL subscriptions and the invalidation of cached
 * identities. With Redis (REDIS_URL) a message published on one instance reaches the listeners of every
 * instance (Redis pub/sub); without it, those of this process only.
 *
 * Messages about rows are published only after the transaction that changed them commits
 * (`publishAfterCommit`): a listener that reloads the row then sees the change, and a rolled-back change is
 * never announced.
 */
type Topics = Record<string, [unknown]>;
export interface Bus {
  publish(topic: string, message: unknown): void;
  subscribe<T>(topic: string): AsyncIterable<T> & AsyncIterator<T>;
  /** Whether messages reach other instances (Redis) or this process only. */
  readonly shared: boolean;
}

function busOver(pubsub: PubSub<Topics>, shared: boolean): Bus {
  return {
    shared,
    publish: (topic, message) => pubsub.publish(topic, message),
    subscribe: <T>(topic: string) => pubsub.subscribe(topic) as unknown as AsyncIterable<T> & AsyncIterator<T>,
  };
}

export function createBus(redis: SharedRedis | null): Bus {
  if (!redis) return busOver(createPubSub<Topics>(), false);
  // a publish that cannot reach Redis is logged and lost (live updates are a convenience; pages reload fine),
  // never an unhandled rejection
  const publishClient = {
    publish: (channel: string, message: string) =>
      redis.commands.publish(channel, message).catch((error: unknown) => logger.warn({ err: error, channel }, 'redis publish failed')),
  } as unknown as SharedRedis['commands'];
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient: redis.subscriber });
  return busOver(createPubSub<Topics>({ eventTarget }), true);
}

let bus: Bus = createBus(null);

/** The bus of this process (the server installs the Redis one when REDIS_URL is set). */
export function currentBus(): Bus {
  return bus;
}
export function useBus(next: Bus): void {
  bus = next;
}

/** Messages waiting for their transaction, by the EntityManager fork the transaction runs in. */
const pending = new WeakMap<EntityManager, { topic: string; message: unknown }[]>();

/**
 * Publish when `em`'s transaction commits; at once when `em` is in none. Dropped if the transaction rolls back.
 * Needs `afterCommitPublisher` registered on the ORM's event manager (the server does it).
 */
export function publishAfterCommit(em: EntityManager, topic: string, message: unknown): void {
  if (!em.isInTransaction()) {
    bus.publish(topic, message);
    return;
  }
  let queue = pending.get(em);
  if (!queue) pending.set(em, (queue = []));
  queue.push({ topic, message });
}

export const afterCommitPublisher: EventSubscriber = {
  async afterTransactionCommit(args: TransactionEventArgs) {
    const queue = pending.get(args.em as EntityManager);
    if (!queue) return;
    pending.delete(args.em as EntityManager);
    for (const { topic, message } of queue) bus.publish(topic, message);
  },
  async afterTransactionRollback(args: TransactionEventArgs) {
    pending.delete(args.em as EntityManager);
  },
};
