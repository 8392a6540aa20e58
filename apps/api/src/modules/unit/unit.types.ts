import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { PartyCommittee } from '../org/index.js';
import { PartyMember } from '../member/index.js';
import { CrossAppointmentRole, CrossAppointmentSide, EvaluationFlag, UnitKind } from './unit.entity.js';

registerEnumType(UnitKind, {
  name: 'CoBuildingUnitKind',
  description: 'What kind of organisation a co-building unit is.',
  valuesConfig: {
    GOVERNMENT_OFFICE: { description: 'Government office or agency (机关单位), e.g. paired with a community (机关联社区).' },
    HOSPITAL: { description: 'Hospital or clinic (医院).' },
    SCHOOL: { description: 'School or kindergarten (学校/幼儿园).' },
    ENTERPRISE: { description: 'Company (企业).' },
    PROPERTY_MANAGEMENT: { description: 'Property-management firm (物业服务企业).' },
    OWNERS_COMMITTEE: { description: "Owners' committee (业主委员会)." },
    SOCIAL_ORGANIZATION: { description: 'Social organisation (社会组织).' },
  },
});

export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'Where a co-building agreement stands, from its dates and any termination.',
  valuesConfig: {
    ACTIVE: { description: 'In force (生效中): not terminated and the term has not ended.' },
    EXPIRED: { description: 'The term ended (已到期) without renewal.' },
    TERMINATED: { description: 'Ended early by the parties (已终止).' },
  },
});

registerEnumType(CrossAppointmentRole, {
  name: 'CrossAppointmentRole',
  description: 'Roles of cross-appointment (交叉任职) between a community and a unit, as 振兴社区 practises it.',
  valuesConfig: {
    PARTY_BUILDING_INSTRUCTOR: { description: 'Party-building instructor (党建指导员): the community secretary, in the unit.' },
    PARTY_BUILDING_LIAISON: { description: 'Party-building liaison (党建联络员): a community committee member, in the unit.' },
    OPINION_LIAISON: { description: "Residents' opinion liaison (民意联络员): a grid head, in the unit." },
    SOCIAL_SUPERVISOR: { description: 'Social-conditions supervisor (社情监督员): a unit manager, in the community.' },
  },
});

registerEnumType(CrossAppointmentSide, {
  name: 'CrossAppointmentSide',
  description: 'Which way a cross-appointment goes.',
  valuesConfig: {
    COMMUNITY_IN_UNIT: { description: 'A community cadre holds a role in the unit.' },
    UNIT_IN_COMMUNITY: { description: 'Unit staff hold a role in the community.' },
  },
});

registerEnumType(EvaluationFlag, {
  name: 'EvaluationFlag',
  description: 'The flag a property firm hangs after an evaluation (物业测评挂旗).',
  valuesConfig: {
    RED: { description: 'Red flag (红旗): commended for good results.' },
    YELLOW: { description: 'Yellow flag (黄旗): a warning to improve.' },
  },
});

export enum PartnerTokenStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(PartnerTokenStatus, {
  name: 'PartnerTokenStatus',
  description: 'Whether a partner token still works.',
  valuesConfig: {
    ACTIVE: { description: 'Works until it expires.' },
    EXPIRED: { description: 'Past its expiry; requests with it are UNAUTHENTICATED.' },
    REVOKED: { description: 'Revoked by a committee admin; requests with it are UNAUTHENTICATED.' },
  },
});

@ObjectType('CoBuildingUnit', { implements: Node, description: "A co-building partner unit (共建单位) that works with communities under agreements (共驻共建). Name, kind and communities are public; the rest is visible to staff of those communities, and to the unit's own partner tokens for the community that issued each." })
export class CoBuildingUnit extends Node {
  @Field(() => String, { description: 'Name, e.g. 昆明市口腔医院.' }) name: string;
  @Field(() => UnitKind, { description: 'Kind of organisation.' }) kind: UnitKind;
  @Field(() => String, { nullable: true, description: "The unit's own Party organisation, if any (e.g. 昆明市口腔医院党委)." }) partyOrgName: string | null;
}

