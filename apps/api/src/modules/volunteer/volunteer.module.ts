/** The volunteers module: volunteers, teams, service hours (服务时长) and recognitions (表彰). */
import { RecognitionEntity, ServiceRecordEntity, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import { volunteerResolvers as volunteerTypeResolvers } from './volunteer.resolver.js';
import './volunteer.chain.js';
import { OrgNodeServiceHoursMonthsResolver } from './volunteer.months.js';
import './volunteer.export.js'; // GET /export/volunteers.xlsx, /export/volunteer-teams.xlsx

export const volunteerEntities = [VolunteerEntity, VolunteerTeamEntity, ServiceRecordEntity, RecognitionEntity];
export const volunteerResolvers = [...volunteerTypeResolvers, OrgNodeServiceHoursMonthsResolver];
