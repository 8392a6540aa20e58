import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { ActivityAudience, ActivityCategory, ActivityStatus, RecurrenceFrequency, type ActivityEntity, type VenueEntity } from './activity.entity.js';
import { MonthlyBy } from './activity.time.js';

export enum ActivityWindow { THIS_WEEK = 'THIS_WEEK', THIS_MONTH = 'THIS_MONTH', UPCOMING = 'UPCOMING', PAST = 'PAST' }

registerEnumType(ActivityCategory, {
  name: 'ActivityCategory',
  description: 'What kind of activity it is (活动类别).',
  valuesConfig: {
    PARTY_DAY: { description: 'Themed Party day (主题党日).' },
    VOLUNTEER_SERVICE: { description: 'Volunteer service (志愿服务).' },
    SERVICE_FAIR: { description: 'Service fair / market (便民服务集市), e.g. 河畔集市.' },
    LEGAL_AID: { description: 'Legal advice and aid (普法 / 法律援助), e.g. 普法茶水铺.' },
    HEALTH_CLINIC: { description: 'Free clinic and health talks (义诊 / 健康讲座).' },
    CULTURE: { description: 'Culture and arts (文化活动), e.g. 京剧班, 非遗.' },
    LECTURE: { description: 'Lecture or class (讲座 / 课堂).' },
    SPORTS: { description: 'Sports and fitness (体育健身), e.g. 健康跑.' },
    OTHER: { description: 'Anything else (其他), e.g. consultation meetings.' },
  },
});
registerEnumType(ActivityAudience, {
  name: 'ActivityAudience',
  description: 'Who an activity is for.',
  valuesConfig: {
    PUBLIC: { description: 'Open to all residents (公开); listed on the public events page.' },
    MEMBERS_ONLY: { description: 'For Party members only (仅限党员); never shown to the public.' },
  },
});
registerEnumType(ActivityStatus, {
  name: 'ActivityStatus',
  description: 'Where an activity is in its life.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared (草稿); visible to staff only.' },
    PUBLISHED: { description: 'Published (已发布) and not yet over.' },
    CANCELLED: { description: 'Cancelled (已取消); registrations stay readable.' },
    FINISHED: { description: 'Over (已结束): a published activity whose end time has passed.' },
  },
});
registerEnumType(ActivityWindow, {
  name: 'ActivityWindow',
  description: 'A time window for listing activities, in Asia/Shanghai time (weeks start on Monday).',
  valuesConfig: {
    THIS_WEEK: { description: 'Starting this week, Monday 00:00 to next Monday 00:00 (本周).' },
    THIS_MONTH: { description: 'Starting this calendar month (本月).' },
    UPCOMING: { description: 'Not yet over: ending after now, including those in progress (近期).' },
    PAST: { description: 'Already over: ended by now (往期).' },
  },
});
registerEnumType(RecurrenceFrequency, {
  name: 'RecurrenceFrequency',
  description: 'How often a recurring activity repeats.',
  valuesConfig: {
    WEEKLY: { description: 'Every week (or every `interval` weeks) on the weekday of the first occurrence (每周).' },
    MONTHLY: { description: 'Every month (or every `interval` months), see `monthlyBy` (每月).' },
  },
});
registerEnumType(MonthlyBy, {
  name: 'MonthlyBy',
  description: 'Which day a monthly series falls on.',
  valuesConfig: {
    WEEKDAY_OF_MONTH: { description: 'The same weekday of the month as the first occurrence, e.g. the first Saturday (每月第一个周六); a fifth weekday means the last.' },
    DAY_OF_MONTH: { description: 'The same day of the month, e.g. the 15th (每月15日); months without that day are skipped.' },
  },
});

