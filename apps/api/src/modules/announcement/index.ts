/** What other modules may use of the announcements module. */
export { AnnouncementAudience, AnnouncementEntity } from './announcement.entity.js';
export { Announcement } from './announcement.types.js';
export { findVisibleAnnouncement } from './announcement.service.js';
