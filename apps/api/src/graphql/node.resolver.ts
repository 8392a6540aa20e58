import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';
import { fromGlobalId, MAX_PAGE_SIZE, Node } from './relay.js';
import { nodeFetcher } from './node.registry.js';

async function fetchNode(ctx: Context, globalId: string): Promise<object | null> {
  const decoded = fromGlobalId(globalId);
  if (!decoded) return null;
  const fetcher = nodeFetcher(decoded.type);
  return fetcher ? fetcher(ctx, decoded.id) : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Fetch any object by its global ID; null when it does not exist or is outside your access.' })
  node(@Arg('id', () => ID, { description: 'Global ID of any object.' }) id: string, @Ctx() ctx: Context): Promise<object | null> {
    return fetchNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: `Fetch up to ${MAX_PAGE_SIZE} objects by global ID, in the order given; null for each that does not exist or is outside your access.` })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs, at most 100.' }) ids: string[], @Ctx() ctx: Context): Promise<(object | null)[]> {
    if (ids.length > MAX_PAGE_SIZE) {
      throw new GraphQLError(`At most ${MAX_PAGE_SIZE} ids per call.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'ids' } });
    }
    return Promise.all(ids.map((id) => fetchNode(ctx, id)));
  }
}
