import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { Education, Gender, MemberStatus, PositionRole, TransferKind, TransferState, type MemberPositionEntity, type MemberTransferEntity, type PartyMemberEntity } from './member.entity.js';

registerEnumType(Gender, { name: 'Gender', description: 'Gender (性别).', valuesConfig: { MALE: { description: 'Male (男).' }, FEMALE: { description: 'Female (女).' } } });
registerEnumType(MemberStatus, {
  name: 'MemberStatus',
  description: 'Party membership status.',
  valuesConfig: { FULL: { description: 'Full member (正式党员).' }, PROBATIONARY: { description: 'Probationary member (预备党员).' } },
});
registerEnumType(PositionRole, {
  name: 'PositionRole',
  description: 'A position held in an org node.',
  valuesConfig: {
    SECRETARY: { description: 'Secretary (书记).' },
    DEPUTY_SECRETARY: { description: 'Deputy secretary (副书记).' },
    COMMITTEE_MEMBER: { description: 'Committee member (委员).' },
    BUILDING_HEAD: { description: 'Member building head (党员楼栋长), leads a building group.' },
    HOUSEHOLD_HEAD: { description: 'Head of a member household (党员中心户户主).' },
  },
});

@ObjectType('PartyMember', { implements: Node, description: 'A Party member (党员). Visible only to staff whose grants cover the member.' })
export class PartyMember extends Node {
  @Field(() => String, { description: 'Full name.' }) name: string;
  @Field(() => Gender, { description: 'Gender.' }) gender: Gender;
  @Field(() => String, { nullable: true, description: 'Date joined the Party (入党日期), YYYY-MM-DD.' }) joinedOn: string | null;
  @Field(() => MemberStatus, { description: 'Full or probationary.' }) status: MemberStatus;
  @Field(() => String, { nullable: true, description: 'The date a probationary member became full (转正日期), YYYY-MM-DD.' }) fullOn: string | null;
  @Field(() => String, { nullable: true, description: 'Birth date, YYYY-MM-DD.' }) birthDate: string | null;
  @Field(() => String, { nullable: true, description: 'Ethnicity (民族), e.g. 汉族.' }) ethnicity: string | null;
  @Field(() => Education, { nullable: true, description: 'Highest education (学历).' }) education: Education | null;
  @Field(() => String, { nullable: true, description: 'Work unit (工作单位).' }) workUnit: string | null;
  @Field(() => String, { nullable: true, description: 'For a mobile member (流动党员): where the member is now.' }) mobileLocation: string | null;
  @Field(() => String, { nullable: true, description: 'For a mobile member: away until, YYYY-MM-DD.' }) mobileUntil: string | null;
}

@ObjectType('MemberPosition', { implements: Node, description: 'A position a member holds in an org node, e.g. secretary of a branch.' })
export class MemberPosition extends Node {
  @Field(() => PositionRole, { description: 'The position.' }) role: PositionRole;
  @Field(() => String, { nullable: true, description: 'Held since, YYYY-MM-DD.' }) since: string | null;
  @Field(() => String, { nullable: true, description: 'Held until, YYYY-MM-DD; null while it is held.' }) until: string | null;
}

export const PartyMemberConnection = Connection(PartyMember, 'PartyMember', 'Party member');

registerEnumType(Education, {
  name: 'Education',
  description: 'Highest education (学历).',
  valuesConfig: {
    PRIMARY: { description: 'Primary school or less (小学及以下).' },
    JUNIOR_HIGH: { description: 'Junior high school (初中).' },
    SENIOR_HIGH: { description: 'Senior high or vocational school (高中/中专).' },
    JUNIOR_COLLEGE: { description: 'Junior college (大专).' },
    BACHELOR: { description: 'Bachelor (本科).' },
    POSTGRADUATE: { description: 'Postgraduate (研究生).' },
  },
});
registerEnumType(TransferKind, {
  name: 'TransferKind',
  description: 'Where a transfer of Party membership (组织关系转接) goes.',
  valuesConfig: {
    INTERNAL: { description: 'From one branch on the platform to another.' },
    IN: { description: 'In from a Party organisation outside the platform.' },
    OUT: { description: 'Out to a Party organisation outside the platform.' },
  },
});
registerEnumType(TransferState, {
  name: 'TransferState',
  description: 'Where a transfer request stands.',
  valuesConfig: {
    PENDING: { description: 'Waiting for the deciding side (待审批).' },
    APPROVED: { description: 'Approved: the member moved (已同意).' },
    REFUSED: { description: 'Refused by the deciding side (已退回).' },
    CANCELLED: { description: 'Withdrawn by the requesting side (已撤回).' },
  },
});

