import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import {
  DemandActorKind, DemandCategory, DemandChannel, DemandEventKind, DemandPriority, DemandState,
  type DemandDeadlineEntity, type DemandEntity,
} from './demand.entity.js';
import { DemandAction } from './demand.transitions.js';
import { GrantRole } from '../access/index.js';

registerEnumType(DemandChannel, {
  name: 'DemandChannel',
  description: 'How a demand (诉求) reached the community.',
  valuesConfig: {
    VISIT: { description: 'Raised during a home visit (走访).' },
    HOTLINE: { description: 'By phone (热线电话).' },
    ONLINE: { description: 'Online: the public page, WeChat group (红色直通车 online).' },
    MEETING: { description: 'At a residents’ meeting (恳谈会, 议事会).' },
    GRID_PATROL: { description: 'Found on a grid worker’s patrol (网格巡查).' },
    WALK_IN: { description: 'In person at the service centre (来访).' },
  },
});
registerEnumType(DemandCategory, {
  name: 'DemandCategory',
  description: 'What a demand is about; deadlines are set per category.',
  valuesConfig: {
    ENVIRONMENT: { description: 'Environment and sanitation (环境卫生).' },
    PROPERTY: { description: 'Property management (物业管理).' },
    SAFETY: { description: 'Safety and fire hazards (安全隐患).' },
    NEIGHBOUR_DISPUTE: { description: 'Disputes between neighbours (邻里纠纷).' },
    FACILITIES: { description: 'Public facilities (公共设施).' },
    ELDERLY_CARE: { description: 'Care for the elderly (养老服务).' },
    OTHER: { description: 'Anything else (其他).' },
  },
});
registerEnumType(DemandPriority, {
  name: 'DemandPriority',
  description: 'How urgent a demand is.',
  valuesConfig: {
    LOW: { description: 'Low (低).' },
    NORMAL: { description: 'Normal (普通).' },
    HIGH: { description: 'High (高).' },
    URGENT: { description: 'Urgent (紧急).' },
  },
});
registerEnumType(DemandState, {
  name: 'DemandState',
  description: 'Where a demand is in its lifecycle; `demandTransitions` lists the steps between states.',
  valuesConfig: {
    SUBMITTED: { description: 'Received, waiting to be accepted (待受理).' },
    ACCEPTED: { description: 'Accepted by the community (已受理).' },
    ASSIGNED: { description: 'Handed to a person, branch or co-building unit (已指派).' },
    IN_PROGRESS: { description: 'Being worked on (办理中).' },
    RESOLVED: { description: 'Reported fixed; waiting for the resident’s rating or closing (已办结).' },
    CLOSED: { description: 'Closed (已关闭).' },
    REJECTED: { description: 'Not taken on, with a reason (不予受理).' },
    REOPENED: { description: 'The resident was not satisfied or staff reopened it (重新办理).' },
    DUPLICATE: { description: 'The same problem as another demand, which it links (重复诉求).' },
  },
});
registerEnumType(DemandAction, {
  name: 'DemandAction',
  description: 'A step of the demand lifecycle (`transitionDemand`).',
  valuesConfig: {
    ACCEPT: { description: 'Accept it (受理).' },
    REJECT: { description: 'Decline it, with a reason (不予受理).' },
    MARK_DUPLICATE: { description: 'Mark it as a duplicate of another demand (标记重复).' },
    ASSIGN: { description: 'Assign or reassign it to a person, branch or unit (指派).' },
    START: { description: 'Start work on it (开始办理).' },
    RESOLVE: { description: 'Report it fixed (办结).' },
    CLOSE: { description: 'Close it (关闭).' },
    REOPEN: { description: 'Reopen it, with a reason (重新办理).' },
  },
});
registerEnumType(DemandEventKind, {
  name: 'DemandEventKind',
  description: 'What happened in one step of a demand’s timeline.',
  valuesConfig: {
    CREATED: { description: 'The demand was taken in or filed (登记).' },
    TRANSITION: { description: 'Its state changed (状态变更).' },
    ASSIGNED: { description: 'It was assigned (指派).' },
    NOTE: { description: 'An internal note, for staff only (内部备注).' },
    REPLY: { description: 'A public reply to the resident (答复).' },
    ESCALATED: { description: 'It was overdue and went up the chain (超时升级).' },
    RATED: { description: 'The resident rated the result (评价).' },
    REOPENED: { description: 'It was reopened (重新办理).' },
    DUPLICATE_LINKED: { description: 'Another demand was marked as a duplicate of this one, or this of another (关联重复).' },
    DEADLINE_CHANGED: { description: 'Its deadlines changed (期限调整).' },
    CONTACT_REVEALED: { description: 'A staff member viewed the resident’s contact in clear, with the reason (查看联系方式); staff only.' },
  },
});
registerEnumType(DemandActorKind, {
  name: 'DemandActorKind',
  description: 'Who took a step.',
  valuesConfig: {
    STAFF: { description: 'Community staff (社区工作人员).' },
    PARTNER: { description: 'A co-building unit (合作单位).' },
    RESIDENT: { description: 'The resident (居民).' },
    SYSTEM: { description: 'The system, e.g. the escalation job (系统).' },
  },
});

