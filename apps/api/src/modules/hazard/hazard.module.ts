/** The hazards module (安全隐患, 巡查). */
export { hazardEntities, hazardResolvers } from './hazard.resolver.js';
