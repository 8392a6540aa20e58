import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum HazardKind {
  FIRE = 'FIRE',
  EBIKE_CHARGING = 'EBIKE_CHARGING',
  BILLBOARD = 'BILLBOARD',
  STRUCTURE = 'STRUCTURE',
  ELECTRICAL = 'ELECTRICAL',
  RIVER = 'RIVER',
  OTHER = 'OTHER',
}
export enum HazardState { FOUND = 'FOUND', ASSIGNED = 'ASSIGNED', FIXED = 'FIXED', VERIFIED = 'VERIFIED', REJECTED = 'REJECTED' }
export enum PatrolKind { RIVER = 'RIVER', BILLBOARD = 'BILLBOARD', FIRE = 'FIRE', GENERAL = 'GENERAL' }

/** A public-safety hazard (安全隐患). */
@Entity({ tableName: 'hazard' })
export class HazardEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => HazardKind, type: 'string' }) kind: HazardKind;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'text' }) description: string = '';
  @Property({ type: 'text' }) place: string;
  @Property({ type: 'text' }) foundBy: string;
  @Property({ type: 'integer', nullable: true }) foundByAccountId: number | null = null;
  @Property({ type: ArrayType }) photoUrls: string[] = [];
  @Enum({ items: () => HazardState, type: 'string' }) state: HazardState = HazardState.FOUND;
  @Property({ type: 'text', nullable: true }) assignee: string | null = null;
  @Property({ type: 'date', nullable: true }) deadline: string | null = null;
  @Property({ type: 'text', nullable: true }) note: string | null = null;
  @Property({ type: 'integer', nullable: true }) patrolId: number | null = null;
  @Property({ type: 'datetime' }) foundAt: Date;
  @Property({ type: 'datetime', nullable: true }) assignedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) fixedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) verifiedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) rejectedAt: Date | null = null;
  @Property({ type: 'integer' }) version: number = 1;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Hazard', this.id); }
}

/** A patrol round (巡查): the weekly river walk, a billboard check. */
@Entity({ tableName: 'patrol' })
export class PatrolEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => PatrolKind, type: 'string' }) kind: PatrolKind;
  @Property({ type: 'text' }) route: string;
  @Property({ type: 'datetime' }) patrolledAt: Date;
  @Property({ type: 'text' }) patrollers: string;
  @Property({ type: 'integer' }) billboardsChecked: number = 0;
  @Property({ type: 'text', nullable: true }) notes: string | null = null;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Patrol', this.id); }
}
