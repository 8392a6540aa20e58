import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { idOf, PageArgs, toConnection, toGlobalId, toPage } from '../../graphql/relay.js';
import { forbidden, payload } from '../../graphql/errors.js';
import { maskName, maskPhone } from '../../graphql/mask.js';
import { nodeFetcher, registerNodeType } from '../../graphql/node.registry.js';
import { loadNode, PartyCommittee } from '../org/index.js';
import { findVisibleMember, PartyMember } from '../member/index.js';
import { Household } from '../household/index.js';
import { CoBuildingUnit, CoBuildingUnitEntity, loadUnit } from '../unit/index.js';
import { Activity, findVisibleActivity, optionalId, requireId } from '../activity/index.js';
import { RecognitionEntity, ServiceRecordEntity, VolunteerEntity, VolunteerTeamEntity } from './volunteer.entity.js';
import * as volunteers from './volunteer.service.js';
import {
  Recognition, RecognitionConnection, RecognitionCreateInput, RecognitionCreatePayload, RecognitionDeleteInput, RecognitionDeletePayload,
  ServiceRecord, ServiceRecordConnection, ServiceRecordCreateInput, ServiceRecordCreatePayload, ServiceRecordDeleteInput, ServiceRecordDeletePayload,
  Volunteer, VolunteerConnection, VolunteerCreateInput, VolunteerCreatePayload, VolunteerHours, VolunteerTeam, VolunteerTeamConnection,
  VolunteerTeamCreateInput, VolunteerTeamCreatePayload, VolunteerTeamMemberAddPayload, VolunteerTeamMemberInput, VolunteerTeamMemberRemovePayload,
  VolunteerTeamUpdateInput, VolunteerTeamUpdatePayload, VolunteerUpdateInput, VolunteerUpdatePayload,
} from './volunteer.types.js';

registerNodeType(VolunteerEntity, 'Volunteer', (ctx, id) => volunteers.findVisibleVolunteer(ctx, id));
registerNodeType(VolunteerTeamEntity, 'VolunteerTeam', (ctx, id) => volunteers.loadTeam(ctx, id));
registerNodeType(ServiceRecordEntity, 'ServiceRecord', (ctx, id) => volunteers.findVisibleServiceRecord(ctx, id));
registerNodeType(RecognitionEntity, 'Recognition', (ctx, id) => volunteers.findVisibleRecognition(ctx, id));

const YEAR = { nullable: true, description: 'Only this calendar year (Asia/Shanghai); omitted: all time.' } as const;

@Resolver(() => Volunteer)
export class VolunteerFieldsResolver {
  @FieldResolver(() => String, { description: 'Name; masked (张*华) for partner tokens.' })
  name(@Root() v: VolunteerEntity, @Ctx() ctx: Context) {
    return volunteers.volunteerName(ctx, v);
  }

  @FieldResolver(() => String, { description: 'Mobile number, masked unless `reveal` is true and your role needs contact details over the community.' })
  phone(@Root() v: VolunteerEntity, @Arg('reveal', () => Boolean, { defaultValue: false, description: 'Ask for the full number.' }) reveal: boolean, @Ctx() ctx: Context) {
    return volunteers.volunteerPhone(ctx, v, reveal);
  }

  @FieldResolver(() => PartyCommittee, { description: 'The community whose roll the volunteer is on.' })
  async community(@Root() v: VolunteerEntity, @Ctx() ctx: Context) {
    return (await loadNode(ctx, v.communityId))!;
  }

  @FieldResolver(() => PartyMember, { nullable: true, description: 'The Party member this volunteer is, when you may see the member.' })
  member(@Root() v: VolunteerEntity, @Ctx() ctx: Context) {
    return v.memberId == null ? null : findVisibleMember(ctx, v.memberId);
  }

  @FieldResolver(() => CoBuildingUnit, { nullable: true, description: 'The co-building unit the volunteer serves for.' })
  unit(@Root() v: VolunteerEntity, @Ctx() ctx: Context) {
    return v.unitId == null ? null : loadUnit(ctx, v.unitId);
  }

  @FieldResolver(() => [VolunteerTeam], { description: 'Teams the volunteer belongs to.' })
  teams(@Root() v: VolunteerEntity, @Ctx() ctx: Context) {
    return volunteers.teamsOfVolunteer(ctx, v.id);
  }

  @FieldResolver(() => Float, { description: 'Service hours (服务时长) in total.' })
  serviceHours(@Root() v: VolunteerEntity, @Arg('year', () => Int, YEAR) year: number | null, @Ctx() ctx: Context) {
    return volunteers.serviceHoursOf(ctx, 'volunteer', v.id, year);
  }

