import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { loadNode, OrgNode } from '../org/index.js';
import { HazardEntity, PatrolEntity } from './hazard.entity.js';
import { HAZARD_TRANSITIONS, HazardAction } from './hazard.transitions.js';
import * as hazards from './hazard.service.js';
import {
  Hazard, HazardConnection, HazardFilter, HazardPayload, HazardStats, HazardTransitionRule, Patrol, PatrolConnection, PatrolFilter, RecordPatrolInput,
  RecordPatrolPayload, ReportHazardInput, TransitionHazardInput,
} from './hazard.types.js';
import { HazardOrgStatsResolver } from './hazard.chain.js';

registerNodeType(HazardEntity, 'Hazard', (ctx, id) => hazards.findVisibleHazard(ctx, id));
registerNodeType(PatrolEntity, 'Patrol', (ctx, id) => hazards.findVisiblePatrol(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => Hazard)
export class HazardFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The node it belongs to.' })
  orgNode(@Root() h: HazardEntity, @Ctx() ctx: Context) { return loadNode(ctx, h.orgNodeId); }

  @FieldResolver(() => Patrol, { nullable: true, description: 'The patrol round that found it.' })
  patrol(@Root() h: HazardEntity, @Ctx() ctx: Context) { return h.patrolId == null ? null : hazards.findVisiblePatrol(ctx, h.patrolId); }

  @FieldResolver(() => Boolean, { description: 'Open and past its deadline.' })
  overdue(@Root() h: HazardEntity): boolean {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    return hazards.OPEN_HAZARD_STATES.includes(h.state) && h.deadline != null && h.deadline < today;
  }

  @FieldResolver(() => [HazardAction], { description: 'The steps you may take now.' })
  allowedActions(@Root() h: HazardEntity, @Ctx() ctx: Context) { return hazards.allowedHazardActions(ctx, h); }
}

@Resolver(() => Patrol)
export class PatrolFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The node.' })
  orgNode(@Root() p: PatrolEntity, @Ctx() ctx: Context) { return loadNode(ctx, p.orgNodeId); }

  @FieldResolver(() => [Hazard], { description: 'Hazards found on the round (up to 20).' })
  @ListBound(hazards.MAX_PATROL_HAZARDS)
  hazards(@Root() p: PatrolEntity, @Ctx() ctx: Context) { return hazards.hazardsOfPatrol(ctx, p.id); }
}

@Resolver()
export class HazardQueryResolver {
  @Query(() => HazardConnection, { description: 'Hazards you may read, latest found first.' })
  async hazards(@Arg('filter', () => HazardFilter, { nullable: true, description: 'Which hazards.' }) filter: HazardFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await hazards.listHazards(ctx, filter, page), page, () => hazards.countHazards(ctx, filter));
  }

  @Query(() => HazardStats, { description: 'Hazard and patrol counts under a node for a period (e.g. 53 hazards fixed this year).' })
  hazardStats(
    @Arg('orgNodeId', () => ID, { description: 'The node.' }) orgNodeId: string,
    @Arg('from', () => DateTimeResolver, { description: 'Start of the period.' }) from: Date,
    @Arg('to', () => DateTimeResolver, { description: 'End of the period (exclusive).' }) to: Date,
    @Ctx() ctx: Context,
  ) {
    return hazards.hazardStats(ctx, orgNodeId, from, to);
  }

  @Query(() => [HazardTransitionRule], { description: 'The transition table of the hazard lifecycle.' })
  @ListBound(HAZARD_TRANSITIONS.length)
  hazardTransitions(): HazardTransitionRule[] { return HAZARD_TRANSITIONS.map((t) => ({ ...t, needs: [...t.needs] })); }

  @Query(() => PatrolConnection, { description: 'Patrol rounds you may read, latest first (the patrol log).' })
  async patrols(@Arg('filter', () => PatrolFilter, { nullable: true, description: 'Which patrols.' }) filter: PatrolFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await hazards.listPatrols(ctx, filter, page), page, () => hazards.countPatrols(ctx, filter));
  }
}

@Resolver()
export class HazardMutationResolver {
  @Mutation(() => HazardPayload, { description: 'Report a hazard (quick entry).' })
  reportHazard(@Arg('input', () => ReportHazardInput, INPUT) input: ReportHazardInput, @Ctx() ctx: Context) {
    return payload(async () => ({ hazard: await hazards.reportHazard(ctx, input) }), { hazard: null });
  }

  @Mutation(() => HazardPayload, { description: 'Take one step of the hazard lifecycle (INVALID_TRANSITION names the allowed ones; STALE when changed since read).' })
  transitionHazard(@Arg('input', () => TransitionHazardInput, INPUT) input: TransitionHazardInput, @Ctx() ctx: Context) {
    return payload(async () => ({ hazard: await hazards.transitionHazard(ctx, input) }), { hazard: null });
  }

  @Mutation(() => RecordPatrolPayload, { description: 'Record a patrol round with the hazards found on it.' })
  recordPatrol(@Arg('input', () => RecordPatrolInput, INPUT) input: RecordPatrolInput, @Ctx() ctx: Context) {
    return payload(async () => ({ patrol: await hazards.recordPatrol(ctx, input) }), { patrol: null });
  }
}

export const hazardEntities = [HazardEntity, PatrolEntity];
export const hazardResolvers = [HazardFieldsResolver, PatrolFieldsResolver, HazardQueryResolver, HazardMutationResolver, HazardOrgStatsResolver];
