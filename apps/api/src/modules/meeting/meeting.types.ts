import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { DemandCategory } from '../demand/index.js';
import { Attendance, AttendeeKind, MeetingKind, MeetingStatus, RequiredPeriod, ScheduleRule, type MeetingEntity, type MeetingScheduleEntity } from './meeting.entity.js';

registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: 'What kind of meeting: the community’s deliberations and the branch’s own meetings (三会一课).',
  valuesConfig: {
    DELIBERATION: { description: 'Deliberation and consultation meeting (议事协商会, 逢三说事).' },
    JOINT_CONFERENCE: { description: 'Joint Party-building conference with co-building units (党建联席会议).' },
    GRID_GOVERNANCE: { description: 'Grid comprehensive-governance meeting (网格综治会).' },
    RESIDENT_TALK: { description: 'Residents’ bench talk (板凳议事会, 小板凳恳谈会, 民情恳谈会).' },
    BRANCH_ASSEMBLY: { description: 'General meeting of the branch’s members (党员大会).' },
    BRANCH_COMMITTEE: { description: 'Branch committee meeting (支委会).' },
    GROUP_MEETING: { description: 'Party group meeting (党小组会).' },
    PARTY_LECTURE: { description: 'Party lecture (党课).' },
    THEMED_PARTY_DAY: { description: 'Themed Party day (主题党日).' },
  },
});
registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description: 'Whether a meeting took place.',
  valuesConfig: {
    PLANNED: { description: 'Planned (待召开).' },
    HELD: { description: 'Held (已召开); counts towards the required frequency.' },
    CANCELLED: { description: 'Cancelled (已取消).' },
  },
});
registerEnumType(ScheduleRule, {
  name: 'ScheduleRule',
  description: 'How a recurring schedule repeats.',
  valuesConfig: {
    WEEKLY: { description: 'Every week on one weekday (每周五).' },
    MONTH_DAYS: { description: 'On days of every month (逢三: the 3rd, 13th and 23rd); a day past the month’s end falls on its last day.' },
    MONTHLY: { description: 'Once a month on one day (past the month’s end: its last day).' },
    QUARTERLY: { description: 'Once a quarter, every third month from the start date’s month.' },
  },
});
registerEnumType(AttendeeKind, {
  name: 'AttendeeKind',
  description: 'Who an attendee is.',
  valuesConfig: {
    MEMBER: { description: 'A Party member on the rolls (党员).' },
    RESIDENT: { description: 'A resident, by name (居民代表).' },
    UNIT: { description: 'A co-building unit’s representative (共建单位代表).' },
  },
});
registerEnumType(Attendance, {
  name: 'Attendance',
  description: 'Whether an attendee came.',
  valuesConfig: {
    INVITED: { description: 'Invited, not recorded yet (应到).' },
    PRESENT: { description: 'Present (实到).' },
    ABSENT: { description: 'Absent (缺席).' },
    EXCUSED: { description: 'Excused (请假).' },
  },
});
registerEnumType(RequiredPeriod, {
  name: 'RequiredPeriod',
  description: 'How often a branch must hold a kind of meeting.',
  valuesConfig: {
    NONE: { description: 'No requirement.' },
    MONTH: { description: 'At least once every calendar month (每月).' },
    QUARTER: { description: 'At least once every calendar quarter (每季度).' },
  },
});

@ObjectType('MeetingAttendee', { description: 'Someone invited to a meeting, with attendance.' })
export class MeetingAttendee {
  @Field(() => AttendeeKind, { description: 'Member, resident or unit representative.' }) kind: AttendeeKind;
  @Field(() => String, { description: 'Name (for a unit: the representative, or the unit’s name).' }) name: string;
  @Field(() => Attendance, { description: 'Whether they came.' }) attendance: Attendance;
}

@ObjectType('MeetingAgendaItem', { description: 'One item on a meeting’s agenda (议题), possibly about a demand, with the decision taken (决议).' })
export class MeetingAgendaItem {
  @Field(() => ID, { name: 'id', description: 'Opaque ID of the item.' }) globalId: string;
  @Field(() => Int, { description: 'Order on the agenda, from 1.' }) position: number;
  @Field(() => String, { description: 'What is discussed.' }) title: string;
  @Field(() => String, { nullable: true, description: 'The decision taken on it (决议).' }) decision: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the decision was recorded.' }) decidedAt: Date | null;
}