  @FieldResolver(() => ServiceRecordConnection, { description: 'Service records, newest first.' })
  async serviceRecords(@Root() v: VolunteerEntity, @Arg('year', () => Int, YEAR) year: number | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await volunteers.recordsOfVolunteer(ctx, v.id, year, page), page, () => volunteers.recordCountOfVolunteer(ctx, v.id, year));
  }

  @FieldResolver(() => [Recognition], { description: 'Recognitions received (优秀志愿者 ...), newest first; empty for partner tokens.' })
  recognitions(@Root() v: VolunteerEntity, @Ctx() ctx: Context) {
    return volunteers.recognitionsOfVolunteer(ctx, v.id);
  }
}

@Resolver(() => VolunteerTeam)
export class VolunteerTeamFieldsResolver {
  @FieldResolver(() => PartyCommittee, { description: 'The community the team serves.' })
  async community(@Root() t: VolunteerTeamEntity, @Ctx() ctx: Context) {
    return (await loadNode(ctx, t.communityId))!;
  }

  @FieldResolver(() => CoBuildingUnit, { nullable: true, description: 'The co-building unit that fields the team, if any.' })
  unit(@Root() t: VolunteerTeamEntity, @Ctx() ctx: Context) {
    return t.unitId == null ? null : loadUnit(ctx, t.unitId);
  }

  @FieldResolver(() => Boolean, { description: 'Archived teams keep their history.' })
  archived(@Root() t: VolunteerTeamEntity) {
    return t.archivedAt != null;
  }

  @FieldResolver(() => Int, { description: 'Volunteers on the team.' })
  memberCount(@Root() t: VolunteerTeamEntity, @Ctx() ctx: Context) {
    return volunteers.memberCountOfTeam(ctx, t.id);
  }

  @FieldResolver(() => VolunteerConnection, { nullable: true, description: 'The roster, by name; null unless you are staff with a grant in the community.' })
  async members(@Root() t: VolunteerTeamEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const rows = await volunteers.rosterOfTeam(ctx, t, page);
    return rows && toConnection(rows, page, () => volunteers.memberCountOfTeam(ctx, t.id));
  }

  @FieldResolver(() => Float, { description: "Service hours of the team's members (a volunteer in two teams counts in both)." })
  serviceHours(@Root() t: VolunteerTeamEntity, @Arg('year', () => Int, YEAR) year: number | null, @Ctx() ctx: Context) {
    return volunteers.serviceHoursOf(ctx, 'team', t.id, year);
  }
}

@Resolver(() => ServiceRecord)
export class ServiceRecordFieldsResolver {
  @FieldResolver(() => Volunteer, { nullable: true, description: 'Who served.' })
  volunteer(@Root() r: ServiceRecordEntity, @Ctx() ctx: Context) {
    return volunteers.findVisibleVolunteer(ctx, r.volunteerId);
  }

  @FieldResolver(() => Activity, { nullable: true, description: 'The activity, if the service was at one you may see.' })
  activity(@Root() r: ServiceRecordEntity, @Ctx() ctx: Context) {
    return r.activityId == null ? null : findVisibleActivity(ctx, r.activityId);
  }
}

@Resolver(() => Recognition)
export class RecognitionFieldsResolver {
  @FieldResolver(() => PartyCommittee, { description: 'The community that gave it.' })
  async community(@Root() r: RecognitionEntity, @Ctx() ctx: Context) {
    return (await loadNode(ctx, r.communityId))!;
  }

