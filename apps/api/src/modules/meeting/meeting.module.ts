/** The meetings module (议事协商, 三会一课): meetings, recurring schedules, required frequencies. */
import { meetingEntities } from './meeting.entity.js';
import { meetingResolvers } from './meeting.resolver.js';

export { meetingEntities, meetingResolvers };
