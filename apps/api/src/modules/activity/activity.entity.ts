import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum ActivityCategory {
  PARTY_DAY = 'PARTY_DAY',
  VOLUNTEER_SERVICE = 'VOLUNTEER_SERVICE',
  SERVICE_FAIR = 'SERVICE_FAIR',
  LEGAL_AID = 'LEGAL_AID',
  HEALTH_CLINIC = 'HEALTH_CLINIC',
  CULTURE = 'CULTURE',
  LECTURE = 'LECTURE',
  SPORTS = 'SPORTS',
  OTHER = 'OTHER',
}

export enum ActivityAudience { PUBLIC = 'PUBLIC', MEMBERS_ONLY = 'MEMBERS_ONLY' }

export enum ActivityStatus { DRAFT = 'DRAFT', PUBLISHED = 'PUBLISHED', CANCELLED = 'CANCELLED', FINISHED = 'FINISHED' }

export enum RecurrenceFrequency { WEEKLY = 'WEEKLY', MONTHLY = 'MONTHLY' }

/** A place where activities happen (阵地): 党群服务中心, 红色庭院, 河畔集市 ... */
@Entity({ tableName: 'venue' })
export class VenueEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) address: string = '';
  @Property({ type: 'integer', nullable: true }) capacity: number | null = null;
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Venue', this.id); }
  get archived(): boolean { return this.archivedAt != null; }
}

/** A recurring series; each occurrence is its own activity with its own registrations. */
@Entity({ tableName: 'activity_series' })
export class ActivitySeriesEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Enum({ items: () => RecurrenceFrequency, type: 'string' }) frequency: RecurrenceFrequency;
  @Property({ type: 'integer' }) interval: number = 1;
  /** For display: 每周五, 每两周周六, 每月第一个周六. */
  @Property({ type: 'text' }) label: string;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('ActivitySeries', this.id); }
}

/** An activity (活动): a Party day, a service fair, a class, a volunteer service ... */
@Entity({ tableName: 'activity' })
export class ActivityEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  /** Tenant key: the community committee. */
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) organizerId: number;
  @Property({ type: 'integer', nullable: true }) seriesId: number | null = null;
  @Property({ type: 'text' }) title: string;
  @Enum({ items: () => ActivityCategory, type: 'string' }) category: ActivityCategory;
  @Property({ type: 'text' }) description: string = '';
  @Property({ type: 'integer', nullable: true }) venueId: number | null = null;
  @Property({ type: 'datetime' }) startsAt: Date;
  @Property({ type: 'datetime' }) endsAt: Date;
  @Property({ type: 'integer', nullable: true }) capacity: number | null = null;
  @Property({ type: 'datetime', nullable: true }) registrationOpensAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) registrationClosesAt: Date | null = null;
  @Enum({ items: () => ActivityAudience, type: 'string' }) audience: ActivityAudience = ActivityAudience.PUBLIC;
  /** As stored; see `effectiveStatus` for what callers see. */
  @Enum({ items: () => ActivityStatus, type: 'string' }) status: ActivityStatus = ActivityStatus.DRAFT;
  @Property({ type: 'text', nullable: true }) coverImageUrl: string | null = null;
  @Property({ type: 'datetime', nullable: true }) publishedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) cancelledAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();
  @Property({ type: 'integer', version: true }) version: number;
  /** The iCalendar SEQUENCE: raised with every edit and the cancellation, so subscribed calendars update. */
  @Property({ type: 'integer' }) sequence: number = 0;

  get globalId(): string { return toGlobalId('Activity', this.id); }

  /** A published activity that has ended reads as FINISHED without anyone having to close it. */
  effectiveStatus(now = new Date()): ActivityStatus {
    return this.status === ActivityStatus.PUBLISHED && this.endsAt.getTime() <= now.getTime() ? ActivityStatus.FINISHED : this.status;
  }

  /** Sign-up is possible now: published, inside the registration window and not yet started. */
  registrationOpen(now = new Date()): boolean {
    const t = now.getTime();
    return this.status === ActivityStatus.PUBLISHED
      && t < this.startsAt.getTime()
      && (this.registrationOpensAt == null || t >= this.registrationOpensAt.getTime())
      && (this.registrationClosesAt == null || t < this.registrationClosesAt.getTime());
  }
}