  @FieldResolver(() => Volunteer, { nullable: true, description: 'The volunteer recognised, if it is a volunteer.' })
  volunteer(@Root() r: RecognitionEntity, @Ctx() ctx: Context) {
    return r.volunteerId == null ? null : volunteers.findVisibleVolunteer(ctx, r.volunteerId);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household recognised (e.g. 健康家庭), when you may see it.' })
  household(@Root() r: RecognitionEntity, @Ctx() ctx: Context) {
    return r.householdId == null ? null : nodeFetcher('Household')!(ctx, r.householdId);
  }
}

@Resolver(() => VolunteerHours)
export class VolunteerHoursFieldsResolver {
  @FieldResolver(() => PartyCommittee, { description: 'The community.' })
  async community(@Root() h: VolunteerHours, @Ctx() ctx: Context) {
    return (await loadNode(ctx, h.communityId))!;
  }
}

@Resolver(() => CoBuildingUnit)
export class UnitVolunteerHoursResolver {
  @FieldResolver(() => Float, { description: 'Service hours of the volunteers who serve for this unit (志愿服务时长). Public.' })
  volunteerServiceHours(@Root() u: CoBuildingUnitEntity, @Arg('year', () => Int, YEAR) year: number | null, @Ctx() ctx: Context) {
    return volunteers.serviceHoursOf(ctx, 'unit', u.id, year);
  }
}

const community = (globalId: string) => requireId(globalId, ['input', 'communityId'], 'PartyCommittee');

@Resolver()
export class VolunteerQueryResolver {
  @Query(() => VolunteerConnection, { description: "A community's volunteer roll, by name: staff with a grant in the community; a partner token sees its unit's volunteers." })
  async volunteers(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only members of this team.' }) teamId: string | null,
    @Arg('unitId', () => ID, { nullable: true, description: 'Only volunteers serving for this unit.' }) unitId: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Only names containing this text.' }) search: string | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const id = idOf(communityId, 'PartyCommittee');
    const team = teamId == null ? null : idOf(teamId, 'VolunteerTeam') ?? -1;
    const unit = unitId == null ? null : idOf(unitId, 'CoBuildingUnit') ?? -1;
    if (id == null) return toConnection([], page, async () => 0);
    const { rows, total } = await volunteers.listVolunteers(ctx, id, { teamId: team, unitId: unit, search }, page);
    return toConnection(rows, page, total);
  }

  @Query(() => VolunteerTeamConnection, { description: "A community's volunteer teams (志愿服务队), oldest first. Public; rosters are for staff." })
  async volunteerTeams(@Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const id = idOf(communityId, 'PartyCommittee');
    if (id == null) return toConnection([], page, async () => 0);
    const { rows, total } = await volunteers.listTeams(ctx, id, page);
    return toConnection(rows, page, total);
  }

  @Query(() => VolunteerHours, { nullable: true, description: "A community's volunteer service hours in a year (or all time): totals only, public. Null for an unknown community." })
  volunteerHours(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('year', () => Int, YEAR) year: number | null,
    @Ctx() ctx: Context,
  ) {
    const id = idOf(communityId, 'PartyCommittee');
    return id == null ? null : volunteers.communityHours(ctx, id, year);
  }

