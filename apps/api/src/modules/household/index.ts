/** What other modules may use of the households module. */
export { CareCategory, HouseholdEntity } from './household.entity.js';
export { Household } from './household.types.js';
export { findVisibleHousehold, placeOf } from './household.service.js';