export enum BranchWarningCode {
  TOO_FEW_FULL_MEMBERS = 'TOO_FEW_FULL_MEMBERS',
  TOO_MANY_MEMBERS = 'TOO_MANY_MEMBERS',
  NO_BRANCH_COMMITTEE = 'NO_BRANCH_COMMITTEE',
}
registerEnumType(BranchWarningCode, {
  name: 'BranchWarningCode',
  description: 'A rule of the branch work regulations (支部工作条例) a branch breaks. Warnings, not blocks.',
  valuesConfig: {
    TOO_FEW_FULL_MEMBERS: { description: 'Fewer than 3 full members: a branch needs 3 to be set up.' },
    TOO_MANY_MEMBERS: { description: 'More than 50 members: the branch should be split.' },
    NO_BRANCH_COMMITTEE: { description: '7 or more full members but no branch committee (deputy secretary or committee member in office).' },
  },
});

@ObjectType('BranchWarningReason', { description: 'One rule a branch breaks, with the figures behind it.' })
export class BranchWarningReason {
  @Field(() => BranchWarningCode, { description: 'Which rule.' }) code: BranchWarningCode;
  @Field(() => String, { description: 'The reason in Chinese, with the figures.' }) message: string;
}

@ObjectType('BranchWarning', { description: 'A branch that breaks rules of the branch work regulations, and why.' })
export class BranchWarning {
  @Field(() => ID, { description: 'Global ID of the branch.' }) branchId: string;
  /** row id, for the branch field */
  orgNodeId: number;
  @Field(() => Int, { description: 'Live members of the branch.' }) memberCount: number;
  @Field(() => Int, { description: 'Full members of the branch.' }) fullMemberCount: number;
  @Field(() => [BranchWarningReason], { description: 'The rules it breaks.' }) reasons: BranchWarningReason[];
}

@ObjectType('MemberTransfer', { implements: Node, description: 'A request to move a Party membership (组织关系转接): branch to branch, in from outside the platform or out to outside. The receiving side decides (for OUT, the sending side records the outcome).' })
export class MemberTransfer extends Node {
  @Field(() => TransferKind, { description: 'Where it goes.' }) kind: TransferKind;
  @Field(() => TransferState, { description: 'Where it stands.' }) state: TransferState;
  @Field(() => String, { description: 'The member’s name.' }) personName: string;
  @Field(() => String, { nullable: true, description: 'IN / OUT: the Party organisation outside the platform.' }) outsideOrganization: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was requested.' }) note: string | null;
  @Field(() => String, { nullable: true, description: 'What the deciding side said.' }) decisionNote: string | null;
  @Field(() => DateTimeResolver, { description: 'When it was requested.' }) requestedAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was decided.' }) decidedAt: Date | null;
}

export const MemberTransferConnection = Connection(MemberTransfer, 'MemberTransfer', 'transfer request');

@InputType('MemberFilter', { description: 'Which members to list.' })
export class MemberFilter {
  @Field(() => ID, { nullable: true, description: 'Only members under this org node (its whole subtree).' }) orgNodeId?: string | null;
  @Field(() => String, { nullable: true, description: 'Part of the name, or a whole mobile number (matched by its keyed hash).' }) query?: string | null;
  @Field(() => MemberStatus, { nullable: true, description: 'Only full or only probationary members.' }) status?: MemberStatus | null;
  @Field(() => Gender, { nullable: true, description: 'Only this gender.' }) gender?: Gender | null;
  @Field(() => Education, { nullable: true, description: 'Only this education.' }) education?: Education | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only mobile members (流动党员); false: only the others.' }) mobile?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only double-report members (双报到); false: only the others.' }) doubleReport?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only members whose political birthday (入党日期) falls in this month (Asia/Shanghai).' }) politicalBirthdayThisMonth?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Only probationary members whose year of probation ends within 30 days (or is already over).' }) probationEndingSoon?: boolean | null;
  @Field(() => PositionRole, { nullable: true, description: 'Only members holding this position now.' }) position?: PositionRole | null;
}

