import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum DemandChannel {
  VISIT = 'VISIT',
  HOTLINE = 'HOTLINE',
  ONLINE = 'ONLINE',
  MEETING = 'MEETING',
  GRID_PATROL = 'GRID_PATROL',
  WALK_IN = 'WALK_IN',
}

export enum DemandCategory {
  ENVIRONMENT = 'ENVIRONMENT',
  PROPERTY = 'PROPERTY',
  SAFETY = 'SAFETY',
  NEIGHBOUR_DISPUTE = 'NEIGHBOUR_DISPUTE',
  FACILITIES = 'FACILITIES',
  ELDERLY_CARE = 'ELDERLY_CARE',
  OTHER = 'OTHER',
}

export enum DemandPriority { LOW = 'LOW', NORMAL = 'NORMAL', HIGH = 'HIGH', URGENT = 'URGENT' }

export enum DemandState {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  REOPENED = 'REOPENED',
  DUPLICATE = 'DUPLICATE',
}

/** States in which a demand still waits for work: deadlines run and the escalation job looks at it. */
export const OPEN_STATES: DemandState[] = [DemandState.SUBMITTED, DemandState.ACCEPTED, DemandState.ASSIGNED, DemandState.IN_PROGRESS, DemandState.REOPENED];

export enum DemandSource { STAFF = 'STAFF', RESIDENT = 'RESIDENT', PARTNER = 'PARTNER' }

export enum DemandEventKind {
  CREATED = 'CREATED',
  TRANSITION = 'TRANSITION',
  ASSIGNED = 'ASSIGNED',
  NOTE = 'NOTE',
  REPLY = 'REPLY',
  ESCALATED = 'ESCALATED',
  RATED = 'RATED',
  REOPENED = 'REOPENED',
  DUPLICATE_LINKED = 'DUPLICATE_LINKED',
  DEADLINE_CHANGED = 'DEADLINE_CHANGED',
  CONTACT_REVEALED = 'CONTACT_REVEALED',
}

export enum DemandActorKind { STAFF = 'STAFF', PARTNER = 'PARTNER', RESIDENT = 'RESIDENT', SYSTEM = 'SYSTEM' }

/** A resident demand (诉求): a problem raised on a channel, owned by an org node, followed until closed. */
@Entity({ tableName: 'demand' })
export class DemandEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) ticketCode: string;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'text' }) description: string = '';
  @Enum({ items: () => DemandChannel, type: 'string' }) channel: DemandChannel;
  @Enum({ items: () => DemandCategory, type: 'string' }) category: DemandCategory;
  @Enum({ items: () => DemandPriority, type: 'string' }) priority: DemandPriority = DemandPriority.NORMAL;
  @Enum({ items: () => DemandState, type: 'string' }) state: DemandState = DemandState.SUBMITTED;
  /** Bumped by the service on every change (not the ORM's version column: the checks are explicit). */
  @Property({ type: 'integer' }) version: number = 1;
  @Property({ type: 'text', nullable: true }) placeCompound: string | null = null;
  @Property({ type: 'text', nullable: true }) placeBuilding: string | null = null;
  @Property({ type: 'text', nullable: true }) placeText: string | null = null;
  @Property({ type: 'double', nullable: true }) latitude: number | null = null;
  @Property({ type: 'double', nullable: true }) longitude: number | null = null;
  @Property({ type: ArrayType }) photoUrls: string[] = [];
  /** Sealed (modules/privacy); read through the service, which masks or reveals. */
  @Property({ type: 'blob', nullable: true }) residentName: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) residentPhone: Buffer | null = null;
  @Enum({ items: () => DemandSource, type: 'string' }) source: DemandSource;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'boolean' }) resolvedOnSpot: boolean = false;
  @Property({ type: 'integer', nullable: true }) assignedAccountId: number | null = null;
  @Property({ type: 'integer', nullable: true }) assignedBranchId: number | null = null;
  @Property({ type: 'integer', nullable: true }) assignedUnitId: number | null = null;
  @Property({ type: 'datetime' }) firstResponseDueAt: Date;
  @Property({ type: 'datetime' }) resolutionDueAt: Date;
  @Property({ type: 'datetime', nullable: true }) firstRespondedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) resolvedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) closedAt: Date | null = null;
  /** When retention cleared the reporter's name and phone (RETENTION_DEMAND_CONTACT_DAYS after it was resolved). */
  @Property({ type: 'datetime', nullable: true }) contactClearedAt: Date | null = null;
  @Property({ type: 'integer' }) escalationLevel: number = 0;
  @Property({ type: 'datetime', nullable: true }) escalatedAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) duplicateOfId: number | null = null;
  @Property({ type: 'integer', nullable: true }) rating: number | null = null;
  @Property({ type: 'text', nullable: true }) ratingComment: string | null = null;
  @Property({ type: 'datetime', nullable: true }) ratedAt: Date | null = null;
  @Property({ type: 'text', nullable: true }) idempotencyKey: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Demand', this.id); }
  get isOpen(): boolean { return OPEN_STATES.includes(this.state); }

  /** Past a deadline it has not met, while still open. */
  overdueAt(now: Date): boolean {
    if (!this.isOpen) return false;
    if (this.firstRespondedAt == null && this.firstResponseDueAt.getTime() < now.getTime()) return true;
    return this.resolutionDueAt.getTime() < now.getTime();
  }
}

/** One step in a demand's timeline. Rows are only inserted; the database refuses changes. */
@Entity({ tableName: 'demand_event' })
export class DemandEventEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) demandId: number;
  @Enum({ items: () => DemandEventKind, type: 'string' }) kind: DemandEventKind;
  @Enum({ items: () => DemandState, type: 'string', nullable: true }) fromState: DemandState | null = null;
  @Enum({ items: () => DemandState, type: 'string', nullable: true }) toState: DemandState | null = null;
  @Property({ type: 'text', nullable: true }) body: string | null = null;
  @Property({ type: 'boolean' }) public: boolean = false;
  @Enum({ items: () => DemandActorKind, type: 'string' }) actorKind: DemandActorKind;
  @Property({ type: 'integer', nullable: true }) actorAccountId: number | null = null;
  @Property({ type: 'integer', nullable: true }) actorUnitId: number | null = null;
  @Property({ type: 'integer', nullable: true }) relatedDemandId: number | null = null;
  @Property({ type: 'integer', nullable: true }) escalationLevel: number | null = null;
  @Property({ type: 'integer', nullable: true }) rating: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('DemandEvent', this.id); }
}

/** A community's deadlines for one category, in hours. */
@Entity({ tableName: 'demand_deadline' })
export class DemandDeadlineEntity {
  @PrimaryKey({ type: 'integer' }) communityId: number;
  @PrimaryKey({ type: 'text' }) category: DemandCategory;
  @Property({ type: 'integer' }) firstResponseHours: number;
  @Property({ type: 'integer' }) resolutionHours: number;
  @Property({ type: 'integer', nullable: true }) updatedBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() }) updatedAt: Date = new Date();
}
