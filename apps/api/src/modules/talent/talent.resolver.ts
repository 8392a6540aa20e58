import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toGlobalId, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { rateLimitField } from '../../graphql/rate-limit.js';
import { sql } from '../../db/sql.js';
import { loadNode, OrgNode } from '../org/index.js';
import { ApplicantStatus, RecruitmentCallEntity, TalentApplicantEntity, TalentTeamEntity } from './talent.entity.js';
import * as talent from './talent.service.js';
import {
  ApplyToRecruitmentCallInput, ApplyToRecruitmentCallPayload, PlaceTalentApplicantInput, RecruitmentCall, RecruitmentCallConnection, RecruitmentCallCreateInput,
  RecruitmentCallPayload, ReviewTalentApplicantInput, TalentApplicant, TalentApplicantConnection, TalentApplicantPayload, TalentTeam, TalentTeamCreateInput,
  TalentTeamPayload, TalentTeamStats,
} from './talent.types.js';
import './talent.chain.js';
import './talent.export.js'; // GET /export/talent.xlsx

// residents sign up without an account: per-address limits like demand intake (graphql/rate-limit.ts)
rateLimitField('applyToRecruitmentCall', 'publicWrite');

registerNodeType(RecruitmentCallEntity, 'RecruitmentCall', (ctx, id) => talent.findVisibleCall(ctx, id));
registerNodeType(TalentTeamEntity, 'TalentTeam', (ctx, id) => talent.findVisibleTeam(ctx, id));
registerNodeType(TalentApplicantEntity, 'TalentApplicant', (ctx, id) => talent.findVisibleApplicant(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => RecruitmentCall)
export class RecruitmentCallFieldsResolver {
  @FieldResolver(() => Boolean, { description: 'Open for sign-up today (Asia/Shanghai).' })
  open(@Root() c: RecruitmentCallEntity): boolean {
    return talent.callIsOpen(c, new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The community committee.' })
  community(@Root() c: RecruitmentCallEntity, @Ctx() ctx: Context) {
    return loadNode(ctx, c.communityId);
  }
}

@Resolver(() => TalentTeam)
export class TalentTeamFieldsResolver {
  @FieldResolver(() => TalentTeamStats, { description: 'People in the team and problems it solved.' })
  stats(@Root() t: TalentTeamEntity, @Ctx() ctx: Context) {
    return talent.teamStats(ctx, t.id);
  }

  @FieldResolver(() => ID, { description: 'The volunteer team it works as (VolunteerTeam global ID): dispatch service orders to it with this ID.' })
  volunteerTeamId(@Root() t: TalentTeamEntity): string {
    return toGlobalId('VolunteerTeam', t.volunteerTeamId);
  }
}

@Resolver(() => TalentApplicant)
export class TalentApplicantFieldsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Phone, masked (138****1234).' })
  phone(@Root() a: TalentApplicantEntity, @Ctx() ctx: Context) {
    return talent.phoneOf(ctx, a);
  }

  @FieldResolver(() => RecruitmentCall, { nullable: true, description: 'The call answered.' })
  call(@Root() a: TalentApplicantEntity, @Ctx() ctx: Context) {
    return talent.findVisibleCall(ctx, a.callId);
  }

  @FieldResolver(() => TalentTeam, { nullable: true, description: 'The team placed in.' })
  team(@Root() a: TalentApplicantEntity, @Ctx() ctx: Context) {
    return a.teamId == null ? null : talent.loadTeam(ctx, a.teamId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Once approved: their volunteer record (Volunteer global ID), to dispatch service orders to.' })
  volunteerId(@Root() a: TalentApplicantEntity): string | null {
    return a.volunteerId == null ? null : toGlobalId('Volunteer', a.volunteerId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Their grid’s name.' })
  async gridName(@Root() a: TalentApplicantEntity, @Ctx() ctx: Context): Promise<string | null> {
    if (a.gridId == null) return null;
    const [g] = await sql<{ name: string }>(ctx.em, `select name from grid where id = ?`, [a.gridId]);
    return g?.name ?? null;
  }
}

@Resolver()
export class TalentQueryResolver {
  @Query(() => RecruitmentCallConnection, { description: 'A community’s recruitment calls (招募令): published ones are public; staff may ask for hidden ones.' })
  async recruitmentCalls(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('includeHidden', () => Boolean, { nullable: true, description: 'Also unpublished calls (staff).' }) includeHidden: boolean | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, total } = await talent.listCalls(ctx, communityId, includeHidden === true, page);
    return toConnection(rows, page, total);
  }

  @Query(() => [TalentTeam], { description: 'A community’s talent teams (public), with their counts.' })
  @ListBound(50)
  talentTeams(@Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string, @Ctx() ctx: Context) {
    return talent.listTeams(ctx, communityId);
  }

  @Query(() => TalentApplicantConnection, { description: 'Applicants and the talent pool (staff of the community): filter by call, status and team, and search by skill (partial) and area (grid, building).' })
  async talentApplicants(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('callId', () => ID, { nullable: true, description: 'Only this call.' }) callId: string | null,
    @Arg('status', () => ApplicantStatus, { nullable: true, description: 'Only this status (APPROVED: the pool).' }) status: ApplicantStatus | null,
    @Arg('teamId', () => ID, { nullable: true, description: 'Only this talent team.' }) teamId: string | null,
    @Arg('skill', () => String, { nullable: true, description: 'A skill, partial match (调解 finds 矛盾调解).' }) skill: string | null,
    @Arg('gridId', () => ID, { nullable: true, description: 'Only this grid.' }) gridId: string | null,
    @Arg('building', () => String, { nullable: true, description: 'Only this building.' }) building: string | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, total } = await talent.listApplicants(ctx, communityId, { callId, status, teamId, skill, gridId, building }, page);
    return toConnection(rows, page, total);
  }
}

@Resolver()
export class TalentMutationResolver {
  @Mutation(() => RecruitmentCallPayload, { description: 'Publish a recruitment call (committee writing roles).' })
  createRecruitmentCall(@Arg('input', () => RecruitmentCallCreateInput, INPUT) input: RecruitmentCallCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ call: await talent.createCall(ctx, input) }), { call: null });
  }

  @Mutation(() => ApplyToRecruitmentCallPayload, { description: 'Sign up for a recruitment call as a resident (public, no sign-in).' })
  applyToRecruitmentCall(@Arg('input', () => ApplyToRecruitmentCallInput, INPUT) input: ApplyToRecruitmentCallInput, @Ctx() ctx: Context) {
    return payload(async () => ({ received: true, callTitle: (await talent.applyToCall(ctx, input)).title }), { received: null, callTitle: null });
  }

  @Mutation(() => TalentApplicantPayload, { description: 'Review an applicant: APPROVE places them in a team (and on the volunteer roll), REJECT with a note.' })
  reviewTalentApplicant(@Arg('input', () => ReviewTalentApplicantInput, INPUT) input: ReviewTalentApplicantInput, @Ctx() ctx: Context) {
    return payload(async () => ({ applicant: await talent.reviewApplicant(ctx, input) }), { applicant: null });
  }

  @Mutation(() => TalentApplicantPayload, { description: 'Move an approved applicant to another talent team.' })
  placeTalentApplicant(@Arg('input', () => PlaceTalentApplicantInput, INPUT) input: PlaceTalentApplicantInput, @Ctx() ctx: Context) {
    return payload(async () => ({ applicant: await talent.placeApplicant(ctx, input) }), { applicant: null });
  }

  @Mutation(() => TalentTeamPayload, { description: 'Add a talent team, linked to a volunteer team (made with the same name when not given).' })
  createTalentTeam(@Arg('input', () => TalentTeamCreateInput, INPUT) input: TalentTeamCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ team: await talent.createTeam(ctx, input) }), { team: null });
  }
}
