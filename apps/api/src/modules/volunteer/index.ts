/** What other modules may use of the volunteers module (volunteers, teams, service hours, recognitions). */
export { RecognitionEntity, ServiceRecordEntity, ServiceSource, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
export { ServiceRecord, Volunteer } from './volunteer.types.js';
export { canSeeVolunteer, findVisibleVolunteer, loadVolunteer } from './volunteer.service.js';
