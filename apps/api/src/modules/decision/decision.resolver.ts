import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toGlobalId, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { rateLimitField } from '../../graphql/rate-limit.js';
import { loadNode, OrgNode } from '../org/index.js';
import { Demand, findVisibleDemand } from '../demand/index.js';
import { findVisibleMeeting, Meeting } from '../meeting/index.js';
import { findVisibleProject, PartyProject } from '../project/index.js';
import { DecisionEntity, DecisionOpinionEntity, DecisionStepEntity } from './decision.entity.js';
import { DecisionAction } from './decision.transitions.js';
import * as decisions from './decision.service.js';
import {
  AdvanceDecisionInput, CreateDecisionInput, Decision, DecisionConnection, DecisionFilter, DecisionOpinion, DecisionOpinionConnection, DecisionPayload, DecisionStep,
  SubmitDecisionOpinionInput, SubmitDecisionOpinionPayload,
} from './decision.types.js';
import { DecisionOrgStatsResolver } from './decision.chain.js';
import './decision.export.js'; // GET /export/decisions.xlsx

rateLimitField('submitDecisionOpinion', 'publicWrite');
registerNodeType(DecisionEntity, 'Decision', (ctx, id) => decisions.findVisibleDecision(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => Decision)
export class DecisionFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The owner: community committee or branch.' })
  owner(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return loadNode(ctx, d.orgNodeId); }

  @FieldResolver(() => String, { description: 'Name of the owner (shown on the public notice).' })
  async ownerName(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return (await loadNode(ctx, d.orgNodeId))?.name ?? ''; }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The community committee.' })
  community(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return loadNode(ctx, d.communityId); }

  @FieldResolver(() => String, { description: 'Name of the community (shown on the public notice).' })
  async communityName(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return (await loadNode(ctx, d.communityId))?.name ?? ''; }

  @FieldResolver(() => [DecisionStep], { description: 'Its steps, oldest first (the latest 50); the public ones only unless you are staff over its owner.' })
  @ListBound(decisions.STEP_LIMIT)
  steps(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return decisions.stepsOf(ctx, d); }

  @FieldResolver(() => Boolean, { description: 'Residents may send opinions now.' })
  solicitationOpen(@Root() d: DecisionEntity): boolean { return decisions.solicitationOpen(d); }

  @FieldResolver(() => Int, { description: 'How many opinions residents sent.' })
  opinionCount(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return decisions.opinionCountOf(ctx, d.id); }

  @FieldResolver(() => DecisionOpinionConnection, { description: 'Residents’ opinions, latest first. Staff over its owner only; empty for others.' })
  async opinions(@Root() d: DecisionEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await decisions.listOpinions(ctx, d, page), page, () => decisions.countOpinions(ctx, d));
  }

  @FieldResolver(() => [Demand], { description: 'The resident demands it answers, those you may read (up to 20).' })
  @ListBound(decisions.MAX_DEMANDS)
  async demands(@Root() d: DecisionEntity, @Ctx() ctx: Context) {
    return (await Promise.all(d.demandIds.map((id) => findVisibleDemand(ctx, id)))).filter((x) => x != null);
  }

  @FieldResolver(() => Meeting, { nullable: true, description: 'The meeting that raised it, if you may read it.' })
  meeting(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return d.meetingId == null ? null : findVisibleMeeting(ctx, d.meetingId); }

  @FieldResolver(() => PartyProject, { nullable: true, description: 'The Party-building project it plans, if you may read it.' })
  project(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return d.projectId == null ? null : findVisibleProject(ctx, d.projectId); }

  @FieldResolver(() => [DecisionAction], { description: 'The steps you may take now.' })
  allowedActions(@Root() d: DecisionEntity, @Ctx() ctx: Context) { return decisions.allowedDecisionActions(ctx, d); }
}

@Resolver(() => DecisionStep)
export class DecisionStepFieldsResolver {
  @FieldResolver(() => ID, { description: 'Opaque id of the record.' })
  id(@Root() s: DecisionStepEntity): string { return toGlobalId('DecisionStep', s.id); }
}

@Resolver(() => DecisionOpinion)
export class DecisionOpinionFieldsResolver {
  @FieldResolver(() => ID, { description: 'Opaque id.' })
  id(@Root() o: DecisionOpinionEntity): string { return o.globalId; }

  @FieldResolver(() => String, { nullable: true, description: 'The name the resident left: in clear for roles that need contact details (the read is logged), masked for other staff.' })
  name(@Root() o: DecisionOpinionEntity, @Ctx() ctx: Context) { return decisions.opinionNameOf(ctx, o); }

  @FieldResolver(() => String, { nullable: true, description: 'The phone the resident left, masked (138****1234).' })
  phone(@Root() o: DecisionOpinionEntity, @Ctx() ctx: Context) { return decisions.opinionPhoneOf(ctx, o); }
}

@Resolver()
export class DecisionQueryResolver {
  @Query(() => DecisionConnection, { description: 'Public decisions (一征三议两公开), latest change first: staff get those of their own subtrees; without signing in, those whose solicitation has opened.' })
  async decisions(@Arg('filter', () => DecisionFilter, { nullable: true, description: 'Which decisions.' }) filter: DecisionFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await decisions.listDecisions(ctx, filter, page), page, () => decisions.countDecisions(ctx, filter));
  }
}

@Resolver()
export class DecisionMutationResolver {
  @Mutation(() => DecisionPayload, { description: 'Enter a matter to decide in public (a draft), linked to demands, a meeting or a project of the same community.' })
  createDecision(@Arg('input', () => CreateDecisionInput, INPUT) input: CreateDecisionInput, @Ctx() ctx: Context) {
    return payload(async () => ({ decision: await decisions.createDecision(ctx, input) }), { decision: null });
  }

  @Mutation(() => DecisionPayload, { description: 'Take one step of 一征三议两公开 and record it (DELIBERATION_REQUIRED: publishing before the three 议; INVALID_TRANSITION names the allowed steps; STALE when changed since read).' })
  advanceDecision(@Arg('input', () => AdvanceDecisionInput, INPUT) input: AdvanceDecisionInput, @Ctx() ctx: Context) {
    return payload(async () => ({ decision: await decisions.advanceDecision(ctx, input) }), { decision: null });
  }

  @Mutation(() => SubmitDecisionOpinionPayload, { description: 'A resident sends an opinion while the solicitation window is open (no sign-in; limited per address). SOLICITATION_CLOSED outside the window.' })
  submitDecisionOpinion(@Arg('input', () => SubmitDecisionOpinionInput, INPUT) input: SubmitDecisionOpinionInput, @Ctx() ctx: Context) {
    return payload(async () => ({ accepted: await decisions.submitOpinion(ctx, input) }), { accepted: null });
  }
}

export const decisionEntities = [DecisionEntity, DecisionStepEntity, DecisionOpinionEntity];
export const decisionResolvers = [
  DecisionFieldsResolver, DecisionStepFieldsResolver, DecisionOpinionFieldsResolver, DecisionQueryResolver, DecisionMutationResolver, DecisionOrgStatsResolver,
];
