/** What other modules may use of the hazards module. */
export { HazardEntity, HazardKind, HazardState, PatrolEntity, PatrolKind } from './hazard.entity.js';
export { HAZARD_TRANSITIONS, HazardAction } from './hazard.transitions.js';
export { Hazard, Patrol } from './hazard.types.js';