@ObjectType('Venue', { implements: Node, description: 'A place where activities happen (阵地): 党群服务中心, 红色庭院, 红色长廊 ... Public.' })
export class Venue extends Node {
  @Field(() => String, { description: 'Name, e.g. 红康社区党群服务中心.' }) name: string;
  @Field(() => String, { description: 'Address or directions.' }) address: string;
  @Field(() => Int, { nullable: true, description: 'How many people it holds; null when not recorded.' }) capacity: number | null;
  @Field(() => Boolean, { description: 'Archived venues stay on past activities but take no new ones.' }) archived: boolean;
}
export const VenueConnection = Connection(Venue, 'Venue', 'venue');

@ObjectType('ActivitySeries', { implements: Node, description: 'A recurring series (系列活动), e.g. 周五志愿服务 every Friday; each occurrence is its own activity.' })
export class ActivitySeries extends Node {
  @Field(() => String, { name: 'recurrence', description: 'How it repeats, for display: 每周五, 每月第一个周六.' }) label: string;
  @Field(() => RecurrenceFrequency, { description: 'Weekly or monthly.' }) frequency: RecurrenceFrequency;
  @Field(() => Int, { description: 'Every how many weeks or months.' }) interval: number;
}

@ObjectType('Activity', { implements: Node, description: 'An activity (活动) run by a Party committee or branch: a themed Party day, a service fair, a class, a volunteer service ...' })
export class Activity extends Node {
  @Field(() => String, { description: 'Title, e.g. 河畔集市.' }) title: string;
  @Field(() => ActivityCategory, { description: 'Kind of activity.' }) category: ActivityCategory;
  @Field(() => String, { description: 'What happens, for residents (plain text).' }) description: string;
  @Field(() => DateTimeResolver, { description: 'When it starts (ISO 8601).' }) startsAt: Date;
  @Field(() => DateTimeResolver, { description: 'When it ends (ISO 8601).' }) endsAt: Date;
  @Field(() => Int, { nullable: true, description: 'Seats (名额); null means no limit.' }) capacity: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Sign-up opens at; null: as soon as it is published.' }) registrationOpensAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Sign-up closes at; null: when the activity starts.' }) registrationClosesAt: Date | null;
  @Field(() => ActivityAudience, { description: 'Open to everyone or members only.' }) audience: ActivityAudience;
  @Field(() => String, { nullable: true, description: 'Cover image URL (https).' }) coverImageUrl: string | null;
  @Field(() => Int, { description: 'iCalendar SEQUENCE: 0 when created, one more with every edit and the cancellation.' }) sequence: number;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was cancelled.' }) cancelledAt: Date | null;
}

@ObjectType('DoorStaff', { description: 'A staff account an activity names to check residents in and out at its door (签到人员).' })
export class DoorStaff {
  @Field(() => String, { description: 'Sign-in name.' }) username: string;
  @Field(() => String, { description: 'Name shown in the admin site.' }) displayName: string;
}

@InputType('ActivityDoorStaffSetInput', { description: 'Name the staff accounts that may check residents in and out at an activity (replaces the list).' })
export class ActivityDoorStaffSetInput {
  @Field(() => ID, { description: 'The activity.' }) id: string;
  @Field(() => [String], { description: 'Sign-in names of the accounts, at most 20; an empty list removes them all.' }) usernames: string[];
}

export const ActivityConnection = Connection(Activity, 'Activity', 'activity');

@InputType('ActivityFilter', { description: 'Narrows a list of activities; all given conditions must hold.' })
export class ActivityFilter {
  @Field(() => ID, { nullable: true, description: 'Only this community (a PartyCommittee of level COMMUNITY).' }) communityId?: string | null;
  @Field(() => ActivityCategory, { nullable: true, description: 'Only this category.' }) category?: ActivityCategory | null;
  @Field(() => ActivityWindow, { nullable: true, description: 'Only this time window (Asia/Shanghai).' }) window?: ActivityWindow | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Only activities starting at or after this instant.' }) from?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Only activities starting before this instant.' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'Only titles containing this text (1 to 50 characters).' }) search?: string | null;
  @Field(() => ActivityStatus, { nullable: true, description: 'Only this status (staff; others only ever see PUBLISHED and FINISHED in lists).' }) status?: ActivityStatus | null;
  @Field(() => ActivityAudience, { nullable: true, description: 'Only this audience.' }) audience?: ActivityAudience | null;
  @Field(() => ID, { nullable: true, description: 'Only activities organised by this org node or any node below it.' }) organizerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only activities this co-building unit co-hosts.' }) coHostId?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also public activities cancelled after they were published (for calendar feeds, which mark them STATUS:CANCELLED instead of dropping them).' }) includeCancelled?: boolean | null;
}

