import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toGlobalId, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { Branch, loadNode, OrgNode } from '../org/index.js';
import { CoBuildingUnit, loadUnit } from '../unit/index.js';
import { DemandEntity, type DemandEventEntity } from './demand.entity.js';
import { DEMAND_TRANSITIONS, DemandAction } from './demand.transitions.js';
import * as demands from './demand.service.js';
import {
  AddDemandCommentInput, AddDemandCommentPayload, AssignableAccount, CreateDemandInput, CreateDemandPayload, Demand, DemandConnection, DemandDeadline, DemandEvent,
  DemandFilter, DemandPlace, DemandStaff, DemandStateCount, DemandTransitionRule, PublicDemand, RateDemandInput, RateDemandPayload,
  RevealDemandContactInput, RevealDemandContactPayload, SetDemandDeadlineInput, SetDemandDeadlinePayload, SubmitDemandInput, SubmitDemandPayload,
  TransitionDemandInput, TransitionDemandPayload,
} from './demand.types.js';
import './demand.chain.js';
import { rateLimitField } from '../../graphql/rate-limit.js';

// residents file, follow and rate demands without an account: per-address limits (graphql/rate-limit.ts)
rateLimitField('submitDemand', 'publicWrite');
rateLimitField('rateDemand', 'publicWrite');
rateLimitField('demandByTicket', 'lookup');

