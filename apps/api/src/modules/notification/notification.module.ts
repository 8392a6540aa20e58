/** The notification outbox: messages to residents and their delivery. */
import { NotificationEntity } from './notification.entity.js';
import './notification.chain.js';

export const notificationEntities = [NotificationEntity];
