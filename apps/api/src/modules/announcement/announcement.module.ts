/** The announcements module (社区公告, 红色小广播). */
export { announcementEntities, announcementResolvers } from './announcement.resolver.js';