export enum DemandCommentVisibility { INTERNAL = 'INTERNAL', PUBLIC = 'PUBLIC' }
registerEnumType(DemandCommentVisibility, {
  name: 'DemandCommentVisibility',
  description: 'Who sees a comment on a demand.',
  valuesConfig: {
    INTERNAL: { description: 'Staff (and the assigned unit) only: an internal note (内部备注).' },
    PUBLIC: { description: 'The resident too, on the ticket page: a reply (公开答复).' },
  },
});

@ObjectType('DemandPlace', { description: 'Where the problem is.' })
export class DemandPlace {
  @Field(() => String, { nullable: true, description: 'Residential compound (小区).' }) compound: string | null;
  @Field(() => String, { nullable: true, description: 'Building (楼栋).' }) building: string | null;
  @Field(() => String, { nullable: true, description: 'Free text, e.g. 3 单元楼道.' }) text: string | null;
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84).' }) latitude: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84).' }) longitude: number | null;
}

@ObjectType('DemandStaff', { description: 'A staff account a demand is assigned to: its name only.' })
export class DemandStaff {
  @Field(() => ID, { description: 'Global ID of the account.' }) id: string;
  @Field(() => String, { description: 'Name shown in the admin site.' }) displayName: string;
}

@ObjectType('AssignableAccount', { description: 'A staff account a demand may be assigned to: its grant covers the demand’s org node (or the branch it is assigned to).' })
export class AssignableAccount {
  @Field(() => ID, { description: 'Global ID of the account (pass it as `assignee.accountId`).' }) id: string;
  @Field(() => String, { description: 'Name shown in the admin site.' }) displayName: string;
  @Field(() => GrantRole, { description: 'Its strongest role among the grants that qualify it.' }) role: GrantRole;
}

@ObjectType('DemandEvent', { description: 'One step in a demand’s timeline (append-only). Public views show only public steps and never staff names.' })
export class DemandEvent {
  @Field(() => ID, { name: 'id', description: 'Opaque ID of the step.' }) globalId: string;
  @Field(() => DemandEventKind, { description: 'What happened.' }) kind: DemandEventKind;
  @Field(() => DemandState, { nullable: true, description: 'State before, for state changes.' }) fromState: DemandState | null;
  @Field(() => DemandState, { nullable: true, description: 'State after, for state changes.' }) toState: DemandState | null;
  @Field(() => String, { nullable: true, description: 'Text: the note, the reply, the reason.' }) body: string | null;
  @Field(() => DemandActorKind, { description: 'Who took the step, as a kind.' }) actorKind: DemandActorKind;
  @Field(() => String, { description: 'Who took the step, as a role label: 社区工作人员, 合作单位, 居民, 系统.' }) actorRole: string;
  @Field(() => String, { nullable: true, description: 'The staff member’s or unit’s name; staff views only (null in public views and for partners).' }) actorName: string | null;
  @Field(() => Boolean, { description: 'Shown to the resident on the ticket page.' }) public: boolean;
  @Field(() => Int, { nullable: true, description: 'For ESCALATED: the level reached (1 community committee, 2 street).' }) escalationLevel: number | null;
  @Field(() => Int, { nullable: true, description: 'For RATED: the rating, 1 to 5.' }) rating: number | null;
  @Field(() => DateTimeResolver, { description: 'When.' }) createdAt: Date;
}

