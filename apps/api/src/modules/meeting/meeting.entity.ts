import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum MeetingKind {
  DELIBERATION = 'DELIBERATION',
  JOINT_CONFERENCE = 'JOINT_CONFERENCE',
  GRID_GOVERNANCE = 'GRID_GOVERNANCE',
  RESIDENT_TALK = 'RESIDENT_TALK',
  BRANCH_ASSEMBLY = 'BRANCH_ASSEMBLY',
  BRANCH_COMMITTEE = 'BRANCH_COMMITTEE',
  GROUP_MEETING = 'GROUP_MEETING',
  PARTY_LECTURE = 'PARTY_LECTURE',
  THEMED_PARTY_DAY = 'THEMED_PARTY_DAY',
}
export enum MeetingStatus { PLANNED = 'PLANNED', HELD = 'HELD', CANCELLED = 'CANCELLED' }
export enum ScheduleRule { WEEKLY = 'WEEKLY', MONTH_DAYS = 'MONTH_DAYS', MONTHLY = 'MONTHLY', QUARTERLY = 'QUARTERLY' }
export enum AttendeeKind { MEMBER = 'MEMBER', RESIDENT = 'RESIDENT', UNIT = 'UNIT' }
export enum Attendance { INVITED = 'INVITED', PRESENT = 'PRESENT', ABSENT = 'ABSENT', EXCUSED = 'EXCUSED' }
export enum RequiredPeriod { NONE = 'NONE', MONTH = 'MONTH', QUARTER = 'QUARTER' }

const intArray = () => new ArrayType<number>((i) => Number(i));

/** A recurring series of meetings (逢三说事: the 3rd, 13th and 23rd; every Friday; monthly; quarterly). */
@Entity({ tableName: 'meeting_schedule' })
export class MeetingScheduleEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => MeetingKind, type: 'string' }) kind: MeetingKind;
  @Property({ type: 'text' }) title: string;
  @Enum({ items: () => ScheduleRule, type: 'string' }) rule: ScheduleRule;
  @Property({ type: 'integer', nullable: true }) weekday: number | null = null;
  @Property({ type: intArray(), columnType: 'integer[]' }) monthDays: number[] = [];
  @Property({ type: 'date' }) startDate: string;
  @Property({ type: 'date', nullable: true }) endDate: string | null = null;
  @Property({ type: 'text' }) startTime: string = '09:00';
  @Property({ type: 'integer' }) durationMinutes: number = 90;
  @Property({ type: 'text', nullable: true }) place: string | null = null;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('MeetingSchedule', this.id); }
}

/** A meeting (议事协商会, 党建联席会议, 支委会 ...). */
@Entity({ tableName: 'meeting' })
export class MeetingEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Enum({ items: () => MeetingKind, type: 'string' }) kind: MeetingKind;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'datetime' }) startsAt: Date;
  @Property({ type: 'datetime', nullable: true }) endsAt: Date | null = null;
  @Property({ type: 'text', nullable: true }) place: string | null = null;
  @Enum({ items: () => MeetingStatus, type: 'string' }) status: MeetingStatus = MeetingStatus.PLANNED;
  @Property({ type: 'text', nullable: true }) minutes: string | null = null;
  @Property({ type: 'integer', nullable: true }) scheduleId: number | null = null;
  @Property({ type: 'date', nullable: true }) scheduleDate: string | null = null;
  @Property({ type: intArray(), columnType: 'integer[]' }) unitIds: number[] = [];
  @Property({ type: 'integer' }) version: number = 1;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Meeting', this.id); }
}

@Entity({ tableName: 'meeting_attendee' })
export class MeetingAttendeeEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) meetingId: number;
  @Enum({ items: () => AttendeeKind, type: 'string' }) kind: AttendeeKind;
  @Property({ type: 'integer', nullable: true }) memberId: number | null = null;
  @Property({ type: 'integer', nullable: true }) unitId: number | null = null;
  @Property({ type: 'text' }) name: string;
  @Enum({ items: () => Attendance, type: 'string' }) attendance: Attendance = Attendance.INVITED;
}

@Entity({ tableName: 'meeting_agenda_item' })
export class MeetingAgendaItemEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) meetingId: number;
  @Property({ type: 'integer' }) position: number;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'integer', nullable: true }) demandId: number | null = null;
  @Property({ type: 'text', nullable: true }) decision: string | null = null;
  @Property({ type: 'datetime', nullable: true }) decidedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('MeetingAgendaItem', this.id); }
}

export const meetingEntities = [MeetingScheduleEntity, MeetingEntity, MeetingAttendeeEntity, MeetingAgendaItemEntity];