  @Query(() => RecognitionConnection, { description: "A community's recognitions (优秀志愿者, 健康家庭 ...), newest year first: staff with a grant in the community." })
  async recognitions(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('year', () => Int, YEAR) year: number | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const id = idOf(communityId, 'PartyCommittee');
    if (id == null) return toConnection([], page, async () => 0);
    const { rows, total } = await volunteers.listRecognitions(ctx, id, year, page);
    return toConnection(rows, page, total);
  }
}

@Resolver()
export class VolunteerMutationResolver {
  @Mutation(() => VolunteerCreatePayload, { description: "Add a volunteer to the roll of a community you manage." })
  volunteerCreate(@Arg('input', () => VolunteerCreateInput, { description: 'What to do (see the input type).' }) input: VolunteerCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      volunteer: await volunteers.createVolunteer(ctx, {
        ...input,
        communityId: community(input.communityId),
        memberId: optionalId(input.memberId, ['input', 'memberId'], 'PartyMember'),
        unitId: optionalId(input.unitId, ['input', 'unitId'], 'CoBuildingUnit'),
        teamIds: input.teamIds?.map((t) => requireId(t, ['input', 'teamIds'], 'VolunteerTeam')),
      }),
    }), { volunteer: null });
  }

  @Mutation(() => VolunteerUpdatePayload, { description: 'Change a volunteer, or take them off the roll.' })
  volunteerUpdate(@Arg('input', () => VolunteerUpdateInput, { description: 'What to do (see the input type).' }) input: VolunteerUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      volunteer: await volunteers.updateVolunteer(ctx, {
        ...input,
        id: requireId(input.id, ['input', 'id'], 'Volunteer'),
        memberId: optionalId(input.memberId, ['input', 'memberId'], 'PartyMember'),
        unitId: optionalId(input.unitId, ['input', 'unitId'], 'CoBuildingUnit'),
      }),
    }), { volunteer: null });
  }

  @Mutation(() => VolunteerTeamCreatePayload, { description: 'Create a volunteer team in a community you manage.' })
  volunteerTeamCreate(@Arg('input', () => VolunteerTeamCreateInput, { description: 'What to do (see the input type).' }) input: VolunteerTeamCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      team: await volunteers.createTeam(ctx, { ...input, communityId: community(input.communityId), unitId: optionalId(input.unitId, ['input', 'unitId'], 'CoBuildingUnit') }),
    }), { team: null });
  }

  @Mutation(() => VolunteerTeamUpdatePayload, { description: 'Change or archive a volunteer team.' })
  volunteerTeamUpdate(@Arg('input', () => VolunteerTeamUpdateInput, { description: 'What to do (see the input type).' }) input: VolunteerTeamUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      team: await volunteers.updateTeam(ctx, { ...input, id: requireId(input.id, ['input', 'id'], 'VolunteerTeam'), unitId: optionalId(input.unitId, ['input', 'unitId'], 'CoBuildingUnit') }),
    }), { team: null });
  }

  @Mutation(() => VolunteerTeamMemberAddPayload, { description: 'Put a volunteer on a team of the same community (twice is harmless).' })
  volunteerTeamMemberAdd(@Arg('input', () => VolunteerTeamMemberInput, { description: 'What to do (see the input type).' }) input: VolunteerTeamMemberInput, @Ctx() ctx: Context) {
    return payload(() => volunteers.setTeamMembership(ctx, requireId(input.teamId, ['input', 'teamId'], 'VolunteerTeam'), requireId(input.volunteerId, ['input', 'volunteerId'], 'Volunteer'), true), { team: null, volunteer: null });
  }

  @Mutation(() => VolunteerTeamMemberRemovePayload, { description: 'Take a volunteer off a team (their hours stay theirs).' })
  volunteerTeamMemberRemove(@Arg('input', () => VolunteerTeamMemberInput, { description: 'What to do (see the input type).' }) input: VolunteerTeamMemberInput, @Ctx() ctx: Context) {
    return payload(() => volunteers.setTeamMembership(ctx, requireId(input.teamId, ['input', 'teamId'], 'VolunteerTeam'), requireId(input.volunteerId, ['input', 'volunteerId'], 'Volunteer'), false), { team: null, volunteer: null });
  }

  @Mutation(() => ServiceRecordCreatePayload, { description: 'Enter service hours for a volunteer of a community you manage.' })
  serviceRecordCreate(@Arg('input', () => ServiceRecordCreateInput, { description: 'What to do (see the input type).' }) input: ServiceRecordCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      serviceRecord: await volunteers.createServiceRecord(ctx, {
        ...input,
        volunteerId: requireId(input.volunteerId, ['input', 'volunteerId'], 'Volunteer'),
        activityId: optionalId(input.activityId, ['input', 'activityId'], 'Activity'),
      }),
    }), { serviceRecord: null });
  }

  @Mutation(() => ServiceRecordDeletePayload, { description: 'Delete a service record entered in error.' })
  serviceRecordDelete(@Arg('input', () => ServiceRecordDeleteInput, { description: 'What to do (see the input type).' }) input: ServiceRecordDeleteInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      deletedId: toGlobalId('ServiceRecord', await volunteers.deleteServiceRecord(ctx, requireId(input.id, ['input', 'id'], 'ServiceRecord'))),
    }), { deletedId: null });
  }

  @Mutation(() => RecognitionCreatePayload, { description: 'Record an annual recognition (优秀志愿者, 健康家庭 ...) in a community you manage.' })
  recognitionCreate(@Arg('input', () => RecognitionCreateInput, { description: 'What to do (see the input type).' }) input: RecognitionCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      recognition: await volunteers.createRecognition(ctx, {
        ...input,
        communityId: community(input.communityId),
        volunteerId: optionalId(input.volunteerId, ['input', 'volunteerId'], 'Volunteer'),
        householdId: optionalId(input.householdId, ['input', 'householdId'], 'Household'),
      }),
    }), { recognition: null });
  }

  @Mutation(() => RecognitionDeletePayload, { description: 'Delete a recognition recorded in error.' })
  recognitionDelete(@Arg('input', () => RecognitionDeleteInput, { description: 'What to do (see the input type).' }) input: RecognitionDeleteInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      deletedId: toGlobalId('Recognition', await volunteers.deleteRecognition(ctx, requireId(input.id, ['input', 'id'], 'Recognition'))),
    }), { deletedId: null });
  }
}

export const volunteerResolvers = [
  VolunteerFieldsResolver, VolunteerTeamFieldsResolver, ServiceRecordFieldsResolver, RecognitionFieldsResolver, VolunteerHoursFieldsResolver,
  UnitVolunteerHoursResolver, VolunteerQueryResolver, VolunteerMutationResolver,
];