@ObjectType('Meeting', { implements: Node, description: 'A meeting (议事协商会, 党建联席会议, 支委会 ...): host node, place, attendees, agenda, decisions, minutes. Staff read meetings under their grants; a partner token with unit:read reads the meetings its unit takes part in.' })
export class Meeting extends Node {
  @Field(() => MeetingKind, { description: 'What kind of meeting.' }) kind: MeetingKind;
  @Field(() => String, { description: 'Title, e.g. 逢三说事（3 月 13 日）.' }) title: string;
  @Field(() => DateTimeResolver, { description: 'When it starts.' }) startsAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it ends.' }) endsAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Where: a venue’s name or free text.' }) place: string | null;
  @Field(() => MeetingStatus, { description: 'Planned, held or cancelled.' }) status: MeetingStatus;
  @Field(() => String, { nullable: true, description: 'Minutes (会议记录).' }) minutes: string | null;
  @Field(() => String, { nullable: true, description: 'For a meeting of a recurring schedule: the schedule’s own date it stands for (YYYY-MM-DD), even when moved.' }) scheduleDate: string | null;
  @Field(() => Int, { description: 'Grows with every change of the meeting itself.' }) version: number;
}
export const MeetingConnection = Connection(Meeting, 'Meeting', 'meeting');

@ObjectType('ScheduleOccurrence', { description: 'One date of a recurring schedule.' })
export class ScheduleOccurrence {
  @Field(() => String, { description: 'When it takes place (YYYY-MM-DD).' }) date: string;
  @Field(() => String, { description: 'The schedule’s own date it stands for; differs from `date` when moved.' }) originalDate: string;
  @Field(() => Boolean, { description: 'Moved from its original date.' }) moved: boolean;
}

@ObjectType('MeetingSchedule', { implements: Node, description: 'A recurring meeting schedule (逢三说事, every Friday, monthly, quarterly) that meetings are made from.' })
export class MeetingSchedule extends Node {
  @Field(() => MeetingKind, { description: 'Kind of the meetings.' }) kind: MeetingKind;
  @Field(() => String, { description: 'Title of the series.' }) title: string;
  @Field(() => ScheduleRule, { description: 'How it repeats.' }) rule: ScheduleRule;
  @Field(() => Int, { nullable: true, description: 'WEEKLY: 1 Monday .. 7 Sunday.' }) weekday: number | null;
  @Field(() => [Int], { description: 'MONTH_DAYS: days of the month; MONTHLY, QUARTERLY: the day.' }) monthDays: number[];
  @Field(() => String, { description: 'First date (YYYY-MM-DD).' }) startDate: string;
  @Field(() => String, { nullable: true, description: 'Last date, if it ends.' }) endDate: string | null;
  @Field(() => String, { description: 'Start time of day, HH:MM (Asia/Shanghai).' }) startTime: string;
  @Field(() => Int, { description: 'Length of each meeting in minutes.' }) durationMinutes: number;
  @Field(() => String, { nullable: true, description: 'Where.' }) place: string | null;
}

@ObjectType('MeetingRequirement', { description: 'How often a community’s branches must hold a kind of meeting.' })
export class MeetingRequirement {
  @Field(() => MeetingKind, { description: 'The kind.' }) kind: MeetingKind;
  @Field(() => RequiredPeriod, { description: 'How often.' }) period: RequiredPeriod;
  @Field(() => Boolean, { description: 'The community set it (false: the default).' }) custom: boolean;
}

@ObjectType('MissedMeeting', { description: 'A branch that held no meeting of a required kind in the last complete period.' })
export class MissedMeeting {
  @Field(() => MeetingKind, { description: 'The kind it missed.' }) kind: MeetingKind;
  @Field(() => RequiredPeriod, { description: 'The period required.' }) period: RequiredPeriod;
  @Field(() => String, { description: 'First day of the period (YYYY-MM-DD).' }) periodStart: string;
  @Field(() => String, { description: 'Last day of the period (YYYY-MM-DD).' }) periodEnd: string;
  @Field(() => String, { description: 'The warning in Chinese, e.g. 2026年11月未召开支委会.' }) message: string;
  branchId: number;
}

