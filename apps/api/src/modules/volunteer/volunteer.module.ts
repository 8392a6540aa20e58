/** The volunteers module: volunteers, teams, service hours (服务时长) and recognitions (表彰). */
import { RecognitionEntity, ServiceRecordEntity, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import { volunteerResolvers } from './volunteer.resolver.js';
import './volunteer.chain.js';
import './volunteer.export.js'; // GET /export/volunteers.xlsx, /export/volunteer-teams.xlsx

export const volunteerEntities = [VolunteerEntity, VolunteerTeamEntity, ServiceRecordEntity, RecognitionEntity];
export { volunteerResolvers };
