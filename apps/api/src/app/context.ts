import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Context } from '../graphql/context.js';
import { Loaders } from '../graphql/loaders.js';
import { langOf, type Lang } from '../graphql/user-errors.i18n.js';
import { Access } from '../modules/access/access.scope.js';

/**
 * A request's context: its own EntityManager and loaders, the caller's access (anonymous unless given) and
 * language (Chinese unless given; see langOf for reading it from Accept-Language).
 */
export function createContext(em: EntityManager, config: Config, access: Access = Access.anonymous(), clientAddress: string | null = null, lang: Lang = 'zh'): Context {
  return { em: em.fork(), access, loaders: new Loaders(access.scopeKey), config, cost: null, clientAddress, lang };
}

export { langOf };