// ---- inputs ----

@InputType('MeetingFilter', { description: 'Which meetings to list.' })
export class MeetingFilter {
  @Field(() => ID, { nullable: true, description: 'Only meetings hosted under this org node (its subtree).' }) orgNodeId?: string | null;
  @Field(() => [MeetingKind], { nullable: true, description: 'Only these kinds.' }) kinds?: MeetingKind[] | null;
  @Field(() => [MeetingStatus], { nullable: true, description: 'Only these statuses.' }) statuses?: MeetingStatus[] | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Starting at or after.' }) from?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Starting before.' }) to?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Only meetings of this schedule.' }) scheduleId?: string | null;
}

@InputType('MeetingAttendeeInput', { description: 'An attendee: a member, a resident by name, or a unit’s representative.' })
export class MeetingAttendeeInput {
  @Field(() => AttendeeKind, { description: 'Who.' }) kind: AttendeeKind;
  @Field(() => ID, { nullable: true, description: 'MEMBER: the member.' }) memberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'UNIT: the co-building unit.' }) unitId?: string | null;
  @Field(() => String, { nullable: true, description: 'RESIDENT: the name; UNIT: the representative’s name (default the unit’s name). Up to 50 characters.' }) name?: string | null;
  @Field(() => Attendance, { nullable: true, description: 'Default INVITED.' }) attendance?: Attendance | null;
}

@InputType('CreateMeetingInput', { description: 'A one-off meeting.' })
export class CreateMeetingInput {
  @Field(() => ID, { description: 'The host: a community committee, branch or building group.' }) orgNodeId: string;
  @Field(() => MeetingKind, { description: 'Kind.' }) kind: MeetingKind;
  @Field(() => String, { description: 'Title, 1 to 100 characters.' }) title: string;
  @Field(() => DateTimeResolver, { description: 'Start.' }) startsAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'End.' }) endsAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Where, up to 200 characters.' }) place?: string | null;
  @Field(() => [MeetingAttendeeInput], { nullable: true, description: 'Attendees, up to 100.' }) attendees?: MeetingAttendeeInput[] | null;
}

@InputType('CreateMeetingScheduleInput', { description: 'A recurring schedule.' })
export class CreateMeetingScheduleInput {
  @Field(() => ID, { description: 'The host node.' }) orgNodeId: string;
  @Field(() => MeetingKind, { description: 'Kind of the meetings.' }) kind: MeetingKind;
  @Field(() => String, { description: 'Title, 1 to 100 characters.' }) title: string;
  @Field(() => ScheduleRule, { description: 'How it repeats.' }) rule: ScheduleRule;
  @Field(() => Int, { nullable: true, description: 'WEEKLY: 1 Monday .. 7 Sunday (default: the start date’s).' }) weekday?: number | null;
  @Field(() => [Int], { nullable: true, description: 'MONTH_DAYS: 1 to 10 days, each 1..31; MONTHLY/QUARTERLY: one day (default: the start date’s).' }) monthDays?: number[] | null;
  @Field(() => String, { description: 'First date, YYYY-MM-DD.' }) startDate: string;
  @Field(() => String, { nullable: true, description: 'Last date, YYYY-MM-DD.' }) endDate?: string | null;
  @Field(() => String, { nullable: true, description: 'HH:MM, default 09:00.' }) startTime?: string | null;
  @Field(() => Int, { nullable: true, description: 'Minutes, default 90.' }) durationMinutes?: number | null;
  @Field(() => String, { nullable: true, description: 'Where.' }) place?: string | null;
}

@InputType('ChangeScheduleDateInput', { description: 'Skip one date of a schedule or move it; the rest of the series stays.' })
export class ChangeScheduleDateInput {
  @Field(() => ID, { description: 'The schedule.' }) scheduleId: string;
  @Field(() => String, { description: 'The schedule’s own date (YYYY-MM-DD).' }) originalDate: string;
  @Field(() => String, { nullable: true, description: 'The new date (within 60 days); null skips the date.' }) movedTo?: string | null;
}