@ArgsType()
export class ActivitiesArgs {
  @Field(() => ActivityFilter, { nullable: true, description: 'Conditions; none: every activity you may see.' }) filter?: ActivityFilter | null;
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, 1 to ${MAX_PAGE_SIZE}.` }) first?: number | null;
  @Field(() => String, { nullable: true, description: 'Return items after this cursor (`pageInfo.endCursor` of the previous page).' }) after?: string | null;
}

@InputType('ActivityRecurrenceInput', { description: 'Repeat a new activity: creates one activity per occurrence (at most 52), in one go.' })
export class ActivityRecurrenceInput {
  @Field(() => RecurrenceFrequency, { description: 'Weekly or monthly.' }) frequency: RecurrenceFrequency;
  @Field(() => Int, { nullable: true, defaultValue: 1, description: 'Every how many weeks or months, 1 to 12 (default 1).' }) interval?: number | null;
  @Field(() => Int, { nullable: true, description: 'How many occurrences, the first included (2 to 52). Give `count` or `until`.' }) count?: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Last possible start; occurrences starting later are not made. Give `count` or `until`.' }) until?: Date | null;
  @Field(() => MonthlyBy, { nullable: true, defaultValue: MonthlyBy.WEEKDAY_OF_MONTH, description: 'For MONTHLY: same weekday of the month (default) or same day of the month.' }) monthlyBy?: MonthlyBy | null;
}

@InputType('ActivityCreateInput', { description: 'A new activity; it starts as a DRAFT until published.' })
export class ActivityCreateInput {
  @Field(() => ID, { description: 'The committee or branch that runs it; you need write access to it.' }) organizerId: string;
  @Field(() => String, { description: 'Title, 1 to 100 characters.' }) title: string;
  @Field(() => ActivityCategory, { description: 'Kind of activity.' }) category: ActivityCategory;
  @Field(() => String, { nullable: true, description: 'Description, up to 5000 characters.' }) description?: string | null;
  @Field(() => ID, { nullable: true, description: "A venue of the organiser's community." }) venueId?: string | null;
  @Field(() => DateTimeResolver, { description: 'Start (of the first occurrence, for a series).' }) startsAt: Date;
  @Field(() => DateTimeResolver, { description: 'End; after the start, at most 7 days later.' }) endsAt: Date;
  @Field(() => Int, { nullable: true, description: 'Seats, 1 to 100000; null or omitted: no limit.' }) capacity?: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Sign-up opens at (default: on publishing). For a series, kept at the same distance before each occurrence.' }) registrationOpensAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Sign-up closes at (default: at the start). For a series, kept at the same distance before each occurrence.' }) registrationClosesAt?: Date | null;
  @Field(() => ActivityAudience, { nullable: true, defaultValue: ActivityAudience.PUBLIC, description: 'Who it is for (default PUBLIC).' }) audience?: ActivityAudience | null;
  @Field(() => [ID], { nullable: true, description: 'Co-building units co-hosting it (共建单位).' }) coHostIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Cover image URL (http or https, up to 500 characters).' }) coverImageUrl?: string | null;
  @Field(() => ActivityRecurrenceInput, { nullable: true, description: 'Make it a recurring series.' }) recurrence?: ActivityRecurrenceInput | null;
}

@InputType('ActivityUpdateInput', { description: 'Changes to one activity; omitted fields stay, null clears a nullable field. Partner tokens may change only title, description, times, capacity and venue.' })
export class ActivityUpdateInput {
  @Field(() => ID, { description: 'The activity.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New title.' }) title?: string | null;
  @Field(() => ActivityCategory, { nullable: true, description: 'New category.' }) category?: ActivityCategory | null;
  @Field(() => String, { nullable: true, description: 'New description.' }) description?: string | null;
  @Field(() => ID, { nullable: true, description: 'New venue; null clears it.' }) venueId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'New start.' }) startsAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'New end.' }) endsAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'New number of seats; null: no limit. Not below the seats already taken; more seats move waiting residents up.' }) capacity?: number | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'New opening of sign-up; null: on publishing.' }) registrationOpensAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'New close of sign-up; null: at the start.' }) registrationClosesAt?: Date | null;
  @Field(() => ActivityAudience, { nullable: true, description: 'New audience.' }) audience?: ActivityAudience | null;
  @Field(() => [ID], { nullable: true, description: 'The co-hosting units (replaces the list).' }) coHostIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'New cover image URL; null clears it.' }) coverImageUrl?: string | null;
  @Field(() => Int, { nullable: true, description: 'The `version` you last read; refused with CONFLICT if someone changed the activity since.' }) expectedVersion?: number | null;
}

@InputType('ActivityPublishInput', { description: 'Publish a draft: it appears on the events page (if PUBLIC) and sign-up opens per its window.' })
export class ActivityPublishInput {
  @Field(() => ID, { description: 'The activity.' }) id: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also publish the later draft occurrences of its series.' }) includeLaterOccurrences?: boolean | null;
}

@InputType('ActivityCancelInput', { description: 'Cancel an activity; its registrations stay readable.' })
export class ActivityCancelInput {
  @Field(() => ID, { description: 'The activity.' }) id: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also cancel the later occurrences of its series that are not over.' }) includeLaterOccurrences?: boolean | null;
}

function ActivityPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Activity, { nullable: true, description: 'The activity as it is now; null when refused.' }) activity: ActivityEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}

function ActivitiesPayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Activity, { nullable: true, description: 'The activity as it is now (the first occurrence of a new series); null when refused.' }) activity: ActivityEntity | null;
    @Field(() => [Activity], { nullable: true, description: 'Every activity changed, in start order (all occurrences of a series); null when refused.' }) activities: ActivityEntity[] | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const ActivityCreatePayload = ActivitiesPayload('ActivityCreatePayload', 'activityCreate');
export const ActivityUpdatePayload = ActivityPayload('ActivityUpdatePayload', 'activityUpdate');
export const ActivityPublishPayload = ActivitiesPayload('ActivityPublishPayload', 'activityPublish');
export const ActivityCancelPayload = ActivitiesPayload('ActivityCancelPayload', 'activityCancel');
export const ActivityDoorStaffSetPayload = ActivityPayload('ActivityDoorStaffSetPayload', 'activityDoorStaffSet');

@InputType('VenueCreateInput', { description: 'A new venue of a community.' })
export class VenueCreateInput {
  @Field(() => ID, { description: 'The community committee it belongs to.' }) communityId: string;
  @Field(() => String, { description: 'Name, 1 to 100 characters, unique in the community.' }) name: string;
  @Field(() => String, { nullable: true, description: 'Address or directions, up to 200 characters.' }) address?: string | null;
  @Field(() => Int, { nullable: true, description: 'How many people it holds.' }) capacity?: number | null;
}

@InputType('VenueUpdateInput', { description: 'Changes to a venue; omitted fields stay, null clears the capacity.' })
export class VenueUpdateInput {
  @Field(() => ID, { description: 'The venue.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New address.' }) address?: string | null;
  @Field(() => Int, { nullable: true, description: 'New capacity; null: not recorded.' }) capacity?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Archive (true) or restore (false).' }) archived?: boolean | null;
}

function VenuePayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => Venue, { nullable: true, description: 'The venue as it is now; null when refused.' }) venue: VenueEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const VenueCreatePayload = VenuePayload('VenueCreatePayload', 'venueCreate');
export const VenueUpdatePayload = VenuePayload('VenueUpdatePayload', 'venueUpdate');
