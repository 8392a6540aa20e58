/** What other modules may use of the co-building units module. */
export { loadUnit } from './unit.service.js';
export { PARTNER_SCOPES, READ_SCOPE, type PartnerScope } from './unit.scope.js';
export { CoBuildingUnitEntity } from './unit.entity.js';
export { CoBuildingUnit } from './unit.types.js';
