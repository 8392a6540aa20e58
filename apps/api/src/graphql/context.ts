import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Loaders } from './loaders.js';

/**
 * Everything a resolver may use; made fresh for each request (app/context.ts). Modules add what they own by
 * declaration merging: the caller's `access` comes from the access module (modules/access/context.ts).
 */
export interface Context {
  /** A forked EntityManager: its identity map lives for this request only. */
  em: EntityManager;
  loaders: Loaders;
  config: Config;
  /** The caller's address: the socket's, or X-Forwarded-For from a trusted proxy (TRUST_PROXY); null outside HTTP. */
  clientAddress: string | null;
  /**
   * The caller's language for messages meant for people (userErrors): 'en' when the HTTP request's
   * Accept-Language starts with `en` or `en-*`, else 'zh' (also for subscriptions and calls outside HTTP).
   */
  lang: 'zh' | 'en';
  /** The request's price and the caller's remaining budget, filled in by the cost plugin. */
  cost: { requested: number; remaining: number | null; limit: number | null } | null;
  /**
   * Subscriptions only (app/live.ts): checks the subscriber's sign-in is still valid before each message is
   * delivered, and throws when it is not (a session signed out on any instance ends its subscriptions).
   */
  stillSignedIn?: () => Promise<void>;
}