@ObjectType('Agreement', { implements: Node, description: 'A co-building agreement (共驻共建协议) between a unit and a community committee: what the unit provides, for how long.' })
export class Agreement extends Node {
  @Field(() => String, { description: 'Title, e.g. 共驻共建协议.' }) title: string;
  @Field(() => String, { description: 'Date signed (签订日期), YYYY-MM-DD.' }) signedOn: string;
  @Field(() => Int, { description: 'Term in months (协议期限).' }) termMonths: number;
  @Field(() => String, { description: 'Expiry date (到期日): the signing date plus the term, YYYY-MM-DD; in force up to and including this day.' }) endsOn: string;
  @Field(() => [String], { description: 'What the unit commits to provide (共建承诺): free clinics, legal advice, venues, volunteers ...' }) commitments: string[];
  @Field(() => Date, { nullable: true, description: 'When the agreement was terminated early, if it was.' }) terminatedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was terminated.' }) terminationReason: string | null;
}

@ObjectType('CommitteeSeat', { implements: Node, description: "A unit's seat on a community committee (兼职委员): the unit's representative sits on the committee for a term." })
export class CommitteeSeat extends Node {
  @Field(() => String, { description: "The unit's representative (兼职委员)." }) representativeName: string;
  @Field(() => String, { description: 'Title of the seat, e.g. 社区党委兼职委员.' }) title: string;
  @Field(() => String, { description: 'Start of the term, YYYY-MM-DD.' }) since: string;
  @Field(() => String, { nullable: true, description: 'End of the term, YYYY-MM-DD; null while open-ended.' }) until: string | null;
}

@ObjectType('CrossAppointment', { implements: Node, description: 'A cross-appointment (交叉任职): a community cadre holding a role in the unit, or unit staff holding one in the community.' })
export class CrossAppointment extends Node {
  @Field(() => CrossAppointmentRole, { description: 'The role.' }) role: CrossAppointmentRole;
  @Field(() => CrossAppointmentSide, { description: 'Which way the appointment goes.' }) side: CrossAppointmentSide;
  @Field(() => String, { description: 'Who holds it.' }) personName: string;
  @Field(() => String, { description: 'Held since, YYYY-MM-DD.' }) since: string;
  @Field(() => String, { nullable: true, description: 'Held until, YYYY-MM-DD; null while held.' }) until: string | null;
}

@ObjectType('PropertyEvaluation', { implements: Node, description: 'A property-management evaluation (物业测评) of one firm in one community for one period, with its flag.' })
export class PropertyEvaluation extends Node {
  @Field(() => String, { description: "Period evaluated: a quarter '2026-Q3' or a month '2026-09'." }) period: string;
  @Field(() => Int, { description: 'Service score (服务), 0-100.' }) serviceScore: number;
  @Field(() => Int, { description: 'Environment and cleanliness score (环境), 0-100.' }) environmentScore: number;
  @Field(() => Int, { description: 'Safety score (安全), 0-100.' }) safetyScore: number;
  @Field(() => Int, { description: "Score for response to residents' demands (响应), 0-100." }) responseScore: number;
  @Field(() => Float, { description: 'Total: the average of the four scores, two decimals.' }) total: number;
  @Field(() => EvaluationFlag, { description: 'Red flag (红旗, commended) or yellow flag (黄旗, warning).' }) flag: EvaluationFlag;
  @Field(() => String, { nullable: true, description: 'Remarks of the evaluators.' }) note: string | null;
}

@ObjectType('PropertyEvaluationRank', { description: 'A place in the ranking of property firms of a community for a period.' })
export class PropertyEvaluationRank {
  @Field(() => Int, { description: 'Place, 1 = best total; equal totals share a place (1, 1, 3).' }) rank: number;
  @Field(() => PropertyEvaluation, { description: 'The evaluation ranked.' }) evaluation: object;
}

