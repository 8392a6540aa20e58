/** What other modules may use of the visits module. */
export { VisitEntity, VisitKind } from './visit.entity.js';
export { Visit } from './visit.types.js';
export { findVisibleVisit } from './visit.service.js';
