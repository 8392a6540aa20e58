import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { idOf, PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { rateLimitField } from '../../graphql/rate-limit.js';
import { DemandState, findVisibleDemand, publicView, PublicDemand } from '../demand/index.js';
import { OrgNode, loadNode } from '../org/index.js';
import { ServiceCategory, ServiceOfferEntity } from './service.entity.js';
import * as service from './service.service.js';
import {
  AcceptServiceOrderInput, CompleteServiceOrderInput, DispatchServiceOrderInput, LinkVolunteerAccountInput, LinkVolunteerAccountPayload, OrderServiceInput,
  OrderServicePayload, ServiceDispatchCandidate, ServiceOffer, ServiceOfferConnection, ServiceOfferCreateInput, ServiceOfferPayload, ServiceOfferUpdateInput,
  ServiceOrder, ServiceOrderAssignee, ServiceOrderConnection, ServiceOrderPayload, ServiceProvider,
} from './service.types.js';
import './service.chain.js';
import './service.export.js'; // GET /export/service-orders.xlsx

// residents order without an account: per-address limits like demand intake (graphql/rate-limit.ts)
rateLimitField('orderService', 'publicWrite');

registerNodeType(ServiceOfferEntity, 'ServiceOffer', (ctx, id) => service.findVisibleOffer(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

@Resolver(() => ServiceOffer)
export class ServiceOfferFieldsResolver {
  @FieldResolver(() => ServiceProvider, { description: 'Who offers it.' })
  provider(@Root() o: ServiceOfferEntity, @Ctx() ctx: Context) {
    return service.providerOf(ctx, o);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The community committee.' })
  community(@Root() o: ServiceOfferEntity, @Ctx() ctx: Context) {
    return loadNode(ctx, o.communityId);
  }

  @FieldResolver(() => Int, { description: 'Orders still open to take this week (capacity minus orders since Monday).' })
  async remainingThisWeek(@Root() o: ServiceOfferEntity, @Ctx() ctx: Context): Promise<number> {
    return Math.max(0, o.capacityPerWeek - (await service.ordersThisWeek(ctx.em, o.id, new Date())));
  }
}

@Resolver(() => ServiceOrder)
export class ServiceOrderFieldsResolver {
  @FieldResolver(() => ServiceOffer, { nullable: true, description: 'The offer ordered.' })
  offer(@Root() o: ServiceOrder, @Ctx() ctx: Context) {
    return service.loadOffer(ctx, o.row.offerId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where to serve: in clear for roles that need contact details (audited) and for the one it was dispatched to; masked for other staff.' })
  address(@Root() o: ServiceOrder, @Ctx() ctx: Context) {
    return service.addressOf(ctx, o.row);
  }

  @FieldResolver(() => ServiceOrderAssignee, { nullable: true, description: 'Who it was dispatched to.' })
  assignee(@Root() o: ServiceOrder, @Ctx() ctx: Context) {
    return service.assigneeOf(ctx, o.row);
  }

  @FieldResolver(() => Boolean, { description: 'You are the one it was dispatched to (or a member of the team).' })
  async dispatchedToMe(@Root() o: ServiceOrder, @Ctx() ctx: Context): Promise<boolean> {
    const found = await service.orderDemandFor(ctx, o.row.demandId);
    return found != null && service.isAssignee(ctx, found.d, o.row);
  }
}

@Resolver(() => PublicDemand)
export class PublicDemandServiceResolver {
  @FieldResolver(() => String, { nullable: true, description: 'For a service order: the name of the service ordered (便民服务); null for other demands.' })
  serviceOfferTitle(@Root() d: PublicDemand, @Ctx() ctx: Context) {
    return service.offerTitleOfTicket(ctx, d.ticketCode);
  }
}

const toOrder = async (ctx: Context, row: Awaited<ReturnType<typeof service.orderOf>>) => {
  if (!row) return null;
  const found = await service.orderDemandFor(ctx, row.demandId);
  return found && { row, demand: found.d, preferredTime: row.preferredTime, hours: row.hours == null ? null : Number(row.hours), completedAt: row.completedAt };
};

@Resolver()
export class ServiceQueryResolver {
  @Query(() => ServiceOfferConnection, { description: 'A community’s service menu (便民服务): published offers are public; staff of the community may ask for hidden ones too.' })
  async serviceOffers(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('category', () => ServiceCategory, { nullable: true, description: 'Only this category.' }) category: ServiceCategory | null,
    @Arg('includeHidden', () => Boolean, { nullable: true, description: 'Also unpublished and archived offers (staff).' }) includeHidden: boolean | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, total } = await service.listOffers(ctx, communityId, { category, includeHidden }, page);
    return toConnection(rows, page, total);
  }

  @Query(() => ServiceOrderConnection, { description: 'Service orders you may read (the demand rules), newest first; `mine`: those dispatched to you.' })
  async serviceOrders(
    @Arg('communityId', () => ID, { nullable: true, description: 'Only this community.' }) communityId: string | null,
    @Arg('states', () => [DemandState], { nullable: true, description: 'Only these states.' }) states: DemandState[] | null,
    @Arg('offerId', () => ID, { nullable: true, description: 'Only orders of this offer.' }) offerId: string | null,
    @Arg('mine', () => Boolean, { nullable: true, description: 'Only orders dispatched to you (your volunteer record or your team).' }) mine: boolean | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, total } = await service.listOrders(ctx, communityId, { states, offerId, mine }, page);
    const orders = (await Promise.all(rows.map((r) => toOrder(ctx, r)))).filter((o) => o != null);
    return toConnection(orders, page, total);
  }

  @Query(() => ServiceOrder, { nullable: true, description: 'The service order carried by a demand, when you may read it; null for other demands.' })
  async serviceOrder(@Arg('demandId', () => ID, { description: 'The demand.' }) demandId: string, @Ctx() ctx: Context) {
    const id = idOf(demandId, 'Demand');
    return id == null ? null : toOrder(ctx, await service.orderOf(ctx, id));
  }

  @Query(() => [ServiceDispatchCandidate], { description: 'Whom a service order may be dispatched to (下单): the community’s teams, then its volunteers (members first). Empty unless you may dispatch it.' })
  @ListBound(service.CANDIDATE_LIMIT)
  serviceDispatchCandidates(@Arg('demandId', () => ID, { description: 'The order’s demand.' }) demandId: string, @Ctx() ctx: Context) {
    return service.dispatchCandidates(ctx, demandId);
  }
}

@Resolver()
export class ServiceMutationResolver {
  @Mutation(() => ServiceOfferPayload, { description: 'Add an offer to a community’s service menu (committee writing roles).' })
  createServiceOffer(@Arg('input', () => ServiceOfferCreateInput, INPUT) input: ServiceOfferCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ offer: await service.createOffer(ctx, input) }), { offer: null });
  }

  @Mutation(() => ServiceOfferPayload, { description: 'Change, hide or archive a service offer.' })
  updateServiceOffer(@Arg('input', () => ServiceOfferUpdateInput, INPUT) input: ServiceOfferUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ offer: await service.updateOffer(ctx, input) }), { offer: null });
  }

  @Mutation(() => OrderServicePayload, { description: 'Order a service from the menu as a resident (点单, public, no sign-in). Keep the code: it follows and rates the order. SERVICE_FULL when the offer is booked up this week.' })
  orderService(@Arg('input', () => OrderServiceInput, INPUT) input: OrderServiceInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const d = await service.orderService(ctx, input);
      return { ticketCode: d.ticketCode, order: await publicView(ctx, d) };
    }, { ticketCode: null, order: null });
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Dispatch a service order (下单) to a volunteer, a member or a team: the demand’s ACCEPT and ASSIGN steps.' })
  dispatchServiceOrder(@Arg('input', () => DispatchServiceOrderInput, INPUT) input: DispatchServiceOrderInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await service.dispatchOrder(ctx, input) }), { demand: null });
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Take a dispatched order (接单): the volunteer it went to, a member of the team, or staff for them (the START step).' })
  acceptServiceOrder(@Arg('input', () => AcceptServiceOrderInput, INPUT) input: AcceptServiceOrderInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await service.acceptOrder(ctx, input) }), { demand: null });
  }

  @Mutation(() => ServiceOrderPayload, { description: 'Report an order done with the hours it took (the RESOLVE step); the hours become service records of the volunteers who served.' })
  completeServiceOrder(@Arg('input', () => CompleteServiceOrderInput, INPUT) input: CompleteServiceOrderInput, @Ctx() ctx: Context) {
    return payload(async () => ({ demand: await service.completeOrder(ctx, input) }), { demand: null });
  }

  @Mutation(() => LinkVolunteerAccountPayload, { description: 'Link a volunteer to a sign-in so they accept and complete service orders themselves (committee admins of the community).' })
  linkVolunteerAccount(@Arg('input', () => LinkVolunteerAccountInput, INPUT) input: LinkVolunteerAccountInput, @Ctx() ctx: Context) {
    return payload(async () => ({ linked: await service.linkVolunteerAccount(ctx, input) }), { linked: null });
  }
}
