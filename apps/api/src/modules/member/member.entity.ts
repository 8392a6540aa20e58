import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';
import { unseal } from '../privacy/index.js';

export enum Gender { MALE = 'MALE', FEMALE = 'FEMALE' }
export enum MemberStatus { FULL = 'FULL', PROBATIONARY = 'PROBATIONARY' }
export enum PositionRole {
  SECRETARY = 'SECRETARY',
  DEPUTY_SECRETARY = 'DEPUTY_SECRETARY',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  BUILDING_HEAD = 'BUILDING_HEAD',
  HOUSEHOLD_HEAD = 'HOUSEHOLD_HEAD',
}
export enum Education {
  PRIMARY = 'PRIMARY',
  JUNIOR_HIGH = 'JUNIOR_HIGH',
  SENIOR_HIGH = 'SENIOR_HIGH',
  JUNIOR_COLLEGE = 'JUNIOR_COLLEGE',
  BACHELOR = 'BACHELOR',
  POSTGRADUATE = 'POSTGRADUATE',
}
export enum TransferKind { INTERNAL = 'INTERNAL', IN = 'IN', OUT = 'OUT' }
export enum TransferState { PENDING = 'PENDING', APPROVED = 'APPROVED', REFUSED = 'REFUSED', CANCELLED = 'CANCELLED' }

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
  /** the date a probationary member became full (转正) */
  @Property({ type: 'date', nullable: true }) fullOn: string | null = null;
  @Property({ type: 'date', nullable: true }) birthDate: string | null = null;
  @Property({ type: 'text', nullable: true }) ethnicity: string | null = null;
  @Enum({ items: () => Education, type: 'string', nullable: true }) education: Education | null = null;
  /** personal data: sealed (modules/privacy), with a keyed hash for exact lookups */
  @Property({ type: 'blob', nullable: true }) phoneSealed: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) phoneHash: Buffer | null = null;
  @Property({ type: 'text', nullable: true }) workUnit: string | null = null;
  /** 双报到: the co-building unit the member works in */
  @Property({ type: 'integer', nullable: true }) doubleReportUnitId: number | null = null;
  /** 流动党员: where the member is now, and until when */
  @Property({ type: 'text', nullable: true }) mobileLocation: string | null = null;
  @Property({ type: 'date', nullable: true }) mobileUntil: string | null = null;
  @Property({ type: 'integer' }) version: number = 1;
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('PartyMember', this.id); }

  /** The phone in clear. Only `reveal(ctx, 'PartyMember', member, 'phone')` may hand it out (audited). */
  get phone(): string | null { return unseal(this.phoneSealed); }
}

/** A request to move a member's Party membership (组织关系转接); the rows are the history. */
@Entity({ tableName: 'member_transfer' })
export class MemberTransferEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer', nullable: true }) memberId: number | null = null;
  @Enum({ items: () => TransferKind, type: 'string' }) kind: TransferKind;
  @Property({ type: 'integer', nullable: true }) fromOrgNodeId: number | null = null;
  @Property({ type: 'integer', nullable: true }) toOrgNodeId: number | null = null;
  @Property({ type: 'text', nullable: true }) outsideOrganization: string | null = null;
  @Property({ type: 'text' }) personName: string;
  @Property({ type: 'json', nullable: true }) incoming: Record<string, unknown> | null = null;
  @Enum({ items: () => TransferState, type: 'string' }) state: TransferState = TransferState.PENDING;
  @Property({ type: 'text', nullable: true }) note: string | null = null;
  @Property({ type: 'text', nullable: true }) decisionNote: string | null = null;
  @Property({ type: 'integer', nullable: true }) requestedBy: number | null = null;
  @Property({ type: 'datetime' }) requestedAt: Date = new Date();
  @Property({ type: 'integer', nullable: true }) decidedBy: number | null = null;
  @Property({ type: 'datetime', nullable: true }) decidedAt: Date | null = null;

  get globalId(): string { return toGlobalId('MemberTransfer', this.id); }

  /** The side that decides: the receiving branch; for a transfer out of the platform, the sending one. */
  get decidingNodeId(): number | null { return this.kind === TransferKind.OUT ? this.fromOrgNodeId : this.toOrgNodeId; }
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
