/** The public decisions module (一征三议两公开). */
export { decisionEntities, decisionResolvers } from './decision.resolver.js';
