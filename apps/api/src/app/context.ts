import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Context } from '../graphql/context.js';
import { Loaders } from '../graphql/loaders.js';
import { Access } from '../modules/access/access.scope.js';

/** A request's context: its own EntityManager and loaders, and the caller's access (anonymous unless given). */
export function createContext(em: EntityManager, config: Config, access: Access = Access.anonymous(), clientAddress: string | null = null): Context {
  return { em: em.fork(), access, loaders: new Loaders(access.scopeKey), config, cost: null, clientAddress };
}
