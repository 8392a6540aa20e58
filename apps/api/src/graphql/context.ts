import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { Access } from '../modules/access/access.scope.js';
import { Loaders } from './loaders.js';

/** Everything a resolver may use; made fresh for each request. */
export interface Context {
  /** A forked EntityManager: its identity map lives for this request only. */
  em: EntityManager;
  /** Who is calling; fixed for the whole request (the loaders are keyed by it). */
  readonly access: Access;
  loaders: Loaders;
  config: Config;
  /** The request's price and the caller's remaining budget, filled in by the cost plugin. */
  cost: { requested: number; remaining: number | null; limit: number | null } | null;
}

export function createContext(em: EntityManager, config: Config, access: Access = Access.anonymous()): Context {
  return { em: em.fork(), access, loaders: new Loaders(access.scopeKey), config, cost: null };
}
