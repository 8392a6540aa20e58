import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { payload } from '../../graphql/errors.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { ListBound } from '../../graphql/cost.js';
import { idOf, PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { loadNode } from '../org/index.js';
import { findVisibleMember } from '../member/index.js';
import {
  AgreementEntity, CoBuildingUnitEntity, CommitteeSeatEntity, CrossAppointmentEntity, DoubleReportEntity, MAX_UNIT_COMMUNITIES, PropertyEvaluationEntity, UnitKind,
} from './unit.entity.js';
import * as units from './unit.service.js';
import * as agreements from './agreement.service.js';
import * as seats from './seat.service.js';
import * as evaluations from './evaluation.service.js';
import * as doubleReports from './double-report.service.js';
import * as partners from './partner.service.js';
import {
  Agreement, AgreementConnection, AgreementCreateInput, AgreementCreatePayload, AgreementRenewInput, AgreementRenewPayload, AgreementStatus, AgreementTerminateInput, AgreementTerminatePayload,
  CoBuildingUnit, CoBuildingUnitConnection, CoBuildingUnitCreateInput, CoBuildingUnitCreatePayload, CoBuildingUnitLinkInput, CoBuildingUnitLinkPayload,
  CoBuildingUnitUpdateInput, CoBuildingUnitUpdatePayload, CommitteeSeat, CommitteeSeatConnection, CommitteeSeatCreateInput, CommitteeSeatCreatePayload,
  CommitteeSeatEndInput, CommitteeSeatEndPayload, CrossAppointment, CrossAppointmentConnection, CrossAppointmentCreateInput,
  CrossAppointmentCreatePayload, CrossAppointmentEndInput, CrossAppointmentEndPayload, DoubleReportMember, DoubleReportMemberConnection,
  DoubleReportMemberCreateInput, DoubleReportMemberCreatePayload, DoubleReportMemberEndInput, DoubleReportMemberEndPayload, DoubleReportSummary,
  PartnerTokenConnection, PartyCommittee, PartyMember, PropertyEvaluation, PropertyEvaluationConnection, PropertyEvaluationRankConnection,
  PropertyEvaluationRecordInput, PropertyEvaluationRecordPayload,
} from './unit.types.js';
import * as unitWrites from './unit.write.js';
import { partnerResolvers } from './partner.resolver.js';
import './unit.chain.js';
import './unit.export.js'; // GET /export/units.xlsx, /export/unit-<table>.xlsx

registerNodeType(CoBuildingUnitEntity, 'CoBuildingUnit', (ctx, id) => units.loadUnit(ctx, id));
registerNodeType(AgreementEntity, 'Agreement', (ctx, id) => units.findVisibleRow(ctx, AgreementEntity, 'Agreement', id));
registerNodeType(CommitteeSeatEntity, 'CommitteeSeat', (ctx, id) => units.findVisibleRow(ctx, CommitteeSeatEntity, 'CommitteeSeat', id));
registerNodeType(CrossAppointmentEntity, 'CrossAppointment', (ctx, id) => units.findVisibleRow(ctx, CrossAppointmentEntity, 'CrossAppointment', id));
registerNodeType(PropertyEvaluationEntity, 'PropertyEvaluation', (ctx, id) => units.findVisibleRow(ctx, PropertyEvaluationEntity, 'PropertyEvaluation', id));
registerNodeType(DoubleReportEntity, 'DoubleReportMember', (ctx, id) => units.findVisibleRow(ctx, DoubleReportEntity, 'DoubleReportMember', id));

/** Decode an optional community id argument of a query; an id of anything else matches nothing. */
function communityArg(globalId: string | null | undefined): number | null | undefined {
  if (globalId == null) return undefined;
  return idOf(globalId, 'PartyCommittee') ?? -1;
}

/** The unit and community of a unit-scoped row, for its `unit` and `community` fields (both public). */
const UnitRowFields = {
  unit: (ctx: Context, row: units.UnitRow) => units.loadUnit(ctx, row.unitId),
  community: (ctx: Context, row: units.UnitRow) => loadNode(ctx, row.communityId),
};

@Resolver(() => CoBuildingUnit)
export class CoBuildingUnitResolver {
  @FieldResolver(() => String, { nullable: true, description: "Contact person (联系人): in full for staff of its communities and for the unit's own partner tokens, masked (张*) for everyone else." })
  contactName(@Root() unit: CoBuildingUnitEntity, @Ctx() ctx: Context) {
    return units.contactNameOf(ctx, unit);
  }

  @FieldResolver(() => String, { nullable: true, description: "Contact phone: null for outsiders; masked (138****5678) for staff of the unit's communities and the unit's own partner tokens; in full with `reveal` for staff whose role needs personal data and for the unit's own tokens (as the community that issued them sees it)." })
  contactPhone(@Root() unit: CoBuildingUnitEntity, @Arg('reveal', () => Boolean, { defaultValue: false, description: 'Ask for the full number.' }) reveal: boolean, @Ctx() ctx: Context) {
    return units.contactPhoneOf(ctx, unit, reveal);
  }

  @FieldResolver(() => [PartyCommittee], { description: `The community committees the unit works with (共建社区), earliest first; a unit works with at most ${MAX_UNIT_COMMUNITIES}.` })
  // linking refuses a unit more communities (ensureLinked, under a lock on the unit); the field returns no more
  @ListBound(MAX_UNIT_COMMUNITIES)
  communities(@Root() unit: CoBuildingUnitEntity, @Ctx() ctx: Context) {
    return units.communitiesOf(ctx, unit.id);
  }

  @FieldResolver(() => AgreementConnection, { description: 'Co-building agreements (共驻共建协议) you may see, newest first.' })
  async agreements(@Root() unit: CoBuildingUnitEntity, @Arg('status', () => AgreementStatus, { nullable: true, description: 'Only agreements with this status.' }) status: AgreementStatus | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const list = agreements.agreementList(status);
    return toConnection(await units.unitRowsPage(ctx, list, unit.id, page), page, () => units.unitRowCount(ctx, list, unit.id));
  }

  @FieldResolver(() => CommitteeSeatConnection, { description: 'Seats on community committees (兼职委员) you may see, latest term first.' })
  async committeeSeats(@Root() unit: CoBuildingUnitEntity, @Arg('current', () => Boolean, { nullable: true, description: 'true: seats held today; false: past or future terms; omitted: all.' }) current: boolean | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const list = seats.seatList(current);
    return toConnection(await units.unitRowsPage(ctx, list, unit.id, page), page, () => units.unitRowCount(ctx, list, unit.id));
  }

  @FieldResolver(() => CrossAppointmentConnection, { description: 'Cross-appointments (交叉任职) between the unit and its communities that you may see.' })
  async crossAppointments(@Root() unit: CoBuildingUnitEntity, @Arg('current', () => Boolean, { nullable: true, description: 'true: held today; false: ended; omitted: all.' }) current: boolean | null, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const list = seats.crossAppointmentList(current);
    return toConnection(await units.unitRowsPage(ctx, list, unit.id, page), page, () => units.unitRowCount(ctx, list, unit.id));
  }

  @FieldResolver(() => PropertyEvaluationConnection, { description: 'History of property evaluations (物业测评) of the firm that you may see, latest period first.' })
  async evaluations(@Root() unit: CoBuildingUnitEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await units.unitRowsPage(ctx, evaluations.evaluationList, unit.id, page), page, () => units.unitRowCount(ctx, evaluations.evaluationList, unit.id));
  }

  @FieldResolver(() => DoubleReportMemberConnection, { description: "The unit's staff Party members who report to communities (双报到) that you may see, by community and name." })
  async doubleReportMembers(
    @Root() unit: CoBuildingUnitEntity,
    @Arg('communityId', () => ID, { nullable: true, description: 'Only those reporting to this community committee.' }) communityId: string | null,
    @Arg('reporting', () => Boolean, { nullable: true, description: 'true: reporting now; false: stopped; omitted: all.' }) reporting: boolean | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const list = doubleReports.doubleReportList(communityArg(communityId) ?? null, reporting);
    return toConnection(await units.unitRowsPage(ctx, list, unit.id, page), page, () => units.unitRowCount(ctx, list, unit.id));
  }

  @FieldResolver(() => DoubleReportSummary, { description: 'How many staff members report now (双报到), to how many communities, and their service hours there; over what you may see.' })
  doubleReportSummary(@Root() unit: CoBuildingUnitEntity, @Ctx() ctx: Context) {
    return doubleReports.doubleReportSummaryOf(ctx, unit.id);
  }

  @FieldResolver(() => PartnerTokenConnection, { nullable: true, description: "The unit's API tokens issued by the communities you administer, newest first; null unless you are a committee admin of a community the unit works with." })
  async partnerTokens(@Root() unit: CoBuildingUnitEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const rows = await partners.managedTokensOf(ctx, unit.id, page);
    return rows && toConnection(rows, page, () => partners.tokenCountOf(ctx, unit.id));
  }
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @FieldResolver(() => CoBuildingUnit, { description: 'The unit that signed.' })
  unit(@Root() row: AgreementEntity, @Ctx() ctx: Context) { return UnitRowFields.unit(ctx, row); }

  @FieldResolver(() => PartyCommittee, { description: 'The community committee that signed.' })
  community(@Root() row: AgreementEntity, @Ctx() ctx: Context) { return UnitRowFields.community(ctx, row); }

  @FieldResolver(() => AgreementStatus, { description: 'In force, expired, or terminated.' })
  status(@Root() row: AgreementEntity) { return agreements.agreementStatus(row); }

  @FieldResolver(() => Int, { nullable: true, description: 'Days left in force (0 on the expiry day); null once expired or terminated.' })
  daysUntilExpiry(@Root() row: AgreementEntity) { return agreements.daysUntilExpiry(row); }

  @FieldResolver(() => Boolean, { description: `True when the agreement is in force, expires within ${agreements.RENEWAL_WINDOW_DAYS} days and has not been renewed: time to renew (续签提醒).` })
  renewalDue(@Root() row: AgreementEntity, @Ctx() ctx: Context) { return agreements.renewalDueOf(ctx, row); }

  @FieldResolver(() => Boolean, { description: 'True when a later agreement between the same unit and community (a renewal, 续签) is signed and not terminated.' })
  renewed(@Root() row: AgreementEntity, @Ctx() ctx: Context) { return agreements.isRenewed(ctx, row); }
}

