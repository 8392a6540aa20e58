import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { Branch, loadNode, OrgNode, type OrgNodeEntity } from '../org/index.js';
import { CoBuildingUnit, loadUnit } from '../unit/index.js';
import { findVisibleMember, PartyMember } from '../member/index.js';
import { Demand, findVisibleDemand } from '../demand/index.js';
import { MeetingAgendaItemEntity, MeetingAttendeeEntity, MeetingEntity, MeetingScheduleEntity } from './meeting.entity.js';
import * as meetings from './meeting.service.js';
import {
  AddAgendaItemInput, AddAgendaItemPayload, ChangeScheduleDateInput, ChangeScheduleDatePayload, CreateMeetingFromScheduleInput, CreateMeetingFromSchedulePayload,
  CreateMeetingInput, CreateMeetingPayload, CreateMeetingScheduleInput, CreateMeetingSchedulePayload, DecideAgendaItemInput, DecideAgendaItemPayload, Meeting,
  MeetingAgendaItem, MeetingAttendee, MeetingConnection, MeetingFilter, MeetingRequirement, MeetingSchedule, MissedMeeting, ScheduleOccurrence,
  SetMeetingRequirementInput, SetMeetingRequirementPayload, UpdateMeetingInput, UpdateMeetingPayload,
} from './meeting.types.js';
import { MeetingOrgStatsResolver } from './meeting.chain.js';

registerNodeType(MeetingEntity, 'Meeting', (ctx, id) => meetings.findVisibleMeeting(ctx, id));
registerNodeType(MeetingScheduleEntity, 'MeetingSchedule', (ctx, id) => meetings.findVisibleSchedule(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => Meeting)
export class MeetingFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The host: community committee, branch or Party group.' })
  host(@Root() m: MeetingEntity, @Ctx() ctx: Context) { return loadNode(ctx, m.orgNodeId); }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The community committee.' })
  community(@Root() m: MeetingEntity, @Ctx() ctx: Context) { return loadNode(ctx, m.communityId); }

  @FieldResolver(() => MeetingSchedule, { nullable: true, description: 'The recurring schedule it was made from.' })
  schedule(@Root() m: MeetingEntity, @Ctx() ctx: Context) { return m.scheduleId == null ? null : meetings.findVisibleSchedule(ctx, m.scheduleId); }

  @FieldResolver(() => [MeetingAttendee], { description: 'Attendees with attendance (up to 100); partner tokens see only the unit representatives.' })
  @ListBound(100)
  async attendees(@Root() m: MeetingEntity, @Ctx() ctx: Context) {
    const list = await meetings.attendeesOf(ctx, m.id);
    return ctx.access.isStaff ? list : list.filter((a) => a.unitId != null);
  }

  @FieldResolver(() => [MeetingAgendaItem], { description: 'The agenda in order (up to 50), with decisions.' })
  @ListBound(meetings.MAX_AGENDA)
  agenda(@Root() m: MeetingEntity, @Ctx() ctx: Context) { return meetings.agendaOf(ctx, m.id); }

  @FieldResolver(() => [CoBuildingUnit], { description: 'Co-building units taking part.' })
  @ListBound(20)
  async units(@Root() m: MeetingEntity, @Ctx() ctx: Context) {
    return (await Promise.all(m.unitIds.slice(0, 20).map((id) => loadUnit(ctx, id)))).filter((u) => u != null);
  }

  @FieldResolver(() => Int, { description: 'How many attendees were present.' })
  async presentCount(@Root() m: MeetingEntity, @Ctx() ctx: Context) {
    return (await meetings.attendeesOf(ctx, m.id)).filter((a) => a.attendance === 'PRESENT').length;
  }
}

@Resolver(() => MeetingAttendee)
export class MeetingAttendeeFieldsResolver {
  @FieldResolver(() => PartyMember, { nullable: true, description: 'MEMBER: the member, when you may see them.' })
  member(@Root() a: MeetingAttendeeEntity, @Ctx() ctx: Context) { return a.memberId == null || !ctx.access.isStaff ? null : findVisibleMember(ctx, a.memberId); }