@ObjectType('Demand', { implements: Node, description: 'A resident demand (诉求): a problem raised on a channel, owned by an org node, followed until closed (事事有跟进, 件件有回音). Staff read demands under their grants; a co-building unit’s partner token with demands:read reads those assigned to the unit, without personal data.' })
export class Demand extends Node {
  @Field(() => String, { description: 'Resident-facing ticket code (8 characters), for the public lookup and the rating.' }) ticketCode: string;
  @Field(() => String, { description: 'Short title.' }) title: string;
  @Field(() => String, { description: 'What the problem is.' }) description: string;
  @Field(() => DemandChannel, { description: 'How it came in.' }) channel: DemandChannel;
  @Field(() => DemandCategory, { description: 'What it is about.' }) category: DemandCategory;
  @Field(() => DemandPriority, { description: 'How urgent.' }) priority: DemandPriority;
  @Field(() => DemandState, { description: 'Where it is in its lifecycle.' }) state: DemandState;
  @Field(() => Int, { description: 'Grows with every change; send it back as `expectedVersion`.' }) version: number;
  @Field(() => [String], { description: 'Photo URLs.' }) photoUrls: string[];
  @Field(() => Boolean, { description: 'Fixed on the spot at intake (立行立改).' }) resolvedOnSpot: boolean;
  @Field(() => DateTimeResolver, { description: 'First response (accept, reject or a public reply) due by.' }) firstResponseDueAt: Date;
  @Field(() => DateTimeResolver, { description: 'Resolution due by.' }) resolutionDueAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When first responded to.' }) firstRespondedAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When reported fixed (latest time).' }) resolvedAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When closed.' }) closedAt: Date | null;
  @Field(() => Int, { description: 'How far up the chain it went for being overdue: 0 none, 1 community committee, 2 street.' }) escalationLevel: number;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When last escalated.' }) escalatedAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'The resident’s rating, 1 to 5.' }) rating: number | null;
  @Field(() => String, { nullable: true, description: 'The resident’s comment with the rating.' }) ratingComment: string | null;
  @Field(() => DateTimeResolver, { description: 'When taken in.' }) createdAt: Date;
  @Field(() => DateTimeResolver, { description: 'When last changed.' }) updatedAt: Date;
}
export const DemandConnection = Connection(Demand, 'Demand', 'demand');

@ObjectType('PublicDemandEvent', { description: 'A public step of a demand’s timeline, as the resident sees it: no staff names.' })
export class PublicDemandEvent {
  @Field(() => DemandEventKind, { description: 'What happened.' }) kind: DemandEventKind;
  @Field(() => DemandState, { nullable: true, description: 'State after, for state changes.' }) toState: DemandState | null;
  @Field(() => String, { nullable: true, description: 'The reply or reason shown to the resident.' }) body: string | null;
  @Field(() => String, { description: 'Role label of who took the step: 社区工作人员, 合作单位, 居民, 系统.' }) actorRole: string;
  @Field(() => DateTimeResolver, { description: 'When.' }) createdAt: Date;
}