@Resolver(() => CommitteeSeat)
export class CommitteeSeatResolver {
  @FieldResolver(() => CoBuildingUnit, { description: 'The unit holding the seat.' })
  unit(@Root() row: CommitteeSeatEntity, @Ctx() ctx: Context) { return UnitRowFields.unit(ctx, row); }

  @FieldResolver(() => PartyCommittee, { description: 'The committee the seat is on.' })
  community(@Root() row: CommitteeSeatEntity, @Ctx() ctx: Context) { return UnitRowFields.community(ctx, row); }

  @FieldResolver(() => Boolean, { description: 'Held today.' })
  current(@Root() row: CommitteeSeatEntity) { return seats.isCurrent(row); }
}

@Resolver(() => CrossAppointment)
export class CrossAppointmentResolver {
  @FieldResolver(() => CoBuildingUnit, { description: 'The unit.' })
  unit(@Root() row: CrossAppointmentEntity, @Ctx() ctx: Context) { return UnitRowFields.unit(ctx, row); }

  @FieldResolver(() => PartyCommittee, { description: 'The community committee.' })
  community(@Root() row: CrossAppointmentEntity, @Ctx() ctx: Context) { return UnitRowFields.community(ctx, row); }

  @FieldResolver(() => PartyMember, { nullable: true, description: 'The Party member holding it, when on the community roll and visible to you.' })
  member(@Root() row: CrossAppointmentEntity, @Ctx() ctx: Context) { return row.memberId == null ? null : findVisibleMember(ctx, row.memberId); }

