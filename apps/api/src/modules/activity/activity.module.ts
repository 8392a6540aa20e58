/** The activities module: activities, venues, registrations, volunteers, service hours and recognitions. */
import { ActivityEntity, ActivitySeriesEntity, VenueEntity } from './activity.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { RecognitionEntity, ServiceRecordEntity, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import { activityResolvers } from './activity.resolver.js';
import { registrationResolvers } from './registration.resolver.js';
import { volunteerResolvers } from './volunteer.resolver.js';
import { ActivityOrgStatsResolver } from './activity.chain.js';
import './volunteer.chain.js';

export const activityEntities = [
  VenueEntity, ActivitySeriesEntity, ActivityEntity, RegistrationEntity, VolunteerEntity, VolunteerTeamEntity, ServiceRecordEntity, RecognitionEntity,
];

export const activityModuleResolvers = [...activityResolvers, ...registrationResolvers, ...volunteerResolvers, ActivityOrgStatsResolver];