@ObjectType('PublicDemand', { description: 'A demand as the resident sees it by ticket code: no personal data, no staff names.' })
export class PublicDemand {
  @Field(() => String, { description: 'The ticket code.' }) ticketCode: string;
  @Field(() => String, { description: 'Short title.' }) title: string;
  @Field(() => DemandCategory, { description: 'What it is about.' }) category: DemandCategory;
  @Field(() => DemandState, { description: 'Where it is.' }) state: DemandState;
  @Field(() => String, { nullable: true, description: 'Where the problem is, as text (compound, building, place).' }) placeText: string | null;
  @Field(() => String, { description: 'The community committee’s name.' }) communityName: string;
  @Field(() => Int, { nullable: true, description: 'The rating given, 1 to 5.' }) rating: number | null;
  @Field(() => Boolean, { description: 'A rating may be given now (resolved and not rated yet).' }) canRate: boolean;
  @Field(() => DateTimeResolver, { description: 'When filed.' }) createdAt: Date;
  @Field(() => DateTimeResolver, { description: 'When last changed.' }) updatedAt: Date;
  @Field(() => [PublicDemandEvent], { description: 'Public steps, oldest first (the latest 100).' }) timeline: PublicDemandEvent[];
  @Field(() => [PublicDemandEvent], { description: 'The public replies to the resident (答复), oldest first.' }) replies: PublicDemandEvent[];
}

@ObjectType('DemandTransitionRule', { description: 'One allowed step of the demand lifecycle.' })
export class DemandTransitionRule {
  @Field(() => DemandState, { description: 'State it starts from.' }) from: DemandState;
  @Field(() => DemandAction, { description: 'The step.' }) action: DemandAction;
  @Field(() => DemandState, { description: 'State it ends in.' }) to: DemandState;
  @Field(() => [String], { description: 'What `transitionDemand` needs for it: reason, duplicateOf, assignee.' }) needs: string[];
  @Field(() => Boolean, { description: 'A partner token with demands:write may take it on a demand assigned to its unit.' }) partner: boolean;
}

@ObjectType('DemandStateCount', { description: 'How many demands are in one state (for the board).' })
export class DemandStateCount {
  @Field(() => DemandState, { description: 'The state.' }) state: DemandState;
  @Field(() => Int, { description: 'How many matching demands are in it.' }) count: number;
}

@ObjectType('DemandDeadline', { description: 'A community’s deadlines for one category, in hours (the default unless the community set its own).' })
export class DemandDeadline {
  @Field(() => DemandCategory, { description: 'The category.' }) category: DemandCategory;
  @Field(() => Int, { description: 'Hours to the first response (default 24: 矛盾不过夜).' }) firstResponseHours: number;
  @Field(() => Int, { description: 'Hours to resolution.' }) resolutionHours: number;
  @Field(() => Boolean, { description: 'The community set this itself (false: the default).' }) custom: boolean;
}
export type DemandDeadlineView = DemandDeadline & { row?: DemandDeadlineEntity };

// ---- inputs ---------------------------------------------------------------------------------------------

@InputType('DemandPlaceInput', { description: 'Where the problem is; all optional.' })
export class DemandPlaceInput {
  @Field(() => String, { nullable: true, description: 'Residential compound (小区), up to 100 characters.' }) compound?: string | null;
  @Field(() => String, { nullable: true, description: 'Building (楼栋), up to 50 characters.' }) building?: string | null;
  @Field(() => String, { nullable: true, description: 'Free text, up to 200 characters.' }) text?: string | null;
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84), -90 to 90.' }) latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84), -180 to 180.' }) longitude?: number | null;
}

