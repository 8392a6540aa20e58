import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../graphql/context.js';
import { idOf, PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { nestedPages } from '../../graphql/lookahead.js';
import { fail, payload, UserErrorCode } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { ListBound } from '../../graphql/cost.js';
import { ORG_TYPE_NAME, ORG_TYPE_NAMES, OrgLevel, OrgNodeEntity } from './org.entity.js';
import * as orgs from './org.service.js';
import {
  OrgNode, OrgNodeArchiveInput, OrgNodeArchivePayload, OrgNodeConnection, OrgNodeCreateInput, OrgNodeCreatePayload,
  OrgNodeMoveInput, OrgNodeMovePayload, OrgNodeUpdateInput, OrgNodeUpdatePayload, OrgStats,
} from './org.types.js';

registerNodeType(OrgNodeEntity, (n) => ORG_TYPE_NAME[n.level], (ctx, id) => orgs.findVisibleNode(ctx, id), ORG_TYPE_NAMES);

const orgId = (globalId: string | null | undefined) => idOf(globalId, ...ORG_TYPE_NAMES);

/** Decode an org node id from input, or refuse with NOT_FOUND on the field. */
function requireOrgId(globalId: string, field: string[]): number {
  return orgId(globalId) ?? fail(UserErrorCode.NOT_FOUND, '找不到该组织', field);
}

@Resolver(() => OrgNode)
export class OrgNodeFieldsResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'The parent node; null for a root or when outside your access.' })
  parent(@Root() node: OrgNodeEntity, @Ctx() ctx: Context) {
    return orgs.parentOf(ctx, node);
  }

  @FieldResolver(() => [OrgNode], { description: 'Ancestors you may see, root first (a breadcrumb).' })
  // the org chain: street, community, branch, building group, member household
  @ListBound(Object.keys(OrgLevel).length - 1)
  ancestors(@Root() node: OrgNodeEntity, @Ctx() ctx: Context) {
    return orgs.ancestorsOf(ctx, node);
  }

  @FieldResolver(() => OrgNodeConnection, { description: 'Live direct children you may see, in creation order.' })
  async children(@Root() node: OrgNodeEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    const page = toPage(args);
    // a tree view asks for children of children: fetch those levels in the same statement
    const rows = await orgs.childrenOf(ctx, node.id, page, nestedPages(info, orgs.MAX_PREFETCH_LEVELS - 1));
    return toConnection(rows, page, () => orgs.childCountOf(ctx, node.id));
  }

  @FieldResolver(() => OrgStats, { description: 'Roll-up counts over the whole subtree.' })
  stats(@Root() node: OrgNodeEntity, @Ctx() ctx: Context) {
    return orgs.statsOf(ctx, node.id);
  }

  @FieldResolver(() => Int, { description: 'Changes with every update; pass it as `expectedVersion` to avoid overwriting others.' })
  version(@Root() node: OrgNodeEntity) {
    return node.version;
  }
}

@Resolver()
export class OrgQueryResolver {
  @Query(() => OrgNodeConnection, { description: 'Your top org nodes: the nodes your grants cover (staff), or the street committees (everyone else).' })
  async orgRoots(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const { rows, total } = await orgs.orgRoots(ctx, page);
    return toConnection(rows, page, async () => total);
  }

  @Query(() => OrgNode, { nullable: true, description: 'An org node by ID; null when it does not exist or is outside your access.' })
  orgNode(@Arg('id', () => ID, { description: 'Global ID of an org node.' }) id: string, @Ctx() ctx: Context) {
    const rowId = orgId(id);
    return rowId == null ? null : orgs.findVisibleNode(ctx, rowId);
  }

  @Query(() => OrgNodeConnection, { description: 'Org nodes you may see whose name contains the text (e.g. 红康), shallowest first.' })
  async orgSearch(@Arg('query', () => String, { description: 'Part of a name, 1 to 50 characters.' }) query: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const { rows, total } = await orgs.orgSearch(ctx, query, page);
    return toConnection(rows, page, total);
  }
}

@Resolver()
export class OrgMutationResolver {
  @Mutation(() => OrgNodeCreatePayload, { description: 'Create an org node under a parent you manage.' })
  orgNodeCreate(@Arg('input', () => OrgNodeCreateInput, { description: 'What to do.' }) input: OrgNodeCreateInput, @Ctx() ctx: Context) {
    return payload(async () => {
      const parentId = requireOrgId(input.parentId, ['input', 'parentId']);
      return { node: await orgs.createOrgNode(ctx, { ...input, parentId }) };
    }, { node: null });
  }

  @Mutation(() => OrgNodeUpdatePayload, { description: 'Rename or otherwise change an org node you manage.' })
  orgNodeUpdate(@Arg('input', () => OrgNodeUpdateInput, { description: 'What to do.' }) input: OrgNodeUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ node: await orgs.updateOrgNode(ctx, { ...input, id: requireOrgId(input.id, ['input', 'id']) }) }), { node: null });
  }

  @Mutation(() => OrgNodeMovePayload, { description: 'Move a node and its subtree under another parent; never creates a cycle.' })
  orgNodeMove(@Arg('input', () => OrgNodeMoveInput, { description: 'What to do.' }) input: OrgNodeMoveInput, @Ctx() ctx: Context) {
    return payload(async () => ({
      node: await orgs.moveOrgNode(ctx, requireOrgId(input.id, ['input', 'id']), requireOrgId(input.parentId, ['input', 'parentId'])),
    }), { node: null });
  }

  @Mutation(() => OrgNodeArchivePayload, { description: 'Archive a node without live children or members.' })
  orgNodeArchive(@Arg('input', () => OrgNodeArchiveInput, { description: 'What to do.' }) input: OrgNodeArchiveInput, @Ctx() ctx: Context) {
    return payload(async () => ({ node: await orgs.archiveOrgNode(ctx, requireOrgId(input.id, ['input', 'id'])) }), { node: null });
  }
}

export const orgResolvers = [OrgNodeFieldsResolver, OrgQueryResolver, OrgMutationResolver];
