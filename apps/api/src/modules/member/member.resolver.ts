import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import type { OrgNodeEntity } from '../org/index.js';
import { findVisibleNode } from '../org/index.js';
import { Branch, OrgNode } from '../org/index.js';
import { MemberPositionEntity, PartyMemberEntity } from './member.entity.js';
import * as members from './member.service.js';
import { LeaderState, MemberPosition, PartyMember, PartyMemberConnection } from './member.types.js';
import { MemberOrgStatsResolver } from './member.chain.js';

registerNodeType(PartyMemberEntity, 'PartyMember', (ctx, id) => members.findVisibleMember(ctx, id));
registerNodeType(MemberPositionEntity, 'MemberPosition', (ctx, id) => members.findVisiblePosition(ctx, id));

@Resolver(() => PartyMember)
export class PartyMemberResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Mobile phone, masked (138****5678) unless `reveal` is true and your role needs it (committee admin, branch secretary, grid worker).' })
  phone(@Root() member: PartyMemberEntity, @Arg('reveal', () => Boolean, { defaultValue: false, description: 'Ask for the full number.' }) reveal: boolean, @Ctx() ctx: Context) {
    return members.memberPhone(ctx, member, reveal);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The branch (or committee) the member belongs to.' })
  branch(@Root() member: PartyMemberEntity, @Ctx() ctx: Context) {
    return findVisibleNode(ctx, member.orgNodeId);
  }

  @FieldResolver(() => [MemberPosition], { description: 'Positions the member holds now.' })
  positions(@Root() member: PartyMemberEntity, @Ctx() ctx: Context) {
    return members.positionsOfMember(ctx, member.id);
  }
}

@Resolver(() => MemberPosition)
export class MemberPositionResolver {
  @FieldResolver(() => OrgNode, { nullable: true, description: 'Where the position is held.' })
  organization(@Root() position: MemberPositionEntity, @Ctx() ctx: Context) {
    return findVisibleNode(ctx, position.orgNodeId);
  }

  @FieldResolver(() => PartyMember, { nullable: true, description: 'Who holds it.' })
  member(@Root() position: MemberPositionEntity, @Ctx() ctx: Context) {
    return members.findVisibleMember(ctx, position.memberId);
  }
}

@Resolver(() => OrgNode)
export class OrgNodeLeaderResolver {
  @FieldResolver(() => PartyMember, { nullable: true, description: 'Who leads the node: secretary (committee, branch), building head (building group) or household head (member household); null when outside your access.' })
  leader(@Root() node: OrgNodeEntity, @Ctx() ctx: Context) {
    return members.leaderOf(ctx, node);
  }

  @FieldResolver(() => LeaderState, { description: 'Whether the leading position is held: SET (see `leader`), NOT_SET, or HIDDEN when its holder is outside your access.' })
  leaderState(@Root() node: OrgNodeEntity, @Ctx() ctx: Context) {
    return members.leaderStateOf(ctx, node);
  }
}

@Resolver(() => Branch)
export class BranchMembersResolver {
  @FieldResolver(() => PartyMemberConnection, { description: "The branch's Party members (its roll)." })
  async members(@Root() branch: OrgNodeEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await members.membersOf(ctx, branch, page), page, () => members.memberCountOf(ctx, branch));
  }
}

export const memberResolvers = [PartyMemberResolver, MemberPositionResolver, OrgNodeLeaderResolver, BranchMembersResolver, MemberOrgStatsResolver];
