import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { DemandCategory } from '../demand/index.js';
import { VisitKind, type VisitEntity } from './visit.entity.js';

registerEnumType(VisitKind, {
  name: 'VisitKind',
  description: 'Why a household was visited.',
  valuesConfig: {
    ROUTINE: { description: 'Routine visit (日常走访, 百日大走访).' },
    CARE: { description: 'Care visit to the elderly, sick or hardship households (关爱走访).' },
    DISPUTE: { description: 'To settle a dispute (矛盾调解).' },
    SURVEY: { description: 'To collect opinions (民意调查).' },
  },
});

export enum VisitLedgerGroup { MEMBER = 'MEMBER', BRANCH = 'BRANCH', MONTH = 'MONTH' }
registerEnumType(VisitLedgerGroup, {
  name: 'VisitLedgerGroup',
  description: 'How the visit ledger groups its rows.',
  valuesConfig: {
    MEMBER: { description: 'Per visitor (per secretary or member).' },
    BRANCH: { description: 'Per branch.' },
    MONTH: { description: 'Per calendar month (Asia/Shanghai).' },
  },
});

@ObjectType('Visit', { implements: Node, description: 'A home visit (走访), an entry of the 民情日记: who visited which household or place, what was found, what follows, the demands it raised. Staff only.' })
export class Visit extends Node {
  @Field(() => DateTimeResolver, { description: 'When.' }) visitedAt: Date;
  @Field(() => VisitKind, { description: 'Why.' }) kind: VisitKind;
  @Field(() => String, { nullable: true, description: 'Where, when not a household on the rolls (free text).' }) place: string | null;
  @Field(() => String, { description: 'What was found (民情).' }) findings: string;
  @Field(() => String, { nullable: true, description: 'What follows (后续跟进).' }) followUp: string | null;
  @Field(() => Int, { description: 'People reached.' }) peopleReached: number;
  @Field(() => Int, { description: 'Opinions collected.' }) opinions: number;
  @Field(() => Int, { description: 'Of them, fixed on the spot (立行立改).' }) fixedOnSpot: number;
  @Field(() => DateTimeResolver, { description: 'When recorded.' }) createdAt: Date;
}
export const VisitConnection = Connection(Visit, 'Visit', 'visit');

@ObjectType('VisitLedgerRow', { description: 'One row of the visit ledger (走访台账): the 百日大走访 figures of a visitor, branch or month.' })
export class VisitLedgerRow {
  @Field(() => String, { description: 'Key of the group: a global ID (member, account, branch) or YYYY-MM.' }) key: string;
  @Field(() => String, { description: 'Name of the group: the visitor, the branch, or 2026年11月.' }) label: string;
  @Field(() => Int, { description: 'Visits.' }) visits: number;
  @Field(() => Int, { description: 'Distinct households visited.' }) households: number;
  @Field(() => Int, { description: 'People reached.' }) peopleReached: number;
  @Field(() => Int, { description: 'Opinions collected.' }) opinions: number;
  @Field(() => Int, { description: 'Fixed on the spot.' }) fixedOnSpot: number;
  @Field(() => Int, { description: 'Demands raised.' }) demandsRaised: number;
}

@InputType('VisitFilter', { description: 'Which visits.' })
export class VisitFilter {
  @Field(() => ID, { nullable: true, description: 'Under this org node (its subtree).' }) orgNodeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'By this member.' }) visitorMemberId?: string | null;
  @Field(() => [VisitKind], { nullable: true, description: 'Only these kinds.' }) kinds?: VisitKind[] | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'At or after.' }) from?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Before.' }) to?: Date | null;
}

@InputType('VisitDemandInput', { description: 'A demand raised during the visit (channel VISIT).' })
export class VisitDemandInput {
  @Field(() => String, { description: 'Short title, 1 to 100 characters.' }) title: string;
  @Field(() => DemandCategory, { description: 'What it is about.' }) category: DemandCategory;
  @Field(() => String, { nullable: true, description: 'Details.' }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Fixed on the spot (立行立改).' }) resolvedOnSpot?: boolean | null;
}

@InputType('RecordVisitInput', { description: 'A visit, from the quick-entry form; it may raise demands in the same step.' })
export class RecordVisitInput {
  @Field(() => ID, { nullable: true, description: 'The member who visited (e.g. the branch secretary); without it, the signed-in staff member.' }) visitorMemberId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The household visited.' }) householdId?: string | null;
  @Field(() => String, { nullable: true, description: 'Or a place, up to 200 characters (e.g. 3 号楼 2 单元).' }) place?: string | null;
  @Field(() => ID, { nullable: true, description: 'The node it counts under (community committee or branch); default the visitor member’s branch, else the household’s node.' }) orgNodeId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When; default now; not in the future.' }) visitedAt?: Date | null;
  @Field(() => VisitKind, { nullable: true, description: 'Why; default ROUTINE.' }) kind?: VisitKind | null;
  @Field(() => String, { nullable: true, description: 'What was found, up to 2000 characters.' }) findings?: string | null;
  @Field(() => String, { nullable: true, description: 'What follows, up to 2000 characters.' }) followUp?: string | null;
  @Field(() => Int, { nullable: true, description: 'People reached, 0 to 100 (default 1).' }) peopleReached?: number | null;
  @Field(() => Int, { nullable: true, description: 'Opinions collected, 0 to 100 (default: the demands raised).' }) opinions?: number | null;
  @Field(() => Int, { nullable: true, description: 'Of them fixed on the spot (default: the demands raised resolved on the spot).' }) fixedOnSpot?: number | null;
  @Field(() => [VisitDemandInput], { nullable: true, description: 'Demands to raise, up to 5; all are made with the visit or none is.' }) demands?: VisitDemandInput[] | null;
}

@ObjectType('RecordVisitPayload', { description: 'Result of recordVisit.' })
export class RecordVisitPayload {
  @Field(() => Visit, { nullable: true, description: 'The visit; null when refused.' }) visit: VisitEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
