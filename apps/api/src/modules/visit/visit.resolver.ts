import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { loadNode, OrgNode } from '../org/index.js';
import { findVisibleMember, PartyMember } from '../member/index.js';
import { findVisibleHousehold, Household } from '../household/index.js';
import { Demand } from '../demand/index.js';
import { VisitEntity } from './visit.entity.js';
import * as visits from './visit.service.js';
import { RecordVisitInput, RecordVisitPayload, Visit, VisitConnection, VisitFilter, VisitLedgerGroup, VisitLedgerRow } from './visit.types.js';
import './visit.chain.js';

registerNodeType(VisitEntity, 'Visit', (ctx, id) => visits.findVisibleVisit(ctx, id));

@Resolver(() => Visit)
export class VisitFieldsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Who visited: the member’s or staff member’s name.' })
  visitorName(@Root() v: VisitEntity, @Ctx() ctx: Context) { return visits.visitorNameOf(ctx, v); }

  @FieldResolver(() => PartyMember, { nullable: true, description: 'The member who visited, when one did and you may see them.' })
  visitorMember(@Root() v: VisitEntity, @Ctx() ctx: Context) { return v.visitorMemberId == null ? null : findVisibleMember(ctx, v.visitorMemberId); }

  @FieldResolver(() => Household, { nullable: true, description: 'The household visited, when you may see it.' })
  household(@Root() v: VisitEntity, @Ctx() ctx: Context) { return v.householdId == null ? null : findVisibleHousehold(ctx, v.householdId); }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The node it counts under.' })
  orgNode(@Root() v: VisitEntity, @Ctx() ctx: Context) { return loadNode(ctx, v.orgNodeId); }

  @FieldResolver(() => [Demand], { description: 'The demands raised on the visit (up to 5).' })
  @ListBound(visits.MAX_VISIT_DEMANDS)
  demands(@Root() v: VisitEntity, @Ctx() ctx: Context) { return visits.demandsOf(ctx, v.id); }
}

@Resolver()
export class VisitQueryResolver {
  @Query(() => VisitConnection, { description: 'Visits you may read, latest first (staff).' })
  async visits(@Arg('filter', () => VisitFilter, { nullable: true, description: 'Which visits.' }) filter: VisitFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await visits.listVisits(ctx, filter, page), page, () => visits.countVisits(ctx, filter));
  }

  @Query(() => [VisitLedgerRow], { description: 'The visit ledger (走访台账) of the visits you may read: per visitor, branch or month (up to 500 rows, most visits first), or one total row without `groupBy`.' })
  @ListBound(visits.LEDGER_LIMIT)
  visitLedger(
    @Arg('filter', () => VisitFilter, { nullable: true, description: 'Which visits.' }) filter: VisitFilter | null,
    @Arg('groupBy', () => VisitLedgerGroup, { nullable: true, description: 'Rows per visitor, branch or month; absent: the total.' }) groupBy: VisitLedgerGroup | null,
    @Ctx() ctx: Context,
  ) {
    return visits.visitLedger(ctx, filter, groupBy);
  }
}

@Resolver()
export class VisitMutationResolver {
  @Mutation(() => RecordVisitPayload, { description: 'Record a visit (quick entry); the demands it raises are made with it, in one step.' })
  recordVisit(@Arg('input', () => RecordVisitInput, { description: 'What to do (see the input type).' }) input: RecordVisitInput, @Ctx() ctx: Context) {
    return payload(async () => ({ visit: await visits.recordVisit(ctx, input) }), { visit: null });
  }
}

export const visitEntities = [VisitEntity];
export const visitResolvers = [VisitFieldsResolver, VisitQueryResolver, VisitMutationResolver];
