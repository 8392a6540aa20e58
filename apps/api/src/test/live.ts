import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';

export interface LiveSubscription<T = any> {
  /** Everything received so far (data of each `next`), in order. */
  received: T[];
  /** Errors the server sent for this operation. */
  errors: unknown[];
  /** Wait until `predicate` holds for something received (default 5 s); the match. */
  waitFor(predicate: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * Open a graphql-ws connection to an API (`http://…/graphql` becomes `ws://…/graphql`) signed in with `token`,
 * start one subscription and resolve once the server has accepted the connection.
 */
export async function subscribe<T = any>(httpUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<LiveSubscription<T>> {
  const received: T[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let connected!: () => void;
  let refused!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => { connected = resolve; refused = reject; });
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: { connected: () => connected(), closed: (event) => refused(event), error: (error) => refused(error) },
  });
  client.subscribe<T>({ query, variables }, {
    next: (value) => {
      if (value.errors) errors.push(...value.errors);
      if (value.data) received.push(value.data as T);
      for (const w of waiters) w();
    },
    error: (error) => {
      errors.push(error);
      for (const w of waiters) w();
    },
    complete: () => {},
  });
  await ready;
  return {
    received,
    errors,
    waitFor(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = received.find(predicate);
          if (hit !== undefined) { clearTimeout(timer); waiters.delete(check); resolve(hit); }
        };
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`nothing matched within ${timeoutMs} ms; received ${JSON.stringify(received)}, errors ${JSON.stringify(errors)}`)); }, timeoutMs);
        timer.unref();
        waiters.add(check);
        check();
      });
    },
    async close() {
      await client.dispose();
    },
  };
}

/** Let messages in flight arrive (a subscription that should receive nothing is checked after this). */
export const settle = (ms = 500) => new Promise((resolve) => setTimeout(resolve, ms).unref());
