import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { filtered, notFoundForSubscription } from '../../graphql/live.js';
import { currentBus } from '../../cluster/bus.js';
import { subtreeEnd } from '../access/index.js';
import { loadNode } from '../org/index.js';
import { DemandEntity } from './demand.entity.js';
import { Demand } from './demand.types.js';
import { DEMAND_TOPIC, findVisibleDemand, type DemandChangeMessage } from './demand.service.js';

/**
 * Live demands (the admin board updates without reloading). Every change that adds a timeline event (intake,
 * each lifecycle step, assignment, notes and replies, escalation) is announced once committed; each subscriber
 * reloads the demand under its own access and receives it only if it may read it and it lies in the subtree
 * it asked for.
 */
@Resolver()
export class DemandLiveResolver {
  @Subscription(() => Demand, {
    description: 'Demands each time one changes (state, assignment, a new timeline event), as the subscriber may read them: all it may read, or those in the subtree of `orgNodeId`. Staff sign-ins only; over graphql-ws at /graphql.',
    subscribe: ({ args, context }) => demandChanges(context as Context, (args.orgNodeId as string | null | undefined) ?? null),
  })
  demandChanged(
    @Root() demand: DemandEntity,
    @Arg('orgNodeId', () => ID, { nullable: true, description: 'A community committee, branch or lower node: only demands in its subtree.' }) _orgNodeId: string | null,
    @Ctx() _ctx: Context,
  ): DemandEntity {
    return demand;
  }
}

async function demandChanges(ctx: Context, orgNodeId: string | null): Promise<AsyncIterable<DemandEntity>> {
  ctx.access.requireStaff();
  let subtree: { path: string; end: string } | null = null;
  if (orgNodeId != null) {
    const nodeId = idOf(orgNodeId, 'PartyCommittee', 'Branch', 'BuildingGroup', 'MemberHousehold');
    const node = nodeId == null ? null : await loadNode(ctx, nodeId);
    if (!node) throw notFoundForSubscription('该组织');
    subtree = { path: node.path, end: subtreeEnd(node.path) };
  }
  return filtered(ctx, currentBus().subscribe<DemandChangeMessage>(DEMAND_TOPIC), async ({ demandId }) => {
    const demand = await findVisibleDemand(ctx, demandId);
    if (!demand || !subtree) return demand;
    const { path, end } = subtree;
    const at = await loadNode(ctx, demand.orgNodeId);
    return at && at.path >= path && at.path < end ? demand : null;
  });
}
