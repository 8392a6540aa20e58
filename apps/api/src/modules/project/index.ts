/** What other modules may use of the project ledger module. */
export { PartyProjectArea, PartyProjectEntity, PartyProjectStatus } from './project.entity.js';
export { PartyProject } from './project.types.js';
export { findVisibleProject } from './project.service.js';
