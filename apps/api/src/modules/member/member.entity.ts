import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum Gender { MALE = 'MALE', FEMALE = 'FEMALE' }
export enum MemberStatus { FULL = 'FULL', PROBATIONARY = 'PROBATIONARY' }
export enum PositionRole {
  SECRETARY = 'SECRETARY',
  DEPUTY_SECRETARY = 'DEPUTY_SECRETARY',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  BUILDING_HEAD = 'BUILDING_HEAD',
  HOUSEHOLD_HEAD = 'HOUSEHOLD_HEAD',
}

/** A Party member (党员), belonging to a branch (or directly to a committee). */
@Entity({ tableName: 'party_member' })
export class PartyMemberEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer', nullable: true }) communityId: number | null = null;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) name: string;
  @Enum({ items: () => Gender, type: 'string' }) gender: Gender;
  @Property({ type: 'date', nullable: true }) joinedOn: string | null = null;
  @Enum({ items: () => MemberStatus, type: 'string' }) status: MemberStatus;
  @Property({ type: 'text', nullable: true }) phone: string | null = null;
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('PartyMember', this.id); }
}

/** A position a member holds in an org node: secretary of a branch, head of a building group ... */
@Entity({ tableName: 'member_position' })
export class MemberPositionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer', nullable: true }) communityId: number | null = null;
  @Property({ type: 'integer' }) memberId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => PositionRole, type: 'string' }) role: PositionRole;
  @Property({ type: 'date', nullable: true }) since: string | null = null;
  @Property({ type: 'date', nullable: true }) until: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('MemberPosition', this.id); }
}