  @FieldResolver(() => CoBuildingUnit, { nullable: true, description: 'UNIT: the co-building unit.' })
  unit(@Root() a: MeetingAttendeeEntity, @Ctx() ctx: Context) { return a.unitId == null ? null : loadUnit(ctx, a.unitId); }
}

@Resolver(() => MeetingAgendaItem)
export class MeetingAgendaItemFieldsResolver {
  @FieldResolver(() => Demand, { nullable: true, description: 'The demand the item is about, when you may see it.' })
  demand(@Root() item: MeetingAgendaItemEntity, @Ctx() ctx: Context) { return item.demandId == null ? null : findVisibleDemand(ctx, item.demandId); }
}

@Resolver(() => MeetingSchedule)
export class MeetingScheduleFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The host node.' })
  host(@Root() s: MeetingScheduleEntity, @Ctx() ctx: Context) { return loadNode(ctx, s.orgNodeId); }

  @FieldResolver(() => [ScheduleOccurrence], { description: 'The next dates from `from` (default today), skipped dates left out, moved ones on their new date.' })
  @ListBound(60)
  upcoming(
    @Root() s: MeetingScheduleEntity,
    @Ctx() ctx: Context,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD; default today (Asia/Shanghai).' }) from: string | null,
    @Arg('count', () => Int, { defaultValue: 5, description: 'How many, 1 to 60.' }) count: number,
  ) {
    const start = from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : meetings.todayIn();
    return meetings.upcomingOf(ctx, s, start, Math.max(1, Math.min(60, count)));
  }
}

@Resolver(() => MissedMeeting)
export class MissedMeetingFieldsResolver {
  @FieldResolver(() => Branch, { nullable: true, description: 'The branch that missed it.' })
  branch(@Root() m: MissedMeeting, @Ctx() ctx: Context) { return loadNode(ctx, m.branchId); }
}

@Resolver(() => Branch)
export class BranchMeetingWarningsResolver {
  @FieldResolver(() => [MissedMeeting], { description: 'Required meetings (三会一课) the branch did not hold in the last complete month or quarter: the warning on the branch. Staff only; empty otherwise.' })
  @ListBound(9)
  missedMeetings(@Root() b: OrgNodeEntity, @Ctx() ctx: Context) {
    return ctx.access.isStaff ? meetings.missedMeetingsOf(ctx, b) : [];
  }
}

@Resolver()
export class MeetingQueryResolver {
  @Query(() => MeetingConnection, { description: 'Meetings you may read: latest first, or earliest first from `filter.from` (the calendar).' })
  async meetings(@Arg('filter', () => MeetingFilter, { nullable: true, description: 'Which meetings.' }) filter: MeetingFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await meetings.listMeetings(ctx, filter, page), page, () => meetings.countMeetings(ctx, filter));
  }

  @Query(() => [MeetingSchedule], { description: 'Recurring schedules under an org node (up to 50).' })
  @ListBound(50)
  meetingSchedules(@Arg('orgNodeId', () => ID, { description: 'Community committee, branch or group.' }) orgNodeId: string, @Ctx() ctx: Context) {
    return meetings.listSchedules(ctx, orgNodeId, 50);
  }

  @Query(() => [MeetingRequirement], { description: 'How often a community’s branches must hold each kind of meeting (its own settings or the defaults).' })
  @ListBound(9)
  meetingRequirements(@Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string, @Ctx() ctx: Context) {
    return meetings.meetingRequirements(ctx, communityId);
  }

  @Query(() => [MissedMeeting], { description: 'Branches of a community (that you may read) which missed a required meeting in the last complete month or quarter.' })
  @ListBound(500)
  async missedMeetings(@Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string, @Ctx() ctx: Context) {
    return (await meetings.missedMeetings(ctx, communityId)).map((x) => x.missed);
  }
}

