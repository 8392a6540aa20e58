import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum ServiceCategory {
  REPAIR = 'REPAIR',
  HOUSEKEEPING = 'HOUSEKEEPING',
  HEALTH = 'HEALTH',
  ELDERLY = 'ELDERLY',
  LEGAL = 'LEGAL',
  CULTURE = 'CULTURE',
  DELIVERY = 'DELIVERY',
  OTHER = 'OTHER',
}

export enum ServiceProviderKind { MEMBER = 'MEMBER', VOLUNTEER = 'VOLUNTEER', VOLUNTEER_TEAM = 'VOLUNTEER_TEAM', UNIT = 'UNIT' }

/** Who a service order is dispatched to (下单). */
export enum ServiceAssigneeKind { VOLUNTEER = 'VOLUNTEER', MEMBER = 'MEMBER', TEAM = 'TEAM' }

/** One item of a community's service menu (便民服务): what a member, volunteer, team or unit offers residents. */
@Entity({ tableName: 'service_offer' })
export class ServiceOfferEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) title: string;
  @Enum({ items: () => ServiceCategory, type: 'string' }) category: ServiceCategory;
  @Property({ type: 'text' }) description: string = '';
  /** When, in words: 每周五 9:00-11:30. */
  @Property({ type: 'text' }) schedule: string;
  /** Where, in words: 党群服务中心门口. */
  @Property({ type: 'text' }) place: string;
  @Property({ type: 'integer' }) capacityPerWeek: number;
  @Enum({ items: () => ServiceProviderKind, type: 'string' }) providerKind: ServiceProviderKind;
  @Property({ type: 'integer', nullable: true }) memberId: number | null = null;
  @Property({ type: 'integer', nullable: true }) volunteerId: number | null = null;
  @Property({ type: 'integer', nullable: true }) teamId: number | null = null;
  @Property({ type: 'integer', nullable: true }) unitId: number | null = null;
  @Property({ type: 'boolean' }) published: boolean = true;
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('ServiceOffer', this.id); }
  get archived(): boolean { return this.archivedAt != null; }
}

/** The link from a resident demand to the offer it orders: a service order IS a demand (modules/demand). */
@Entity({ tableName: 'service_order' })
export class ServiceOrderEntity {
  @PrimaryKey({ type: 'integer', autoincrement: false }) demandId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) offerId: number;
  /** Sealed (modules/privacy): the resident's address. */
  @Property({ type: 'blob' }) address: Buffer;
  @Property({ type: 'text', nullable: true }) preferredTime: string | null = null;
  @Property({ type: 'integer', nullable: true }) assignedVolunteerId: number | null = null;
  @Property({ type: 'integer', nullable: true }) assignedTeamId: number | null = null;
  @Property({ type: 'decimal', precision: 6, scale: 2, nullable: true }) hours: string | null = null;
  @Property({ type: 'datetime', nullable: true }) completedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Demand', this.demandId); }
}