@InputType('CreateDemandInput', { description: 'A demand taken in by staff (at the door, on the phone, on a walk).' })
export class CreateDemandInput {
  @Field(() => ID, { description: 'The org node it belongs to: a community committee or a branch under it.' }) orgNodeId: string;
  @Field(() => DemandChannel, { description: 'How it came in (the intake form presets it).' }) channel: DemandChannel;
  @Field(() => DemandCategory, { description: 'What it is about.' }) category: DemandCategory;
  @Field(() => String, { description: 'Short title, 1 to 100 characters.' }) title: string;
  @Field(() => String, { nullable: true, description: 'What the problem is, up to 5000 characters.' }) description?: string | null;
  @Field(() => DemandPriority, { nullable: true, description: 'How urgent; default NORMAL.' }) priority?: DemandPriority | null;
  @Field(() => DemandPlaceInput, { nullable: true, description: 'Where.' }) place?: DemandPlaceInput | null;
  @Field(() => String, { nullable: true, description: 'The resident’s name, up to 20 characters (personal data, sealed).' }) residentName?: string | null;
  @Field(() => String, { nullable: true, description: 'The resident’s mainland mobile number (personal data, sealed).' }) residentPhone?: string | null;
  @Field(() => [String], { nullable: true, description: 'Photo URLs (http or https), up to 9.' }) photoUrls?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Fixed on the spot (立行立改): taken in already RESOLVED.' }) resolvedOnSpot?: boolean | null;
  @Field(() => String, { nullable: true, description: 'What was done on the spot (with resolvedOnSpot), up to 2000 characters.' }) resolution?: string | null;
  @Field(() => String, { nullable: true, description: 'Client-made key (8 to 100 characters, e.g. a UUID): the same key twice in one community returns the demand made the first time.' }) idempotencyKey?: string | null;
}

@InputType('SubmitDemandInput', { description: 'A demand filed by a resident on the public page (我要反映).' })
export class SubmitDemandInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => DemandCategory, { description: 'What it is about.' }) category: DemandCategory;
  @Field(() => String, { nullable: true, description: 'Short title, up to 100 characters; default: the start of the description.' }) title?: string | null;
  @Field(() => String, { description: 'What the problem is, 1 to 5000 characters.' }) description: string;
  @Field(() => DemandPlaceInput, { nullable: true, description: 'Where.' }) place?: DemandPlaceInput | null;
  @Field(() => String, { description: 'Your name, 1 to 20 characters.' }) name: string;
  @Field(() => String, { description: 'Your mainland mobile number: staff call you back on it; never shown publicly.' }) phone: string;
  @Field(() => String, { nullable: true, description: 'A photo URL (http or https).' }) photoUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Client-made key (8 to 100 characters): sending the form twice files one demand.' }) idempotencyKey?: string | null;
}

@InputType('DemandAssigneeInput', { description: 'Whom to assign a demand to: exactly one of the three.' })
export class DemandAssigneeInput {
  @Field(() => ID, { nullable: true, description: 'A staff account with a grant over the demand’s org node.' }) accountId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A branch of the demand’s community.' }) orgNodeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'A co-building unit that works with the demand’s community.' }) unitId?: string | null;
}

@InputType('TransitionDemandInput', { description: 'Take one step of the lifecycle (see demandTransitions).' })
export class TransitionDemandInput {
  @Field(() => ID, { description: 'The demand.' }) demandId: string;
  @Field(() => DemandAction, { description: 'The step.' }) action: DemandAction;
  @Field(() => Int, { description: 'The version you saw; a stale one is refused with STALE.' }) expectedVersion: number;
  @Field(() => String, { nullable: true, description: 'Why (needed for REJECT and REOPEN; shown to the resident), up to 2000 characters.' }) reason?: string | null;
  @Field(() => ID, { nullable: true, description: 'For MARK_DUPLICATE: the demand this one repeats.' }) duplicateOfId?: string | null;
  @Field(() => DemandAssigneeInput, { nullable: true, description: 'For ASSIGN: whom to.' }) assignee?: DemandAssigneeInput | null;
}

@InputType('AddDemandCommentInput', { description: 'An internal note or a public reply on a demand.' })
export class AddDemandCommentInput {
  @Field(() => ID, { description: 'The demand.' }) demandId: string;
  @Field(() => String, { description: 'Text, 1 to 2000 characters.' }) body: string;
  @Field(() => DemandCommentVisibility, { description: 'INTERNAL note or PUBLIC reply.' }) visibility: DemandCommentVisibility;
  @Field(() => Int, { description: 'The version you saw.' }) expectedVersion: number;
}

@InputType('RateDemandInput', { description: 'The resident’s rating of a resolved demand, by ticket code; once.' })
export class RateDemandInput {
  @Field(() => String, { description: 'The ticket code.' }) ticketCode: string;
  @Field(() => Int, { description: '1 to 5; 1 or 2 reopens the demand, 3 to 5 closes it.' }) rating: number;
  @Field(() => String, { nullable: true, description: 'Comment, up to 500 characters.' }) comment?: string | null;
}

