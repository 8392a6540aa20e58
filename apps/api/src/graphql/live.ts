import { GraphQLError } from 'graphql';
import type { Context } from './context.js';

/**
 * Helpers for GraphQL subscriptions (served over graphql-ws by app/live.ts). A subscription listens to a bus
 * topic and, for every message, reloads the row as its subscriber and yields it only if the subscriber may
 * read it now: a subscriber never receives what it could not query.
 *
 * The context of a subscription lives as long as the subscription: each message gets a clean identity map and
 * fresh loaders, so it sees the row as committed, not as it was when the subscription began.
 */
export async function* filtered<M, R>(ctx: Context, messages: AsyncIterable<M> & AsyncIterator<M>, pick: (message: M) => Promise<R | null>): AsyncGenerator<R> {
  try {
    for await (const message of messages) {
      await ctx.stillSignedIn?.();
      ctx.em.clear();
      ctx.loaders.clearAll();
      const row = await pick(message);
      if (row != null) yield row;
    }
  } finally {
    await messages.return?.();
  }
}

export function notFoundForSubscription(what: string): GraphQLError {
  return new GraphQLError(`找不到${what} (not found)`, { extensions: { code: 'BAD_USER_INPUT' } });
}
