import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { payload } from '../../graphql/errors.js';
import { ListBound } from '../../graphql/cost.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import type { OrgNodeEntity } from '../org/index.js';
import { findVisibleNode } from '../org/index.js';
import { Branch, OrgNode } from '../org/index.js';
import { can } from '../access/index.js';
import { CoBuildingUnit, loadUnit } from '../unit/index.js';
import { MemberPositionEntity, MemberTransferEntity, PartyMemberEntity, TransferState } from './member.entity.js';
import * as members from './member.service.js';
import {
  BranchWarning, BranchWarningReason, LeaderState, MemberCreateInput, MemberFilter, MemberPayload, MemberPosition, MemberPositionAssignInput, MemberPositionEndInput,
  MemberPositionPayload, MemberTransfer, MemberTransferConnection, MemberTransferDecideInput, MemberTransferFilter, MemberTransferPayload,
  MemberTransferRequestInput, MemberTransferTarget, MemberUpdateInput, PartyMember, PartyMemberConnection,
} from './member.types.js';
import { MemberOrgStatsResolver } from './member.chain.js';
import './member.export.js';

registerNodeType(PartyMemberEntity, 'PartyMember', (ctx, id) => members.findVisibleMember(ctx, id));
registerNodeType(MemberPositionEntity, 'MemberPosition', (ctx, id) => members.findVisiblePosition(ctx, id));
registerNodeType(MemberTransferEntity, 'MemberTransfer', (ctx, id) => members.findVisibleTransfer(ctx, id));