@ObjectType('DoubleReportMember', { implements: Node, description: "A unit's staff Party member who reports to the community where they live (双报到) and serves there." })
export class DoubleReportMember extends Node {
  @Field(() => String, { description: 'Name of the member.' }) personName: string;
  @Field(() => String, { description: 'Reported since, YYYY-MM-DD.' }) since: string;
  @Field(() => String, { nullable: true, description: 'Stopped reporting on, YYYY-MM-DD; null while reporting.' }) until: string | null;
}

@ObjectType('DoubleReportSummary', { description: "Roll-up of a unit's double-report members (双报到) that you may see." })
export class DoubleReportSummary {
  @Field(() => Int, { description: 'Members reporting now.' }) memberCount: number;
  @Field(() => Int, { description: 'Communities they report to.' }) communityCount: number;
  @Field(() => Float, { description: 'Volunteer service hours (服务时长) they have served in those communities.' }) serviceHours: number;
}

@ObjectType('PartnerToken', { implements: Node, description: "An API token of a co-building unit (partner token), issued by one of the unit's communities: it reaches the unit's objects of that community only, and only that community's committee admins see and manage it. Its secret is shown once, when created or rotated; only a hash is stored." })
export class PartnerToken extends Node {
  @Field(() => String, { description: 'A label telling tokens apart, e.g. 预约系统.' }) name: string;
  @Field(() => String, { name: 'hint', description: 'The first characters of the secret, e.g. txp_AbCd…' }) tokenHint: string;
  @Field(() => [String], { description: 'Scopes (public:read, unit:read, activities:write, demands:write).' }) scopes: string[];
  @Field(() => Date, { description: 'When the token stops working.' }) expiresAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was revoked, if it was.' }) revokedAt: Date | null;
  @Field(() => Date, { description: 'When it was created.' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When its secret was last replaced.' }) rotatedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it was last used (to the minute).' }) lastUsedAt: Date | null;
}

@ObjectType('PartnerBudget', { description: "A partner token's query budget: every request costs points, and points refill over time." })
export class PartnerBudget {
  @Field(() => Int, { description: 'Points left now, after this request was charged.' }) remaining: number;
  @Field(() => Int, { description: 'The most points the budget holds.' }) maximum: number;
  @Field(() => Float, { description: 'Points refilled per second.' }) refillPerSecond: number;
  @Field(() => Date, { description: 'When the budget will be full again if unused.' }) fullAt: Date;
  @Field(() => Int, { description: 'The largest price a single request may have.' }) maxCostPerRequest: number;
  @Field(() => [String], { description: "The token's scopes." }) scopes: string[];
  @Field(() => Date, { description: 'When the token stops working.' }) tokenExpiresAt: Date;
  @Field(() => PartyCommittee, { description: "The community committee that issued the token: it sees the unit's relationship with this community only." }) community: object;
}

export const CoBuildingUnitConnection = Connection(CoBuildingUnit, 'CoBuildingUnit', 'co-building unit');
export const AgreementConnection = Connection(Agreement, 'Agreement', 'co-building agreement');
export const CommitteeSeatConnection = Connection(CommitteeSeat, 'CommitteeSeat', 'committee seat');
export const CrossAppointmentConnection = Connection(CrossAppointment, 'CrossAppointment', 'cross-appointment');
export const PropertyEvaluationConnection = Connection(PropertyEvaluation, 'PropertyEvaluation', 'property evaluation');
export const PropertyEvaluationRankConnection = Connection(PropertyEvaluationRank, 'PropertyEvaluationRank', 'ranked property evaluation');
export const DoubleReportMemberConnection = Connection(DoubleReportMember, 'DoubleReportMember', 'double-report member');
export const PartnerTokenConnection = Connection(PartnerToken, 'PartnerToken', 'partner token');

// ---- inputs and payloads ------------------------------------------------------------------------------