@InputType('CreateMeetingFromScheduleInput', { description: 'Make the meeting of one date of a schedule (once per date: again returns the same meeting).' })
export class CreateMeetingFromScheduleInput {
  @Field(() => ID, { description: 'The schedule.' }) scheduleId: string;
  @Field(() => String, { description: 'The schedule’s own date (YYYY-MM-DD), as in `upcoming.originalDate`.' }) originalDate: string;
}

@InputType('UpdateMeetingInput', { description: 'Change a meeting: status, minutes, time, place, attendees. Absent fields stay.' })
export class UpdateMeetingInput {
  @Field(() => ID, { description: 'The meeting.' }) meetingId: string;
  @Field(() => MeetingStatus, { nullable: true, description: 'New status.' }) status?: MeetingStatus | null;
  @Field(() => String, { nullable: true, description: 'Minutes, up to 20000 characters; empty clears.' }) minutes?: string | null;
  @Field(() => String, { nullable: true, description: 'Title.' }) title?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Start.' }) startsAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Where; empty clears.' }) place?: string | null;
  @Field(() => [MeetingAttendeeInput], { nullable: true, description: 'Replaces the attendee list (up to 100).' }) attendees?: MeetingAttendeeInput[] | null;
}

@InputType('AgendaDemandInput', { description: 'A demand raised at the meeting from an agenda item (channel MEETING).' })
export class AgendaDemandInput {
  @Field(() => DemandCategory, { description: 'What it is about.' }) category: DemandCategory;
  @Field(() => String, { nullable: true, description: 'What the problem is.' }) description?: string | null;
}

@InputType('AddAgendaItemInput', { description: 'Put an item on a meeting’s agenda; it may link a demand or create one.' })
export class AddAgendaItemInput {
  @Field(() => ID, { description: 'The meeting.' }) meetingId: string;
  @Field(() => String, { nullable: true, description: 'What is discussed, 1 to 200 characters (default: the linked demand’s title).' }) title?: string | null;
  @Field(() => ID, { nullable: true, description: 'A demand the item is about.' }) demandId?: string | null;
  @Field(() => AgendaDemandInput, { nullable: true, description: 'Create a demand from the item (not with demandId).' }) createDemand?: AgendaDemandInput | null;
}

@InputType('DecideAgendaItemInput', { description: 'Record the decision on an agenda item; a linked demand gets it in its timeline.' })
export class DecideAgendaItemInput {
  @Field(() => ID, { description: 'The agenda item.' }) itemId: string;
  @Field(() => String, { description: 'The decision, 1 to 2000 characters.' }) decision: string;
}

@InputType('SetMeetingRequirementInput', { description: 'How often a community’s branches must hold a kind of meeting.' })
export class SetMeetingRequirementInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => MeetingKind, { description: 'The kind.' }) kind: MeetingKind;
  @Field(() => RequiredPeriod, { description: 'How often (NONE: no requirement).' }) period: RequiredPeriod;
}

function MeetingPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Meeting, { nullable: true, description: 'The meeting as it is now; null when refused.' }) meeting: MeetingEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const CreateMeetingPayload = MeetingPayload('CreateMeetingPayload', 'createMeeting');
export const CreateMeetingFromSchedulePayload = MeetingPayload('CreateMeetingFromSchedulePayload', 'createMeetingFromSchedule');
export const UpdateMeetingPayload = MeetingPayload('UpdateMeetingPayload', 'updateMeeting');
export const AddAgendaItemPayload = MeetingPayload('AddAgendaItemPayload', 'addAgendaItem');
export const DecideAgendaItemPayload = MeetingPayload('DecideAgendaItemPayload', 'decideAgendaItem');

function SchedulePayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => MeetingSchedule, { nullable: true, description: 'The schedule; null when refused.' }) schedule: MeetingScheduleEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const CreateMeetingSchedulePayload = SchedulePayload('CreateMeetingSchedulePayload', 'createMeetingSchedule');
export const ChangeScheduleDatePayload = SchedulePayload('ChangeScheduleDatePayload', 'changeScheduleDate');

@ObjectType('SetMeetingRequirementPayload', { description: 'Result of setMeetingRequirement.' })
export class SetMeetingRequirementPayload {
  @Field(() => MeetingRequirement, { nullable: true, description: 'The requirement now in force.' }) requirement: MeetingRequirement | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