@InputType('MemberProfileInput', { description: 'A member’s profile (validated by the same rules as the spreadsheet import).' })
export class MemberProfileInput {
  @Field(() => String, { description: 'Full name, 1 to 30 characters.' }) name: string;
  @Field(() => Gender, { description: 'Gender.' }) gender: Gender;
  @Field(() => MemberStatus, { description: 'Full or probationary.' }) status: MemberStatus;
  @Field(() => String, { nullable: true, description: 'Date joined the Party, YYYY-MM-DD.' }) joinedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Date became full (FULL only), YYYY-MM-DD.' }) fullOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Birth date, YYYY-MM-DD.' }) birthDate?: string | null;
  @Field(() => String, { nullable: true, description: 'Ethnicity, up to 20 characters.' }) ethnicity?: string | null;
  @Field(() => Education, { nullable: true, description: 'Highest education.' }) education?: Education | null;
  @Field(() => String, { nullable: true, description: 'Work unit, up to 100 characters.' }) workUnit?: string | null;
}

@InputType('MemberCreateInput', { description: 'A new member on a branch’s roll.' })
export class MemberCreateInput extends MemberProfileInput {
  @Field(() => ID, { description: 'The branch (or community committee) the member belongs to.' }) branchId: string;
  @Field(() => String, { nullable: true, description: 'Mainland mobile number (personal data, sealed).' }) phone?: string | null;
  @Field(() => ID, { nullable: true, description: 'Double-report member (双报到): the co-building unit the member works in; it must work with the member’s community.' }) doubleReportUnitId?: string | null;
  @Field(() => String, { nullable: true, description: 'Mobile member (流动党员): where the member is now, up to 100 characters.' }) mobileLocation?: string | null;
  @Field(() => String, { nullable: true, description: 'Mobile member: away until, YYYY-MM-DD.' }) mobileUntil?: string | null;
}

@InputType('MemberUpdateInput', { description: 'Changes to a member’s profile; absent fields stay, an empty string clears an optional text. Status can only go from PROBATIONARY to FULL (转正).' })
export class MemberUpdateInput {
  @Field(() => ID, { description: 'The member.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Full name.' }) name?: string | null;
  @Field(() => Gender, { nullable: true, description: 'Gender.' }) gender?: Gender | null;
  @Field(() => MemberStatus, { nullable: true, description: 'FULL to confirm a probationary member (转正); give fullOn or today is used.' }) status?: MemberStatus | null;
  @Field(() => String, { nullable: true, description: 'Date joined the Party, YYYY-MM-DD.' }) joinedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Date became full, YYYY-MM-DD.' }) fullOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Birth date, YYYY-MM-DD.' }) birthDate?: string | null;
  @Field(() => String, { nullable: true, description: 'Ethnicity.' }) ethnicity?: string | null;
  @Field(() => Education, { nullable: true, description: 'Highest education.' }) education?: Education | null;
  @Field(() => String, { nullable: true, description: 'Mainland mobile number; empty string removes it.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Work unit.' }) workUnit?: string | null;
  @Field(() => ID, { nullable: true, description: 'Double-report unit; empty string ends the double report.' }) doubleReportUnitId?: string | null;
  @Field(() => String, { nullable: true, description: 'Mobile member: where now; empty string: back home (no longer mobile).' }) mobileLocation?: string | null;
  @Field(() => String, { nullable: true, description: 'Mobile member: away until; empty string clears it.' }) mobileUntil?: string | null;
}