@InputType('CoBuildingUnitCreateInput', { description: 'A new co-building unit working with a community.' })
export class CoBuildingUnitCreateInput {
  @Field(() => ID, { description: 'The community committee (社区党委) the unit works with.' }) communityId: string;
  @Field(() => String, { description: 'Name, 1 to 100 characters; unique across the platform.' }) name: string;
  @Field(() => UnitKind, { description: 'Kind of organisation.' }) kind: UnitKind;
  @Field(() => String, { nullable: true, description: "The unit's own Party organisation." }) partyOrgName?: string | null;
  @Field(() => String, { nullable: true, description: 'Contact person (联系人).' }) contactName?: string | null;
  @Field(() => String, { nullable: true, description: 'Contact phone: a mainland mobile or a landline.' }) contactPhone?: string | null;
  @Field(() => String, { nullable: true, description: 'Working with the community since, YYYY-MM-DD (default today).' }) since?: string | null;
}

@InputType('CoBuildingUnitUpdateInput', { description: 'Changes to a unit; omitted fields stay as they are.' })
export class CoBuildingUnitUpdateInput {
  @Field(() => ID, { description: 'The unit.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => UnitKind, { nullable: true, description: 'New kind.' }) kind?: UnitKind | null;
  @Field(() => String, { nullable: true, description: 'New Party organisation; empty string clears it.' }) partyOrgName?: string | null;
  @Field(() => String, { nullable: true, description: 'New contact person; empty string clears it.' }) contactName?: string | null;
  @Field(() => String, { nullable: true, description: 'New contact phone; empty string clears it.' }) contactPhone?: string | null;
}

@InputType('CoBuildingUnitLinkInput', { description: 'Start working with another community (e.g. one office paired with several communities, 机关联社区).' })
export class CoBuildingUnitLinkInput {
  @Field(() => ID, { description: 'The unit.' }) unitId: string;
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { nullable: true, description: 'Since, YYYY-MM-DD (default today).' }) since?: string | null;
}

@InputType('AgreementCreateInput', { description: 'A signed co-building agreement (共驻共建协议).' })
export class AgreementCreateInput {
  @Field(() => ID, { description: 'The unit signing.' }) unitId: string;
  @Field(() => ID, { description: 'The community committee signing.' }) communityId: string;
  @Field(() => String, { nullable: true, description: 'Title (default 共驻共建协议).' }) title?: string | null;
  @Field(() => String, { description: 'Date signed, YYYY-MM-DD.' }) signedOn: string;
  @Field(() => Int, { description: 'Term in months, 1 to 120.' }) termMonths: number;
  @Field(() => [String], { description: 'What the unit commits to provide, 1 to 30 items of up to 200 characters.' }) commitments: string[];
}

@InputType('AgreementTerminateInput', { description: 'End an agreement before its term.' })
export class AgreementTerminateInput {
  @Field(() => ID, { description: 'The agreement.' }) id: string;
  @Field(() => String, { description: 'Why, 1 to 200 characters.' }) reason: string;
}

@InputType('AgreementRenewInput', { description: 'Renew (续签) an agreement in force or expired: a new agreement between the same parties, from the day after the old one ends (today when it has expired).' })
export class AgreementRenewInput {
  @Field(() => ID, { description: 'The agreement to renew.' }) id: string;
  @Field(() => Int, { nullable: true, description: 'Term of the new agreement in months, 1 to 120 (default the old term).' }) termMonths?: number | null;
  @Field(() => [String], { nullable: true, description: 'What the unit commits to in the new term (default the old commitments).' }) commitments?: string[] | null;
}

@InputType('CommitteeSeatCreateInput', { description: "Give a unit's representative a seat on a community committee (兼职委员)." })
export class CommitteeSeatCreateInput {
  @Field(() => ID, { description: 'The unit.' }) unitId: string;
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { description: "The unit's representative, 1 to 50 characters." }) representativeName: string;
  @Field(() => String, { nullable: true, description: 'Title of the seat (default 社区党委兼职委员).' }) title?: string | null;
  @Field(() => String, { description: 'Start of the term, YYYY-MM-DD.' }) since: string;
  @Field(() => String, { nullable: true, description: 'End of the term, YYYY-MM-DD; omit for open-ended.' }) until?: string | null;
}

@InputType('CommitteeSeatEndInput', { description: 'End a seat.' })
export class CommitteeSeatEndInput {
  @Field(() => ID, { description: 'The seat.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD (default today).' }) until?: string | null;
}

