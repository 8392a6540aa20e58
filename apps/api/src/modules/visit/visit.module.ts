/** The visits module (走访, 民情日记). */
export { visitEntities, visitResolvers } from './visit.resolver.js';