  @FieldResolver(() => Boolean, { description: 'Held today.' })
  current(@Root() row: CrossAppointmentEntity) { return seats.isCurrent(row); }
}

@Resolver(() => PropertyEvaluation)
export class PropertyEvaluationResolver {
  @FieldResolver(() => CoBuildingUnit, { description: 'The property firm evaluated.' })
  unit(@Root() row: PropertyEvaluationEntity, @Ctx() ctx: Context) { return UnitRowFields.unit(ctx, row); }

  @FieldResolver(() => PartyCommittee, { description: 'The community committee that evaluated it.' })
  community(@Root() row: PropertyEvaluationEntity, @Ctx() ctx: Context) { return UnitRowFields.community(ctx, row); }
}

@Resolver(() => DoubleReportMember)
export class DoubleReportMemberResolver {
  @FieldResolver(() => CoBuildingUnit, { description: 'The unit the member works at.' })
  unit(@Root() row: DoubleReportEntity, @Ctx() ctx: Context) { return UnitRowFields.unit(ctx, row); }

  @FieldResolver(() => PartyCommittee, { description: 'The community committee the member reports to.' })
  community(@Root() row: DoubleReportEntity, @Ctx() ctx: Context) { return UnitRowFields.community(ctx, row); }

  @FieldResolver(() => PartyMember, { nullable: true, description: 'The Party member on the community roll, when linked and visible to you.' })
  member(@Root() row: DoubleReportEntity, @Ctx() ctx: Context) { return row.memberId == null ? null : findVisibleMember(ctx, row.memberId); }