@Resolver()
export class MeetingMutationResolver {
  @Mutation(() => CreateMeetingPayload, { description: 'Arrange a one-off meeting.' })
  createMeeting(@Arg('input', () => CreateMeetingInput, INPUT) input: CreateMeetingInput, @Ctx() ctx: Context) {
    return payload(async () => ({ meeting: await meetings.createMeeting(ctx, input) }), { meeting: null });
  }

  @Mutation(() => CreateMeetingSchedulePayload, { description: 'Set up a recurring schedule (逢三说事, every Friday, monthly, quarterly).' })
  createMeetingSchedule(@Arg('input', () => CreateMeetingScheduleInput, INPUT) input: CreateMeetingScheduleInput, @Ctx() ctx: Context) {
    return payload(async () => ({ schedule: await meetings.createSchedule(ctx, input) }), { schedule: null });
  }

  @Mutation(() => ChangeScheduleDatePayload, { description: 'Skip or move one date of a schedule; the other dates stay.' })
  changeScheduleDate(@Arg('input', () => ChangeScheduleDateInput, INPUT) input: ChangeScheduleDateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ schedule: await meetings.changeScheduleDate(ctx, input) }), { schedule: null });
  }

  @Mutation(() => CreateMeetingFromSchedulePayload, { description: 'Make the meeting of one date of a schedule (on its moved date if moved); again for the same date returns the same meeting.' })
  createMeetingFromSchedule(@Arg('input', () => CreateMeetingFromScheduleInput, INPUT) input: CreateMeetingFromScheduleInput, @Ctx() ctx: Context) {
    return payload(async () => ({ meeting: await meetings.createMeetingFromSchedule(ctx, input) }), { meeting: null });
  }

  @Mutation(() => UpdateMeetingPayload, { description: 'Change a meeting: mark it held or cancelled, write the minutes, record attendance.' })
  updateMeeting(@Arg('input', () => UpdateMeetingInput, INPUT) input: UpdateMeetingInput, @Ctx() ctx: Context) {
    return payload(async () => ({ meeting: await meetings.updateMeeting(ctx, input) }), { meeting: null });
  }

  @Mutation(() => AddAgendaItemPayload, { description: 'Put an item on the agenda, linking a demand or creating one from it (in one step).' })
  addAgendaItem(@Arg('input', () => AddAgendaItemInput, INPUT) input: AddAgendaItemInput, @Ctx() ctx: Context) {
    return payload(async () => ({ meeting: await meetings.addAgendaItem(ctx, input) }), { meeting: null });
  }

  @Mutation(() => DecideAgendaItemPayload, { description: 'Record the decision on an agenda item; a linked demand shows it in its timeline.' })
  decideAgendaItem(@Arg('input', () => DecideAgendaItemInput, INPUT) input: DecideAgendaItemInput, @Ctx() ctx: Context) {
    return payload(async () => ({ meeting: await meetings.decideAgendaItem(ctx, input) }), { meeting: null });
  }

  @Mutation(() => SetMeetingRequirementPayload, { description: 'Set how often a community’s branches must hold a kind of meeting (committee admins).' })
  setMeetingRequirement(@Arg('input', () => SetMeetingRequirementInput, INPUT) input: SetMeetingRequirementInput, @Ctx() ctx: Context) {
    return payload(async () => ({ requirement: await meetings.setMeetingRequirement(ctx, input) }), { requirement: null });
  }
}

export const meetingResolvers = [
  MeetingFieldsResolver, MeetingAttendeeFieldsResolver, MeetingAgendaItemFieldsResolver, MeetingScheduleFieldsResolver, MissedMeetingFieldsResolver,
  BranchMeetingWarningsResolver, MeetingQueryResolver, MeetingMutationResolver, MeetingOrgStatsResolver,
];
