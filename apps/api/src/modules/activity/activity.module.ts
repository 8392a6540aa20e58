/** The activities module: activities, series, venues and registrations. */
import { RegistrationLiveResolver } from './registration.live.js';
import { ActivityEntity, ActivitySeriesEntity, VenueEntity } from './activity.entity.js';
import { RegistrationEntity } from './registration.entity.js';
import { activityResolvers } from './activity.resolver.js';
import { registrationResolvers } from './registration.resolver.js';
import { ActivityOrgStatsResolver } from './activity.chain.js';
import { OrgNodeActivityMonthsResolver } from './activity.months.js';
import './activity.export.js'; // GET /export/activities.xlsx, /export/activity-registrations.xlsx

export const activityEntities = [
  VenueEntity, ActivitySeriesEntity, ActivityEntity, RegistrationEntity,
];

export const activityModuleResolvers = [...activityResolvers, ...registrationResolvers, ActivityOrgStatsResolver, OrgNodeActivityMonthsResolver, RegistrationLiveResolver];