  @FieldResolver(() => Boolean, { description: 'Reporting today.' })
  current(@Root() row: DoubleReportEntity) { return seats.isCurrent(row); }

  @FieldResolver(() => Float, { description: 'Volunteer service hours (服务时长) served in the community reported to.' })
  serviceHours(@Root() row: DoubleReportEntity, @Ctx() ctx: Context) { return doubleReports.serviceHoursOf(ctx, row.id); }
}

@Resolver()
export class UnitQueryResolver {
  @Query(() => CoBuildingUnit, { nullable: true, description: 'A co-building unit by ID (its public profile is visible to everyone).' })
  coBuildingUnit(@Arg('id', () => ID, { description: 'Global ID of the unit.' }) id: string, @Ctx() ctx: Context) {
    const rowId = idOf(id, 'CoBuildingUnit');
    return rowId == null ? null : units.loadUnit(ctx, rowId);
  }

  @Query(() => CoBuildingUnitConnection, { description: "Co-building units by name: those of one community (public), or else staff's own communities' units, or the whole public directory." })
  async coBuildingUnits(
    @Arg('communityId', () => ID, { nullable: true, description: 'Only units working with this community committee.' }) communityId: string | null,
    @Arg('kind', () => UnitKind, { nullable: true, description: 'Only units of this kind.' }) kind: UnitKind | null,
    @Arg('agreementStatus', () => AgreementStatus, { nullable: true, description: 'Only units with an agreement of this status that you may see (of the community, when `communityId` is given).' }) agreementStatus: AgreementStatus | null,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, total } = await units.listUnits(ctx, { communityId: communityArg(communityId), kind, agreement: agreementStatus ? agreements.agreementFilter(ctx, agreementStatus) : null }, page);
    return toConnection(rows, page, total);
  }

  @Query(() => CoBuildingUnit, { nullable: true, description: "The unit of the partner token making the request; null for other callers. Its lists show the unit's relationship with the community that issued the token." })
  partnerUnit(@Ctx() ctx: Context) {
    const unitId = ctx.access.partnerUnitId;
    return unitId == null ? null : units.loadUnit(ctx, unitId);
  }

  @Query(() => AgreementConnection, { description: 'Agreements in force that expire within `withinDays` days, soonest first (续签提醒), among those you may see.' })
  async agreementsExpiring(@Arg('withinDays', () => Int, { defaultValue: agreements.RENEWAL_WINDOW_DAYS, description: 'Horizon in days, 0 to 366.' }) withinDays: number, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    const { rows, total } = await agreements.agreementsExpiring(ctx, withinDays, page);
    return toConnection(rows, page, total);
  }

  @Query(() => PropertyEvaluationRankConnection, { description: "Ranking of a community's property firms for a period (物业测评排名), best total first; equal totals share a rank. Staff of the community see all firms, a firm's partner token its own place only." })
  async propertyEvaluationRanking(
    @Arg('communityId', () => ID, { description: 'The community committee.' }) communityId: string,
    @Arg('period', () => String, { description: "Period: '2026-Q3' or '2026-09'." }) period: string,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: Context,
  ) {
    const page = toPage(args);
    const { rows, total } = await evaluations.evaluationRanking(ctx, communityId, period.trim(), page);
    return toConnection(rows, page, total);
  }
}