@InputType('RevealDemandContactInput', { description: 'Show a demand’s resident name and phone in clear; the reason is recorded.' })
export class RevealDemandContactInput {
  @Field(() => ID, { description: 'The demand.' }) demandId: string;
  @Field(() => String, { description: 'Why you need it, 2 to 200 characters (e.g. 电话回访).' }) reason: string;
}

@InputType('SetDemandDeadlineInput', { description: 'A community’s deadlines for one category.' })
export class SetDemandDeadlineInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => DemandCategory, { description: 'The category.' }) category: DemandCategory;
  @Field(() => Int, { description: 'Hours to the first response, 1 to 720.' }) firstResponseHours: number;
  @Field(() => Int, { description: 'Hours to resolution, 1 to 2160, not less than the first response.' }) resolutionHours: number;
}

@InputType('DemandFilter', { description: 'Which demands to list; all conditions must hold.' })
export class DemandFilter {
  @Field(() => ID, { nullable: true, description: 'Only demands under this org node (its whole subtree).' }) orgNodeId?: string | null;
  @Field(() => [DemandState], { nullable: true, description: 'Only these states.' }) states?: DemandState[] | null;
  @Field(() => [DemandCategory], { nullable: true, description: 'Only these categories.' }) categories?: DemandCategory[] | null;
  @Field(() => [DemandChannel], { nullable: true, description: 'Only these channels.' }) channels?: DemandChannel[] | null;
  @Field(() => ID, { nullable: true, description: 'Only those assigned to this staff account.' }) assignedAccountId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only those assigned to me (staff).' }) assignedToMe?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Only those assigned to this co-building unit.' }) assignedUnitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only those assigned to this branch.' }) assignedBranchId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones; false: only ones not overdue.' }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only escalated ones; false: only ones never escalated.' }) escalated?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Text in the title, description or ticket code.' }) query?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Taken in at or after.' }) createdFrom?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Taken in before.' }) createdTo?: Date | null;
}

// ---- payloads -------------------------------------------------------------------------------------------

function DemandPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Demand, { nullable: true, description: 'The demand as it is now; null when refused.' }) demand: DemandEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const CreateDemandPayload = DemandPayload('CreateDemandPayload', 'createDemand');
export const TransitionDemandPayload = DemandPayload('TransitionDemandPayload', 'transitionDemand');
export const AddDemandCommentPayload = DemandPayload('AddDemandCommentPayload', 'addDemandComment');

@ObjectType('SubmitDemandPayload', { description: 'Result of submitDemand.' })
export class SubmitDemandPayload {
  @Field(() => String, { nullable: true, description: 'The ticket code to keep: look the demand up and rate it with it.' }) ticketCode: string | null;
  @Field(() => PublicDemand, { nullable: true, description: 'The demand as the resident sees it.' }) demand: PublicDemand | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('RateDemandPayload', { description: 'Result of rateDemand.' })
export class RateDemandPayload {
  @Field(() => PublicDemand, { nullable: true, description: 'The demand as the resident sees it now.' }) demand: PublicDemand | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('DemandContact', { description: 'A demand’s resident contact in clear.' })
export class DemandContact {
  @Field(() => String, { nullable: true, description: 'Name.' }) name: string | null;
  @Field(() => String, { nullable: true, description: 'Phone.' }) phone: string | null;
}

@ObjectType('RevealDemandContactPayload', { description: 'Result of revealDemandContact.' })
export class RevealDemandContactPayload {
  @Field(() => DemandContact, { nullable: true, description: 'The contact in clear; null when refused.' }) contact: DemandContact | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('SetDemandDeadlinePayload', { description: 'Result of setDemandDeadline.' })
export class SetDemandDeadlinePayload {
  @Field(() => DemandDeadline, { nullable: true, description: 'The deadlines now in force for the category.' }) deadline: DemandDeadline | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
