/** What other modules may use of the public decisions module (一征三议两公开). */
export { DecisionEntity, DecisionOpinionEntity, DecisionState, DecisionStepEntity, DecisionStepKind } from './decision.entity.js';
export { DECISION_TRANSITIONS, DecisionAction } from './decision.transitions.js';
export { Decision } from './decision.types.js';
export { findVisibleDecision } from './decision.service.js';
