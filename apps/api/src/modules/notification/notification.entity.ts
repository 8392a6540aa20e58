import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export enum NotificationKind {
  WAITLIST_PROMOTED = 'WAITLIST_PROMOTED',
  ACTIVITY_CHANGED = 'ACTIVITY_CHANGED',
  ACTIVITY_CANCELLED = 'ACTIVITY_CANCELLED',
  DEMAND_REPLY = 'DEMAND_REPLY',
}

export enum NotificationStatus { PENDING = 'PENDING', SENT = 'SENT', FAILED = 'FAILED', PAGE_ONLY = 'PAGE_ONLY' }

/** One message to a resident in the outbox; the delivery worker sends it, the code page always shows it. */
@Entity({ tableName: 'notification' })
export class NotificationEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Enum({ items: () => NotificationKind, type: 'string' }) kind: NotificationKind;
  @Property({ type: 'integer', nullable: true }) activityId: number | null = null;
  @Property({ type: 'integer', nullable: true }) registrationId: number | null = null;
  @Property({ type: 'integer', nullable: true }) demandId: number | null = null;
  @Property({ type: 'integer' }) activitySequence: number = 0;
  @Property({ type: 'text' }) body: string;
  @Enum({ items: () => NotificationStatus, type: 'string' }) status: NotificationStatus = NotificationStatus.PENDING;
  @Property({ type: 'text', nullable: true }) provider: string | null = null;
  @Property({ type: 'integer' }) attempts: number = 0;
  @Property({ type: 'text', nullable: true }) lastError: string | null = null;
  @Property({ type: 'datetime' }) nextAttemptAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) sentAt: Date | null = null;
  @Property({ type: 'datetime' }) createdAt: Date = new Date();
}
