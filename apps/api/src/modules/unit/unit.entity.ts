import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum UnitKind {
  GOVERNMENT_OFFICE = 'GOVERNMENT_OFFICE',
  HOSPITAL = 'HOSPITAL',
  SCHOOL = 'SCHOOL',
  ENTERPRISE = 'ENTERPRISE',
  PROPERTY_MANAGEMENT = 'PROPERTY_MANAGEMENT',
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
}

/** The most community committees one unit works with (enforced when linking, under a lock on the unit). */
export const MAX_UNIT_COMMUNITIES = 20;

/** A co-building partner unit (共建单位): government office, hospital, school, company, property firm ... */
@Entity({ tableName: 'co_building_unit' })
export class CoBuildingUnitEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'text' }) name: string;
  @Enum({ items: () => UnitKind, type: 'string' }) kind: UnitKind;
  @Property({ type: 'text', nullable: true }) partyOrgName: string | null = null;
  @Property({ type: 'text', nullable: true }) contactName: string | null = null;
  @Property({ type: 'text', nullable: true }) contactPhone: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('CoBuildingUnit', this.id); }
}

/** A co-building agreement (共驻共建协议) between a unit and a community committee. */
@Entity({ tableName: 'agreement' })
export class AgreementEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) unitId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'date' }) signedOn: string;
  @Property({ type: 'integer' }) termMonths: number;
  @Property({ type: 'date' }) endsOn: string;
  @Property({ type: ArrayType }) commitments: string[] = [];
  @Property({ type: 'datetime', nullable: true }) terminatedAt: Date | null = null;
  @Property({ type: 'text', nullable: true }) terminationReason: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Agreement', this.id); }
}

/** A unit's seat on a community committee (兼职委员): its representative sits on the committee for a term. */
@Entity({ tableName: 'committee_seat' })
export class CommitteeSeatEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) unitId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) representativeName: string;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'date' }) since: string;
  @Property({ type: 'date', nullable: true }) until: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('CommitteeSeat', this.id); }
}

export enum CrossAppointmentRole {
  PARTY_BUILDING_INSTRUCTOR = 'PARTY_BUILDING_INSTRUCTOR',
  PARTY_BUILDING_LIAISON = 'PARTY_BUILDING_LIAISON',
  OPINION_LIAISON = 'OPINION_LIAISON',
  SOCIAL_SUPERVISOR = 'SOCIAL_SUPERVISOR',
}

export enum CrossAppointmentSide {
  COMMUNITY_IN_UNIT = 'COMMUNITY_IN_UNIT',
  UNIT_IN_COMMUNITY = 'UNIT_IN_COMMUNITY',
}

/** Who holds each cross-appointment role: community cadres take roles in the unit, unit staff the reverse. */
export const CROSS_ROLE_SIDE: Record<CrossAppointmentRole, CrossAppointmentSide> = {
  PARTY_BUILDING_INSTRUCTOR: CrossAppointmentSide.COMMUNITY_IN_UNIT,
  PARTY_BUILDING_LIAISON: CrossAppointmentSide.COMMUNITY_IN_UNIT,
  OPINION_LIAISON: CrossAppointmentSide.COMMUNITY_IN_UNIT,
  SOCIAL_SUPERVISOR: CrossAppointmentSide.UNIT_IN_COMMUNITY,
};
export const CROSS_ROLE_LABEL: Record<CrossAppointmentRole, string> = {
  PARTY_BUILDING_INSTRUCTOR: '党建指导员',
  PARTY_BUILDING_LIAISON: '党建联络员',
  OPINION_LIAISON: '民意联络员',
  SOCIAL_SUPERVISOR: '社情监督员',
};

/** A cross-appointment (交叉任职): a community role held by unit staff, or a unit role held by a community cadre. */
@Entity({ tableName: 'cross_appointment' })
export class CrossAppointmentEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) unitId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Enum({ items: () => CrossAppointmentRole, type: 'string' }) role: CrossAppointmentRole;
  @Property({ type: 'text' }) personName: string;
  @Property({ type: 'integer', nullable: true }) memberId: number | null = null;
  @Property({ type: 'date' }) since: string;
  @Property({ type: 'date', nullable: true }) until: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('CrossAppointment', this.id); }
  get side(): CrossAppointmentSide { return CROSS_ROLE_SIDE[this.role]; }
}

export enum EvaluationFlag {
  RED = 'RED',
  YELLOW = 'YELLOW',
}

/** A property-management evaluation (物业测评) of one firm in one community for one period. */
@Entity({ tableName: 'property_evaluation' })
export class PropertyEvaluationEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) unitId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) period: string;
  @Property({ type: 'smallint' }) serviceScore: number;
  @Property({ type: 'smallint' }) environmentScore: number;
  @Property({ type: 'smallint' }) safetyScore: number;
  @Property({ type: 'smallint' }) responseScore: number;
  @Enum({ items: () => EvaluationFlag, type: 'string' }) flag: EvaluationFlag;
  @Property({ type: 'text', nullable: true }) note: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('PropertyEvaluation', this.id); }
  /** The average of the four scores, as the database's generated `total` column computes it. */
  get total(): number { return Math.round(((this.serviceScore + this.environmentScore + this.safetyScore + this.responseScore) / 4) * 100) / 100; }
}

/** A unit's staff Party member who reports to the community where they live (双报到). */
@Entity({ tableName: 'double_report' })
export class DoubleReportEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) unitId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer', nullable: true }) memberId: number | null = null;
  @Property({ type: 'text' }) personName: string;
  @Property({ type: 'date' }) since: string;
  @Property({ type: 'date', nullable: true }) until: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('DoubleReportMember', this.id); }
}

/** An API token of a co-building unit, issued by one of the unit's communities; only the SHA-256 of its secret is stored. */
@Entity({ tableName: 'partner_token' })
export class PartnerTokenEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) unitId: number;
  /** The community committee that issued it: the token reaches the unit's objects of this community only. Null only for tokens revoked because no community could be told. */
  @Property({ type: 'integer', nullable: true }) communityId: number | null = null;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text', hidden: true }) tokenHash: string;
  @Property({ type: 'text' }) tokenHint: string;
  @Property({ type: ArrayType }) scopes: string[] = [];
  @Property({ type: 'datetime' }) expiresAt: Date;
  @Property({ type: 'datetime', nullable: true }) revokedAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', nullable: true }) rotatedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) lastUsedAt: Date | null = null;

  get globalId(): string { return toGlobalId('PartnerToken', this.id); }
}