const INPUT = { description: 'What to do (see the input type).' } as const;

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

  @FieldResolver(() => [MemberPosition], { description: 'Positions held now and before, newest first (the latest 50).' })
  @ListBound(members.HISTORY_LIMIT)
  positionHistory(@Root() member: PartyMemberEntity, @Ctx() ctx: Context) {
    return members.positionHistoryOf(ctx, member.id);
  }

  @FieldResolver(() => [MemberTransfer], { description: 'Transfers of this membership you may read, newest first (the latest 50).' })
  @ListBound(members.HISTORY_LIMIT)
  transfers(@Root() member: PartyMemberEntity, @Ctx() ctx: Context) {
    return members.transfersOfMember(ctx, member.id);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Years of membership (党龄): whole years since becoming full (转正); null while probationary or when the dates are unknown.' })
  partyYears(@Root() member: PartyMemberEntity) {
    return members.partyYears(member);
  }

  @FieldResolver(() => Boolean, { description: 'The political birthday (the day of joining, 政治生日) falls in this month (Asia/Shanghai).' })
  politicalBirthdayThisMonth(@Root() member: PartyMemberEntity) {
    return members.politicalBirthdayThisMonth(member);
  }

  @FieldResolver(() => String, { nullable: true, description: 'For a probationary member: the day the year of probation ends (预备期满), YYYY-MM-DD.' })
  probationEndsOn(@Root() member: PartyMemberEntity) {
    return members.probationEndsOn(member);
  }

  @FieldResolver(() => Boolean, { description: 'Probationary and the year of probation ends within 30 days (or is over): time to decide on full membership.' })
  probationEndingSoon(@Root() member: PartyMemberEntity) {
    return members.probationEndingSoon(member);
  }

  @FieldResolver(() => Boolean, { description: 'A mobile member (流动党员), away from home.' })
  mobile(@Root() member: PartyMemberEntity) {
    return member.mobileLocation != null;
  }

  @FieldResolver(() => CoBuildingUnit, { nullable: true, description: 'Double-report member (双报到): the co-building unit the member works in.' })
  doubleReportUnit(@Root() member: PartyMemberEntity, @Ctx() ctx: Context) {
    return member.doubleReportUnitId == null ? null : loadUnit(ctx, member.doubleReportUnitId);
  }

  @FieldResolver(() => Boolean, { description: 'May you change this member (profile, positions, transfers)?' })
  canEdit(@Root() member: PartyMemberEntity, @Ctx() ctx: Context) {
    return can(ctx, 'write', 'PartyMember', member);
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

  @FieldResolver(() => Boolean, { description: 'Held now (no end date).' })
  current(@Root() position: MemberPositionEntity) {
    return position.until == null;
  }
}

@Resolver(() => MemberTransfer)
export class MemberTransferResolver {
  @FieldResolver(() => PartyMember, { nullable: true, description: 'The member, when you may read them (null for a transfer in that is not approved yet).' })
  member(@Root() t: MemberTransferEntity, @Ctx() ctx: Context) {
    return t.memberId == null ? null : members.findVisibleMember(ctx, t.memberId);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The sending branch (INTERNAL, OUT), when you may see it.' })
  fromBranch(@Root() t: MemberTransferEntity, @Ctx() ctx: Context) {
    return t.fromOrgNodeId == null ? null : findVisibleNode(ctx, t.fromOrgNodeId);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The receiving branch (INTERNAL, IN), when you may see it.' })
  toBranch(@Root() t: MemberTransferEntity, @Ctx() ctx: Context) {
    return t.toOrgNodeId == null ? null : findVisibleNode(ctx, t.toOrgNodeId);
  }

  @FieldResolver(() => Boolean, { description: 'Pending and yours to approve or refuse.' })
  async canDecide(@Root() t: MemberTransferEntity, @Ctx() ctx: Context) {
    return t.state === TransferState.PENDING && (await can(ctx, 'write', 'MemberTransfer', t));
  }
}

@Resolver(() => BranchWarning)
export class BranchWarningResolver {
  @FieldResolver(() => Branch, { nullable: true, description: 'The branch.' })
  branch(@Root() w: BranchWarning, @Ctx() ctx: Context) {
    return findVisibleNode(ctx, w.orgNodeId);
  }
}

@Resolver()
export class MemberQueryResolver {
  @Query(() => PartyMemberConnection, { description: 'Party members you may read (your grants’ subtrees), by branch then name; filter by org node, name or phone, status, mobile, double report, this month’s political birthdays, probation ending soon.' })
  async members(@Arg('filter', () => MemberFilter, { nullable: true, description: 'Which members.' }) filter: MemberFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await members.listMembers(ctx, filter, page), page, () => members.countMembers(ctx, filter));
  }

  @Query(() => MemberTransferConnection, { description: 'Transfers of membership that concern branches in your scope (either side), pending first.' })
  async memberTransfers(@Arg('filter', () => MemberTransferFilter, { nullable: true, description: 'Which transfers.' }) filter: MemberTransferFilter | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await members.listTransfers(ctx, filter, page), page, () => members.countTransfers(ctx, filter));
  }

  @Query(() => [MemberTransferTarget], { description: 'Where a member may be transferred within the platform (the branches and committees of the member’s street); empty unless you may change the member.' })
  @ListBound(members.TRANSFER_TARGET_LIMIT)
  memberTransferTargets(@Arg('memberId', () => ID, { description: 'The member.' }) memberId: string, @Ctx() ctx: Context) {
    return members.transferTargets(ctx, memberId);
  }

  @Query(() => [BranchWarning], { description: 'Branches in your scope that break a rule of the branch work regulations (支部工作条例): fewer than 3 full members, more than 50 members, 7 or more full members without a branch committee. Warnings, not blocks; a branch leaves the list as soon as its data no longer breaks the rule.' })
  @ListBound(members.WARNING_LIMIT)
  branchWarnings(@Ctx() ctx: Context) {
    return members.branchWarnings(ctx);
  }
}

@Resolver()
export class MemberMutationResolver {
  @Mutation(() => MemberPayload, { description: 'Put a new member on a branch’s roll (committee admin, branch secretary).' })
  memberCreate(@Arg('input', () => MemberCreateInput, INPUT) input: MemberCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ member: await members.createMember(ctx, input) }), { member: null });
  }

  @Mutation(() => MemberPayload, { description: 'Change a member’s profile; status FULL confirms a probationary member (转正).' })
  memberUpdate(@Arg('input', () => MemberUpdateInput, INPUT) input: MemberUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ member: await members.updateMember(ctx, input) }), { member: null });
  }

  @Mutation(() => MemberPositionPayload, { description: 'Give a member a position in their branch, a building group or member household under it, or their committee.' })
  memberPositionAssign(@Arg('input', () => MemberPositionAssignInput, INPUT) input: MemberPositionAssignInput, @Ctx() ctx: Context) {
    return payload(async () => ({ position: await members.assignPosition(ctx, input) }), { position: null });
  }

  @Mutation(() => MemberPositionPayload, { description: 'End a position; it stays in the member’s history.' })
  memberPositionEnd(@Arg('input', () => MemberPositionEndInput, INPUT) input: MemberPositionEndInput, @Ctx() ctx: Context) {
    return payload(async () => ({ position: await members.endPosition(ctx, input) }), { position: null });
  }

  @Mutation(() => MemberTransferPayload, { description: 'Ask to move a membership (组织关系转接): to another branch, in from outside the platform, or out to outside. One pending request per member.' })
  memberTransferRequest(@Arg('input', () => MemberTransferRequestInput, INPUT) input: MemberTransferRequestInput, @Ctx() ctx: Context) {
    return payload(async () => ({ transfer: await members.requestTransfer(ctx, input) }), { transfer: null });
  }

  @Mutation(() => MemberTransferPayload, { description: 'Approve a pending transfer (the receiving side; for OUT the sending side): the member moves, their positions end.' })
  memberTransferApprove(@Arg('input', () => MemberTransferDecideInput, INPUT) input: MemberTransferDecideInput, @Ctx() ctx: Context) {
    return payload(async () => ({ transfer: await members.decideTransfer(ctx, input, members.TransferDecision.APPROVE) }), { transfer: null });
  }

  @Mutation(() => MemberTransferPayload, { description: 'Refuse a pending transfer (the deciding side); the member stays.' })
  memberTransferRefuse(@Arg('input', () => MemberTransferDecideInput, INPUT) input: MemberTransferDecideInput, @Ctx() ctx: Context) {
    return payload(async () => ({ transfer: await members.decideTransfer(ctx, input, members.TransferDecision.REFUSE) }), { transfer: null });
  }

  @Mutation(() => MemberTransferPayload, { description: 'Withdraw a pending transfer (the requesting side).' })
  memberTransferCancel(@Arg('input', () => MemberTransferDecideInput, INPUT) input: MemberTransferDecideInput, @Ctx() ctx: Context) {
    return payload(async () => ({ transfer: await members.decideTransfer(ctx, input, members.TransferDecision.CANCEL) }), { transfer: null });
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

  @FieldResolver(() => [BranchWarningReason], { description: 'Rules of the branch work regulations (支部工作条例) the branch breaks now; empty when none or when you may not read its members.' })
  @ListBound(3)
  warnings(@Root() branch: OrgNodeEntity, @Ctx() ctx: Context) {
    return members.warningsOf(ctx, branch);
  }
}

export const memberResolvers = [
  PartyMemberResolver, MemberPositionResolver, MemberTransferResolver, BranchWarningResolver, OrgNodeLeaderResolver, BranchMembersResolver, MemberOrgStatsResolver,
  MemberQueryResolver, MemberMutationResolver,
];
