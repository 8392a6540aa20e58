/** What other modules may use of the resident demands module (诉求). */
export {
  DemandActorKind, DemandCategory, DemandChannel, DemandDeadlineEntity, DemandEntity, DemandEventEntity, DemandEventKind, DemandPriority,
  DemandSource, DemandState, OPEN_STATES,
} from './demand.entity.js';
export { ACTION_LABEL, DEMAND_TRANSITIONS, DemandAction, findTransition, STATE_LABEL, transitionsFrom, type DemandTransition } from './demand.transitions.js';
export { DEFAULT_FIRST_RESPONSE_HOURS, DEFAULT_RESOLUTION_HOURS, ESCALATION_STEP_HOURS } from './demand.deadlines.js';
export { CreateDemandInput, Demand, DemandFilter, PublicDemand, SubmitDemandInput } from './demand.types.js';
export { actorOf, assertVersion, lockDemand, submitDemand, rateDemand, type AfterInsert, createDemand, findVisibleDemand, insertEvent, type Actor, loadDemand, OVERDUE_SQL, publicView, demandByTicket, residentPhoneOf } from './demand.service.js';
export { escalateOverdue, startDemandEscalation, type Escalation } from './demand.escalation.js';
