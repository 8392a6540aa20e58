/** What other modules may use of the notification outbox. */
export { NotificationEntity, NotificationKind, NotificationStatus } from './notification.entity.js';
export { Notification, NotificationDelivery } from './notification.types.js';
export {
  enqueueForRegistrations, MAX_REGISTRATION_NOTIFICATIONS, notificationCountOfActivity, notificationsOfActivity, notificationsOfRegistration,
  type ActivityMessage,
} from './notification.service.js';
export { deliverPending, MAX_ATTEMPTS, registerDemandRecipient, startNotificationWorker, type DeliveryPass } from './notification.worker.js';
export { pageOnlyProvider, providerFromConfig, webhookProvider, type NotificationProvider, type OutgoingMessage } from './notification.provider.js';
