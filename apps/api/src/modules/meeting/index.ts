/** What other modules may use of the meetings module. */
export { MeetingEntity, MeetingKind, MeetingStatus } from './meeting.entity.js';
export { Meeting } from './meeting.types.js';
export { findVisibleMeeting, todayIn } from './meeting.service.js';
