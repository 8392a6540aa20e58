/**
 * Demo data for Tongxin: nine communities modelled on published accounts of community Party-building in
 * Shenzhen, Nanping (建阳), Henan and Kunming. Pure data plus a deterministic generator:
 * the same seed gives the same people, homes and units; only activity dates move with `today`.
 *
 * The hand-written facts live in `communities.ts`; `generate.ts` fills in names, phones and households;
 * `types.ts` holds the shapes of the dataset.
 */

export type * from './types.js';
export { buildDemoDataset, DEFAULT_SEED, DEMO_PASSWORD } from './generate.js';
export { buildDemoDemands, shanghaiYearStart, type DemandDeadlineHours, type DemoActor, type DemoAssignee, type DemoDemand, type DemoDemandCategory, type DemoDemandChannel, type DemoDemandEvent, type DemoDemandState } from './demands.js';
export { ETHNICITIES, LAPSED_COMMITTEE, MOBILE_PLACES, PENDING_TRANSFERS, SMALL_BRANCH, WORK_UNITS, type DemoPendingTransfer } from './members.js';
export {
  buildDemoGovernance, type DemoAttendee, type DemoGovernance, type DemoHazard, type DemoMeeting, type DemoMeetingKind, type DemoMeetingSchedule, type DemoPatrol,
  type DemoProject, type DemoVisit,
} from './governance.js';