@Resolver()
export class UnitMutationResolver {
  @Mutation(() => CoBuildingUnitCreatePayload, { description: 'Register a co-building unit working with a community you manage.' })
  coBuildingUnitCreate(@Arg('input', () => CoBuildingUnitCreateInput, { description: 'What to do; see the input type.' }) input: CoBuildingUnitCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ unit: await unitWrites.createUnit(ctx, input) }), { unit: null });
  }

  @Mutation(() => CoBuildingUnitUpdatePayload, { description: "Change a unit's profile; for staff who manage one of its communities." })
  coBuildingUnitUpdate(@Arg('input', () => CoBuildingUnitUpdateInput, { description: 'What to do; see the input type.' }) input: CoBuildingUnitUpdateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ unit: await unitWrites.updateUnit(ctx, input) }), { unit: null });
  }

  @Mutation(() => CoBuildingUnitLinkPayload, { description: 'Start working with an existing unit in a community you manage (e.g. 机关联社区).' })
  coBuildingUnitLink(@Arg('input', () => CoBuildingUnitLinkInput, { description: 'What to do; see the input type.' }) input: CoBuildingUnitLinkInput, @Ctx() ctx: Context) {
    return payload(async () => ({ unit: await unitWrites.linkUnit(ctx, input) }), { unit: null });
  }

  @Mutation(() => AgreementCreatePayload, { description: 'Record a signed co-building agreement (共驻共建协议).' })
  agreementCreate(@Arg('input', () => AgreementCreateInput, { description: 'What to do; see the input type.' }) input: AgreementCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ agreement: await agreements.createAgreement(ctx, input) }), { agreement: null });
  }

  @Mutation(() => AgreementRenewPayload, { description: 'Renew (续签) an agreement in force or expired: a new agreement between the same parties that starts when the old one ends.' })
  agreementRenew(@Arg('input', () => AgreementRenewInput, { description: 'What to do; see the input type.' }) input: AgreementRenewInput, @Ctx() ctx: Context) {
    return payload(async () => ({ agreement: await agreements.renewAgreement(ctx, input) }), { agreement: null });
  }

  @Mutation(() => AgreementTerminatePayload, { description: 'Terminate an agreement in force before its term ends.' })
  agreementTerminate(@Arg('input', () => AgreementTerminateInput, { description: 'What to do; see the input type.' }) input: AgreementTerminateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ agreement: await agreements.terminateAgreement(ctx, input) }), { agreement: null });
  }

  @Mutation(() => CommitteeSeatCreatePayload, { description: "Give a unit's representative a seat on the committee (兼职委员)." })
  committeeSeatCreate(@Arg('input', () => CommitteeSeatCreateInput, { description: 'What to do; see the input type.' }) input: CommitteeSeatCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ seat: await seats.createSeat(ctx, input) }), { seat: null });
  }

  @Mutation(() => CommitteeSeatEndPayload, { description: 'End a committee seat.' })
  committeeSeatEnd(@Arg('input', () => CommitteeSeatEndInput, { description: 'What to do; see the input type.' }) input: CommitteeSeatEndInput, @Ctx() ctx: Context) {
    return payload(async () => ({ seat: await seats.endSeat(ctx, input) }), { seat: null });
  }

  @Mutation(() => CrossAppointmentCreatePayload, { description: 'Record a cross-appointment (交叉任职).' })
  crossAppointmentCreate(@Arg('input', () => CrossAppointmentCreateInput, { description: 'What to do; see the input type.' }) input: CrossAppointmentCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ crossAppointment: await seats.createCrossAppointment(ctx, input) }), { crossAppointment: null });
  }

  @Mutation(() => CrossAppointmentEndPayload, { description: 'End a cross-appointment.' })
  crossAppointmentEnd(@Arg('input', () => CrossAppointmentEndInput, { description: 'What to do; see the input type.' }) input: CrossAppointmentEndInput, @Ctx() ctx: Context) {
    return payload(async () => ({ crossAppointment: await seats.endCrossAppointment(ctx, input) }), { crossAppointment: null });
  }

  @Mutation(() => PropertyEvaluationRecordPayload, { description: "Record or correct a property firm's evaluation for a period (物业测评), with its red or yellow flag." })
  propertyEvaluationRecord(@Arg('input', () => PropertyEvaluationRecordInput, { description: 'What to do; see the input type.' }) input: PropertyEvaluationRecordInput, @Ctx() ctx: Context) {
    return payload(async () => ({ evaluation: await evaluations.recordEvaluation(ctx, input) }), { evaluation: null });
  }

  @Mutation(() => DoubleReportMemberCreatePayload, { description: "Register a unit's staff Party member with the community where they live (双报到)." })
  doubleReportMemberCreate(@Arg('input', () => DoubleReportMemberCreateInput, { description: 'What to do; see the input type.' }) input: DoubleReportMemberCreateInput, @Ctx() ctx: Context) {
    return payload(async () => ({ doubleReportMember: await doubleReports.createDoubleReport(ctx, input) }), { doubleReportMember: null });
  }

  @Mutation(() => DoubleReportMemberEndPayload, { description: 'Record that a double-report member stopped reporting.' })
  doubleReportMemberEnd(@Arg('input', () => DoubleReportMemberEndInput, { description: 'What to do; see the input type.' }) input: DoubleReportMemberEndInput, @Ctx() ctx: Context) {
    return payload(async () => ({ doubleReportMember: await doubleReports.endDoubleReport(ctx, input) }), { doubleReportMember: null });
  }
}

export const unitResolvers = [
  CoBuildingUnitResolver, AgreementResolver, CommitteeSeatResolver, CrossAppointmentResolver, PropertyEvaluationResolver,
  DoubleReportMemberResolver, UnitQueryResolver, UnitMutationResolver, ...partnerResolvers,
];
export { CoBuildingUnit };