@InputType('CrossAppointmentCreateInput', { description: 'Record a cross-appointment (交叉任职).' })
export class CrossAppointmentCreateInput {
  @Field(() => ID, { description: 'The unit.' }) unitId: string;
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => CrossAppointmentRole, { description: 'The role.' }) role: CrossAppointmentRole;
  @Field(() => String, { description: 'Who holds it, 1 to 50 characters.' }) personName: string;
  @Field(() => ID, { nullable: true, description: 'The Party member holding it, when they are on the community roll.' }) memberId?: string | null;
  @Field(() => String, { description: 'Held since, YYYY-MM-DD.' }) since: string;
}

@InputType('CrossAppointmentEndInput', { description: 'End a cross-appointment.' })
export class CrossAppointmentEndInput {
  @Field(() => ID, { description: 'The cross-appointment.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD (default today).' }) until?: string | null;
}

@InputType('PropertyEvaluationRecordInput', { description: "Record (or correct) a property firm's evaluation for a period (物业测评)." })
export class PropertyEvaluationRecordInput {
  @Field(() => ID, { description: 'The property-management unit.' }) unitId: string;
  @Field(() => ID, { description: 'The community committee evaluating.' }) communityId: string;
  @Field(() => String, { description: "Period: a quarter '2026-Q3' or a month '2026-09'." }) period: string;
  @Field(() => Int, { description: 'Service score, 0-100.' }) serviceScore: number;
  @Field(() => Int, { description: 'Environment score, 0-100.' }) environmentScore: number;
  @Field(() => Int, { description: 'Safety score, 0-100.' }) safetyScore: number;
  @Field(() => Int, { description: 'Response score, 0-100.' }) responseScore: number;
  @Field(() => EvaluationFlag, { description: 'The flag awarded.' }) flag: EvaluationFlag;
  @Field(() => String, { nullable: true, description: 'Remarks, up to 500 characters.' }) note?: string | null;
}

@InputType('DoubleReportMemberCreateInput', { description: "Register a unit's staff Party member with the community where they live (双报到)." })
export class DoubleReportMemberCreateInput {
  @Field(() => ID, { description: 'The unit the member works at.' }) unitId: string;
  @Field(() => ID, { description: 'The community committee they report to.' }) communityId: string;
  @Field(() => String, { nullable: true, description: 'Name, 1 to 50 characters; may be omitted when `memberId` is given.' }) personName?: string | null;
  @Field(() => ID, { nullable: true, description: 'The Party member, when they are on the community roll.' }) memberId?: string | null;
  @Field(() => String, { nullable: true, description: 'Reporting since, YYYY-MM-DD (default today).' }) since?: string | null;
}

@InputType('DoubleReportMemberEndInput', { description: 'Record that a member stopped reporting to the community.' })
export class DoubleReportMemberEndInput {
  @Field(() => ID, { description: 'The double-report member.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD (default today).' }) until?: string | null;
}

@InputType('PartnerTokenCreateInput', { description: 'A new API token for a co-building unit, issued by one of its communities.' })
export class PartnerTokenCreateInput {
  @Field(() => ID, { description: 'The unit the token acts for.' }) unitId: string;
  @Field(() => ID, { nullable: true, description: "The community committee issuing the token: one you administer that works with the unit. The token sees the unit's relationship with this community only. May be omitted when you administer only one of the unit's communities." }) communityId?: string | null;
  @Field(() => String, { description: 'A label, 1 to 50 characters, e.g. 预约系统.' }) name: string;
  @Field(() => [String], { description: 'Scopes: public:read (always included), unit:read, activities:write, demands:write.' }) scopes: string[];
  @Field(() => Date, { nullable: true, description: 'When it stops working: within two years (default one year from now).' }) expiresAt?: Date | null;
}

@InputType('PartnerTokenRotateInput', { description: 'Replace the secret of a token; the old secret stops working at once.' })
export class PartnerTokenRotateInput {
  @Field(() => ID, { description: 'The token.' }) id: string;
}

