import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum RegistrationStatus {
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  CHECKED_IN = 'CHECKED_IN',
  CHECKED_OUT = 'CHECKED_OUT',
}

/** Statuses that hold a seat. */
export const SEATED: RegistrationStatus[] = [RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN, RegistrationStatus.CHECKED_OUT];

/** A resident's sign-up (报名) for an activity; no account, a confirmation code instead. */
@Entity({ tableName: 'registration' })
export class RegistrationEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) activityId: number;
  @Property({ type: 'text' }) code: string;
  @Property({ type: 'text' }) name: string;
  /** Null once cleared by retention (contactClearedAt). */
  @Property({ type: 'text', nullable: true }) phone: string | null;
  @Property({ type: 'datetime', nullable: true }) contactClearedAt: Date | null = null;
  @Enum({ items: () => RegistrationStatus, type: 'string' }) status: RegistrationStatus;
  @Property({ type: 'integer', nullable: true }) volunteerId: number | null = null;
  @Property({ type: 'datetime', nullable: true }) promotedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) checkedInAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) checkedOutAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) cancelledAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Registration', this.id); }
}
