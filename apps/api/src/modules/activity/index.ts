/** What other modules may use of the activities module (activities, series, venues, registrations). */
export { ActivityAudience, ActivityEntity, ActivityStatus, VenueEntity } from './activity.entity.js';
export { Activity } from './activity.types.js';
export { findVisibleActivity, loadActivity } from './activity.service.js';
export { optionalId, requireId } from './activity.resolver.js';
export { shanghaiDay, yearRange } from './activity.time.js';
export { RegistrationEntity } from './registration.entity.js';
export { MAX_MONTHS, recentMonths } from './activity.months.js';