@InputType('PartnerTokenRevokeInput', { description: 'Revoke a token for good.' })
export class PartnerTokenRevokeInput {
  @Field(() => ID, { description: 'The token.' }) id: string;
}

function ObjectPayload<T>(name: string, what: string, field: string, type: () => Function, description: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  Field(type, { name: field, nullable: true, description })(Payload.prototype, field);
  return Payload as unknown as new () => { userErrors: UserError[] } & Record<string, T | null>;
}

export const CoBuildingUnitCreatePayload = ObjectPayload('CoBuildingUnitCreatePayload', 'coBuildingUnitCreate', 'unit', () => CoBuildingUnit, 'The unit created; null when refused.');
export const CoBuildingUnitUpdatePayload = ObjectPayload('CoBuildingUnitUpdatePayload', 'coBuildingUnitUpdate', 'unit', () => CoBuildingUnit, 'The unit as it is now; null when refused.');
export const CoBuildingUnitLinkPayload = ObjectPayload('CoBuildingUnitLinkPayload', 'coBuildingUnitLink', 'unit', () => CoBuildingUnit, 'The unit as it is now; null when refused.');
export const AgreementCreatePayload = ObjectPayload('AgreementCreatePayload', 'agreementCreate', 'agreement', () => Agreement, 'The agreement recorded; null when refused.');
export const AgreementRenewPayload = ObjectPayload('AgreementRenewPayload', 'agreementRenew', 'agreement', () => Agreement, 'The new agreement; null when refused.');
export const AgreementTerminatePayload = ObjectPayload('AgreementTerminatePayload', 'agreementTerminate', 'agreement', () => Agreement, 'The agreement as it is now; null when refused.');
export const CommitteeSeatCreatePayload = ObjectPayload('CommitteeSeatCreatePayload', 'committeeSeatCreate', 'seat', () => CommitteeSeat, 'The seat created; null when refused.');
export const CommitteeSeatEndPayload = ObjectPayload('CommitteeSeatEndPayload', 'committeeSeatEnd', 'seat', () => CommitteeSeat, 'The seat as it is now; null when refused.');
export const CrossAppointmentCreatePayload = ObjectPayload('CrossAppointmentCreatePayload', 'crossAppointmentCreate', 'crossAppointment', () => CrossAppointment, 'The appointment recorded; null when refused.');
export const CrossAppointmentEndPayload = ObjectPayload('CrossAppointmentEndPayload', 'crossAppointmentEnd', 'crossAppointment', () => CrossAppointment, 'The appointment as it is now; null when refused.');
export const PropertyEvaluationRecordPayload = ObjectPayload('PropertyEvaluationRecordPayload', 'propertyEvaluationRecord', 'evaluation', () => PropertyEvaluation, 'The evaluation as recorded; null when refused.');
export const DoubleReportMemberCreatePayload = ObjectPayload('DoubleReportMemberCreatePayload', 'doubleReportMemberCreate', 'doubleReportMember', () => DoubleReportMember, 'The registration; null when refused.');
export const DoubleReportMemberEndPayload = ObjectPayload('DoubleReportMemberEndPayload', 'doubleReportMemberEnd', 'doubleReportMember', () => DoubleReportMember, 'The registration as it is now; null when refused.');
export const PartnerTokenRevokePayload = ObjectPayload('PartnerTokenRevokePayload', 'partnerTokenRevoke', 'partnerToken', () => PartnerToken, 'The token as it is now; null when refused.');

function SecretPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => PartnerToken, { nullable: true, description: 'The token; null when refused.' }) partnerToken: object | null;
    @Field(() => String, { nullable: true, description: 'The secret for `Authorization: Bearer <secret>`. Shown only now: store it safely.' }) secret: string | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const PartnerTokenCreatePayload = SecretPayload('PartnerTokenCreatePayload', 'partnerTokenCreate');
export const PartnerTokenRotatePayload = SecretPayload('PartnerTokenRotatePayload', 'partnerTokenRotate');

export { PartyCommittee, PartyMember };
