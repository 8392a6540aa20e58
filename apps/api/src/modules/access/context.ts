/** Every request's context carries the caller's access (made in app/context.ts). */
import type { Access } from './access.scope.js';

declare module '../../graphql/context.js' {
  interface Context {
    /** Who is calling, and what they may see and change; fixed for the whole request (the loaders are keyed by it). */
    readonly access: Access;
  }
}