@InputType('MemberPositionAssignInput', { description: 'Give a member a position in an org node.' })
export class MemberPositionAssignInput {
  @Field(() => ID, { description: 'The member.' }) memberId: string;
  @Field(() => ID, { description: 'Where the position is held (the member’s branch, a building group or member household under it, or the committee).' }) orgNodeId: string;
  @Field(() => PositionRole, { description: 'The position.' }) role: PositionRole;
  @Field(() => String, { nullable: true, description: 'Since, YYYY-MM-DD; default today.' }) since?: string | null;
}

@InputType('MemberPositionEndInput', { description: 'End a position (it stays in the member’s history).' })
export class MemberPositionEndInput {
  @Field(() => ID, { description: 'The position.' }) positionId: string;
  @Field(() => String, { nullable: true, description: 'Until, YYYY-MM-DD; default today.' }) until?: string | null;
}

@InputType('MemberTransferRequestInput', { description: 'Ask to move a membership. INTERNAL: memberId and toBranchId; IN: toBranchId, outsideOrganization and incoming; OUT: memberId and outsideOrganization.' })
export class MemberTransferRequestInput {
  @Field(() => TransferKind, { description: 'Where it goes.' }) kind: TransferKind;
  @Field(() => ID, { nullable: true, description: 'INTERNAL, OUT: the member.' }) memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'INTERNAL, IN: the receiving branch.' }) toBranchId?: string | null;
  @Field(() => String, { nullable: true, description: 'IN, OUT: the Party organisation outside the platform, up to 100 characters.' }) outsideOrganization?: string | null;
  @Field(() => MemberProfileInput, { nullable: true, description: 'IN: the incoming member’s profile.' }) incoming?: MemberProfileInput | null;
  @Field(() => String, { nullable: true, description: 'Why, up to 500 characters.' }) note?: string | null;
}

@InputType('MemberTransferDecideInput', { description: 'Approve, refuse or withdraw a pending transfer.' })
export class MemberTransferDecideInput {
  @Field(() => ID, { description: 'The transfer.' }) transferId: string;
  @Field(() => String, { nullable: true, description: 'A note, up to 500 characters.' }) note?: string | null;
}

@InputType('MemberTransferFilter', { description: 'Which transfers to list.' })
export class MemberTransferFilter {
  @Field(() => TransferState, { nullable: true, description: 'Only this state.' }) state?: TransferState | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only those you may decide now.' }) awaitingMe?: boolean | null;
}

@ObjectType('MemberPayload', { description: 'Result of a change to a member.' })
export class MemberPayload {
  @Field(() => PartyMember, { nullable: true, description: 'The member as it is now; null when refused.' }) member: PartyMemberEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('MemberPositionPayload', { description: 'Result of a change to a position.' })
export class MemberPositionPayload {
  @Field(() => MemberPosition, { nullable: true, description: 'The position as it is now; null when refused.' }) position: MemberPositionEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('MemberTransferPayload', { description: 'Result of a step of a transfer.' })
export class MemberTransferPayload {
  @Field(() => MemberTransfer, { nullable: true, description: 'The transfer as it is now; null when refused.' }) transfer: MemberTransferEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
export enum LeaderState {
  SET = 'SET',
  NOT_SET = 'NOT_SET',
  HIDDEN = 'HIDDEN',
}
registerEnumType(LeaderState, {
  name: 'LeaderState',
  description: "Whether a node has a leader (secretary, building head, household head), as the viewer may know it: a leader the viewer may not see is HIDDEN, never NOT_SET.",
  valuesConfig: {
    SET: { description: 'Has a leader, shown in `leader`.' },
    NOT_SET: { description: 'Nobody holds the position (未设置).' },
    HIDDEN: { description: 'Somebody holds it, outside your access (无权查看): `leader` is null.' },
  },
});

@ObjectType('MemberTransferTarget', { description: 'A branch (or community committee) a member may be transferred to within the platform: those of the member’s street.' })
export class MemberTransferTarget {
  @Field(() => ID, { description: 'Global ID of the branch or committee, for memberTransferRequest.toBranchId.' }) id: string;
  @Field(() => String, { description: 'Its name.' }) name: string;
  @Field(() => String, { description: 'The community it belongs to.' }) communityName: string;
}