registerNodeType(DemandEntity, 'Demand', (ctx, id) => demands.findVisibleDemand(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => Demand)
export class DemandFieldsResolver {
  @FieldResolver(() => DemandPlace, { description: 'Where the problem is.' })
  place(@Root() d: DemandEntity): DemandPlace {
    return { compound: d.placeCompound, building: d.placeBuilding, text: d.placeText, latitude: d.latitude, longitude: d.longitude };
  }

  @FieldResolver(() => String, { nullable: true, description: 'The resident’s name: in clear for roles that need contact details (committee admin, branch secretary, grid worker: each read is audited), masked (张*) for other staff, null for partner tokens.' })
  residentName(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return demands.residentNameOf(ctx, d);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The resident’s phone, always masked (138****1234); in clear only through `revealDemandContact`. Null for partner tokens.' })
  residentPhone(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return demands.residentPhoneOf(ctx, d);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The org node the demand belongs to (community committee or branch).' })
  orgNode(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return loadNode(ctx, d.orgNodeId);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The community committee.' })
  community(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return loadNode(ctx, d.communityId);
  }

  @FieldResolver(() => DemandStaff, { nullable: true, description: 'The staff member it is assigned to; null for partner tokens.' })
  async assignedAccount(@Root() d: DemandEntity, @Ctx() ctx: Context): Promise<DemandStaff | null> {
    if (d.assignedAccountId == null || !ctx.access.isStaff) return null;
    const name = await demands.loadAccountName(ctx, d.assignedAccountId);
    return name == null ? null : { id: toGlobalId('Account', d.assignedAccountId), displayName: name };
  }

  @FieldResolver(() => Branch, { nullable: true, description: 'The branch it is assigned to.' })
  assignedBranch(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return d.assignedBranchId == null ? null : loadNode(ctx, d.assignedBranchId);
  }

  @FieldResolver(() => CoBuildingUnit, { nullable: true, description: 'The co-building unit it is assigned to.' })
  assignedUnit(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return d.assignedUnitId == null ? null : loadUnit(ctx, d.assignedUnitId);
  }

  @FieldResolver(() => Boolean, { description: 'Open and past a deadline it has not met (first response or resolution).' })
  overdue(@Root() d: DemandEntity): boolean {
    return d.overdueAt(new Date());
  }

  @FieldResolver(() => Demand, { nullable: true, description: 'For DUPLICATE: the demand this one repeats, when you may see it.' })
  duplicateOf(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return d.duplicateOfId == null ? null : demands.findVisibleDemand(ctx, d.duplicateOfId);
  }

  @FieldResolver(() => [DemandAction], { description: 'The steps you may take now: from the transition table (demandTransitions) and your access.' })
  allowedActions(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return demands.allowedActions(ctx, d);
  }

  @FieldResolver(() => [DemandEvent], { description: 'The timeline, oldest first (the latest 100 steps). Staff see every step; a partner token sees the public steps and its own unit’s notes.' })
  @ListBound(demands.TIMELINE_LIMIT)
  timeline(@Root() d: DemandEntity, @Ctx() ctx: Context) {
    return demands.timelineFor(ctx, d);
  }
}

@Resolver(() => DemandEvent)
export class DemandEventFieldsResolver {
  @FieldResolver(() => String, { description: 'Who took the step, as a role label: 社区工作人员, 合作单位, 居民, 系统.' })
  actorRole(@Root() e: DemandEventEntity): string {
    return demands.ACTOR_ROLE[e.actorKind];
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who took the step by name: staff see staff and unit names; a partner token sees only its own unit’s name.' })
  actorName(@Root() e: DemandEventEntity, @Ctx() ctx: Context) {
    return demands.actorNameOf(ctx, e);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'For DUPLICATE_LINKED and MARK_DUPLICATE steps: the other demand (global ID).' })
  relatedDemandId(@Root() e: DemandEventEntity): string | null {
    return e.relatedDemandId == null ? null : toGlobalId('Demand', e.relatedDemandId);
  }
}

@Resolver()
export class DemandQueryResolver {
  @Query(() => DemandConnection, { description: 'Demands you may read, newest first: staff under their grants; a partner token with demands:read those assigned to its unit.' })
  async demands(
    @Arg('filter', () => DemandFilter, { nullable: true, description: 'Which demands.' }) filter: DemandFilter | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const now = new Date();
    return toConnection(await demands.listDemands(ctx, filter, page, now), page, () => demands.countDemands(ctx, filter, now));
  }

  @Query(() => [DemandStateCount], { description: 'How many of the demands you may read are in each state (the board), for a filter; its `states` picks the states listed.' })
  @ListBound(9)
  demandStateCounts(@Arg('filter', () => DemandFilter, { nullable: true, description: 'Which demands.' }) filter: DemandFilter | null, @Ctx() ctx: Context) {
    return demands.demandStateCounts(ctx, filter);
  }

  @Query(() => [AssignableAccount], { description: 'The staff accounts a demand may be assigned to (ASSIGN with `assignee.accountId`): active accounts with a working grant over its org node or the branch it is assigned to. Empty unless you may assign the demand now.' })
  @ListBound(demands.ASSIGNABLE_LIMIT)
  async demandAssignableAccounts(@Arg('demandId', () => ID, { description: 'The demand.' }) demandId: string, @Ctx() ctx: Context): Promise<AssignableAccount[]> {
    return (await demands.assignableAccounts(ctx, demandId)).map((a) => ({ id: toGlobalId('Account', a.id), displayName: a.displayName, role: a.role }));
  }

  @Query(() => PublicDemand, { nullable: true, description: 'A demand by its ticket code, as the resident sees it (public: no personal data, no staff names); null for an unknown code.' })
  async demandByTicket(@Arg('code', () => String, { description: 'The ticket code (case and dashes ignored).' }) code: string, @Ctx() ctx: Context) {
    const d = await demands.demandByTicket(ctx, code);
    return d && demands.publicView(ctx, d);
  }

  @Query(() => [DemandTransitionRule], { description: 'The transition table of the demand lifecycle: every allowed step. Public.' })
  @ListBound(DEMAND_TRANSITIONS.length)
  demandTransitions(): DemandTransitionRule[] {
    return DEMAND_TRANSITIONS.map((t) => ({ ...t, needs: [...t.needs] }));
  }

  @Query(() => [DemandDeadline], { description: 'A community’s deadlines per category (its own or the defaults); staff with a grant in or above the community, else empty.' })
  @ListBound(7)
  demandDeadlines(@Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string, @Ctx() ctx: Context) {
    return demands.demandDeadlines(ctx, communityId);
  }
}

@Resolver()
export class DemandMutationResolver {
  @Mutation(() => CreateDemandPayload, { description: 'Take a demand in (staff): at the door, on the phone, on a walk. With an idempotency key, sending it twice makes one demand.' })
  createDemand(@Arg('input', () => CreateDemandInput, INPUT) input: CreateDemandInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await demands.createDemand(ctx, input) }), { demand: null });
  }

  @Mutation(() => SubmitDemandPayload, { description: 'File a demand as a resident (public, no sign-in, 我要反映). Keep the ticket code: it looks the demand up and rates it.' })
  submitDemand(@Arg('input', () => SubmitDemandInput, INPUT) input: SubmitDemandInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const d = await demands.submitDemand(ctx, input);
      return { ticketCode: d.ticketCode, demand: await demands.publicView(ctx, d) };
    }, { ticketCode: null, demand: null });
  }

  @Mutation(() => TransitionDemandPayload, { description: 'Take one step of the lifecycle (INVALID_TRANSITION names the allowed ones; STALE when someone changed it since you read it).' })
  transitionDemand(@Arg('input', () => TransitionDemandInput, INPUT) input: TransitionDemandInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await demands.transitionDemand(ctx, input) }), { demand: null });
  }

  @Mutation(() => AddDemandCommentPayload, { description: 'Add an internal note or a public reply to a demand.' })
  addDemandComment(@Arg('input', () => AddDemandCommentInput, INPUT) input: AddDemandCommentInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await demands.addDemandComment(ctx, input) }), { demand: null });
  }

  @Mutation(() => RateDemandPayload, { description: 'Rate a resolved demand by its ticket code (public, once): 1 or 2 reopens it, 3 to 5 closes it.' })
  rateDemand(@Arg('input', () => RateDemandInput, INPUT) input: RateDemandInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await demands.publicView(ctx, await demands.rateDemand(ctx, input)) }), { demand: null });
  }

  @Mutation(() => RevealDemandContactPayload, { description: 'Show the resident’s name and phone in clear (roles that need contact details), with a reason; recorded in the timeline and announced to the audit.' })
  revealDemandContact(@Arg('input', () => RevealDemandContactInput, INPUT) input: RevealDemandContactInput, @Ctx() ctx: Context) {
    return payload(async () => ({ contact: await demands.revealDemandContact(ctx, input) }), { contact: null });
  }

  @Mutation(() => SetDemandDeadlinePayload, { description: 'Set a community’s deadlines for one category (committee admins of the community); applies to demands taken in afterwards.' })
  setDemandDeadline(@Arg('input', () => SetDemandDeadlineInput, INPUT) input: SetDemandDeadlineInput, @Ctx() ctx: Context) {
    return payload(async () => ({ deadline: await demands.setDemandDeadline(ctx, input) }), { deadline: null });
  }
}


