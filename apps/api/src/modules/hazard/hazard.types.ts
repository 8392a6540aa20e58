import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { HazardKind, HazardState, PatrolKind, type HazardEntity, type PatrolEntity } from './hazard.entity.js';
import { HazardAction } from './hazard.transitions.js';

registerEnumType(HazardKind, {
  name: 'HazardKind',
  description: 'What kind of safety hazard.',
  valuesConfig: {
    FIRE: { description: 'Fire safety: blocked exits, missing extinguishers (消防).' },
    EBIKE_CHARGING: { description: 'E-bikes charged indoors or by flying leads (电动车违规充电).' },
    BILLBOARD: { description: 'Loose or unsafe billboards and signs (广告牌).' },
    STRUCTURE: { description: 'Buildings, walls, railings (建筑结构).' },
    ELECTRICAL: { description: 'Wiring and electrical safety (用电).' },
    RIVER: { description: 'River banks and water (河道).' },
    OTHER: { description: 'Anything else (其他).' },
  },
});
registerEnumType(HazardState, {
  name: 'HazardState',
  description: 'Where a hazard is; `hazardTransitions` lists the steps.',
  valuesConfig: {
    FOUND: { description: 'Found, not yet handed to anyone (已发现).' },
    ASSIGNED: { description: 'Handed to someone to fix by a deadline (整改中).' },
    FIXED: { description: 'Reported fixed, waiting for verification (已整改).' },
    VERIFIED: { description: 'Fix checked on site (已验收).' },
    REJECTED: { description: 'Not a hazard after all (不属隐患).' },
  },
});
registerEnumType(HazardAction, {
  name: 'HazardAction',
  description: 'A step of the hazard lifecycle.',
  valuesConfig: {
    ASSIGN: { description: 'Hand it to someone to fix, with a deadline (交办整改).' },
    FIX: { description: 'Report it fixed (整改完成).' },
    VERIFY: { description: 'Confirm the fix on site (验收通过).' },
    RETURN: { description: 'The fix failed verification: back to the assignee, with a note (验收退回).' },
    REJECT: { description: 'Not a hazard, with a note (不属隐患).' },
  },
});
registerEnumType(PatrolKind, {
  name: 'PatrolKind',
  description: 'What a patrol round checks.',
  valuesConfig: {
    RIVER: { description: 'River patrol (河道巡查).' },
    BILLBOARD: { description: 'Billboard check (广告牌检查).' },
    FIRE: { description: 'Fire-safety round (消防巡查).' },
    GENERAL: { description: 'General round (综合巡查).' },
  },
});

@ObjectType('Hazard', { implements: Node, description: 'A public-safety hazard (安全隐患): where, who found it, photos, who fixes it by when, verification. Staff only.' })
export class Hazard extends Node {
  @Field(() => HazardKind, { description: 'Kind.' }) kind: HazardKind;
  @Field(() => String, { description: 'Short title.' }) title: string;
  @Field(() => String, { description: 'Details.' }) description: string;
  @Field(() => String, { description: 'Where.' }) place: string;
  @Field(() => String, { description: 'Who found it (name).' }) foundBy: string;
  @Field(() => [String], { description: 'Photo URLs.' }) photoUrls: string[];
  @Field(() => HazardState, { description: 'Where it is.' }) state: HazardState;
  @Field(() => String, { nullable: true, description: 'Who fixes it (a person, branch or unit, as text).' }) assignee: string | null;
  @Field(() => String, { nullable: true, description: 'Fix by (YYYY-MM-DD).' }) deadline: string | null;
  @Field(() => String, { nullable: true, description: 'The last note (why rejected or returned, what was done).' }) note: string | null;
  @Field(() => DateTimeResolver, { description: 'When found.' }) foundAt: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When assigned.' }) assignedAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When reported fixed.' }) fixedAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When verified.' }) verifiedAt: Date | null;
  @Field(() => Int, { description: 'Grows with every change; send it back as `expectedVersion`.' }) version: number;
}
export const HazardConnection = Connection(Hazard, 'Hazard', 'hazard');

@ObjectType('Patrol', { implements: Node, description: 'A patrol round (巡查): the weekly river walk, a billboard check; with the hazards it found.' })
export class Patrol extends Node {
  @Field(() => PatrolKind, { description: 'What it checked.' }) kind: PatrolKind;
  @Field(() => String, { description: 'Route or area.' }) route: string;
  @Field(() => DateTimeResolver, { description: 'When.' }) patrolledAt: Date;
  @Field(() => String, { description: 'Who walked it.' }) patrollers: string;
  @Field(() => Int, { description: 'Billboards checked on the round.' }) billboardsChecked: number;
  @Field(() => String, { nullable: true, description: 'Notes.' }) notes: string | null;
}
export const PatrolConnection = Connection(Patrol, 'Patrol', 'patrol');

@ObjectType('HazardTransitionRule', { description: 'One allowed step of the hazard lifecycle.' })
export class HazardTransitionRule {
  @Field(() => HazardState, { description: 'From.' }) from: HazardState;
  @Field(() => HazardAction, { description: 'The step.' }) action: HazardAction;
  @Field(() => HazardState, { description: 'To.' }) to: HazardState;
  @Field(() => [String], { description: 'What it needs: assignee, note.' }) needs: string[];
}

@ObjectType('HazardKindCount', { description: 'Hazards of one kind.' })
export class HazardKindCount {
  @Field(() => HazardKind, { description: 'The kind.' }) kind: HazardKind;
  @Field(() => Int, { description: 'How many were found in the period.' }) count: number;
}

@ObjectType('HazardStats', { description: 'Hazard counts of a node’s subtree for a period (found in it, fixed in it), and open now.' })
export class HazardStats {
  @Field(() => Int, { description: 'Found in the period.' }) found: number;
  @Field(() => Int, { description: 'Reported fixed in the period.' }) fixed: number;
  @Field(() => Int, { description: 'Verified in the period.' }) verified: number;
  @Field(() => Int, { description: 'Open now (found or assigned).' }) open: number;
  @Field(() => Int, { description: 'Open now and past their deadline.' }) overdue: number;
  @Field(() => Int, { description: 'Patrol rounds in the period.' }) patrols: number;
  @Field(() => Int, { description: 'Billboards checked on patrols in the period.' }) billboardsChecked: number;
  @Field(() => [HazardKindCount], { description: 'Found in the period, per kind.' }) byKind: HazardKindCount[];
}

@InputType('HazardFilter', { description: 'Which hazards.' })
export class HazardFilter {
  @Field(() => ID, { nullable: true, description: 'Under this org node.' }) orgNodeId?: string | null;
  @Field(() => [HazardState], { nullable: true, description: 'Only these states.' }) states?: HazardState[] | null;
  @Field(() => [HazardKind], { nullable: true, description: 'Only these kinds.' }) kinds?: HazardKind[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only open ones past their deadline.' }) overdue?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Only those found on this patrol.' }) patrolId?: string | null;
}

@InputType('ReportHazardInput', { description: 'A hazard found (quick entry).' })
export class ReportHazardInput {
  @Field(() => ID, { description: 'The node it belongs to (community committee, branch).' }) orgNodeId: string;
  @Field(() => HazardKind, { description: 'Kind.' }) kind: HazardKind;
  @Field(() => String, { description: 'Short title, 1 to 100 characters.' }) title: string;
  @Field(() => String, { description: 'Where, 1 to 200 characters.' }) place: string;
  @Field(() => String, { nullable: true, description: 'Details, up to 2000 characters.' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Who found it; default the signed-in staff member.' }) foundBy?: string | null;
  @Field(() => [String], { nullable: true, description: 'Photo URLs (http or https), up to 9.' }) photoUrls?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Fix by (YYYY-MM-DD).' }) deadline?: string | null;
  @Field(() => ID, { nullable: true, description: 'The patrol round that found it.' }) patrolId?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When found; default now.' }) foundAt?: Date | null;
}

@InputType('TransitionHazardInput', { description: 'Take one step of the hazard lifecycle.' })
export class TransitionHazardInput {
  @Field(() => ID, { description: 'The hazard.' }) hazardId: string;
  @Field(() => HazardAction, { description: 'The step.' }) action: HazardAction;
  @Field(() => Int, { description: 'The version you saw.' }) expectedVersion: number;
  @Field(() => String, { nullable: true, description: 'ASSIGN: who fixes it, up to 100 characters.' }) assignee?: string | null;
  @Field(() => String, { nullable: true, description: 'ASSIGN: fix by (YYYY-MM-DD).' }) deadline?: string | null;
  @Field(() => String, { nullable: true, description: 'A note (needed for REJECT and RETURN).' }) note?: string | null;
}

@InputType('PatrolFilter', { description: 'Which patrols.' })
export class PatrolFilter {
  @Field(() => ID, { nullable: true, description: 'Under this org node.' }) orgNodeId?: string | null;
  @Field(() => [PatrolKind], { nullable: true, description: 'Only these kinds.' }) kinds?: PatrolKind[] | null;
}

@InputType('PatrolHazardInput', { description: 'A hazard found on the round.' })
export class PatrolHazardInput {
  @Field(() => HazardKind, { description: 'Kind.' }) kind: HazardKind;
  @Field(() => String, { description: 'Short title.' }) title: string;
  @Field(() => String, { description: 'Where.' }) place: string;
}

@InputType('RecordPatrolInput', { description: 'A patrol round, with the hazards found on it.' })
export class RecordPatrolInput {
  @Field(() => ID, { description: 'The node (community committee, branch).' }) orgNodeId: string;
  @Field(() => PatrolKind, { description: 'What it checked.' }) kind: PatrolKind;
  @Field(() => String, { description: 'Route or area, 1 to 200 characters.' }) route: string;
  @Field(() => String, { description: 'Who walked it, 1 to 200 characters.' }) patrollers: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When; default now.' }) patrolledAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'Billboards checked, 0 to 10000.' }) billboardsChecked?: number | null;
  @Field(() => String, { nullable: true, description: 'Notes.' }) notes?: string | null;
  @Field(() => [PatrolHazardInput], { nullable: true, description: 'Hazards found, up to 20.' }) hazards?: PatrolHazardInput[] | null;
}

@ObjectType('HazardPayload', { description: 'Result of reportHazard or transitionHazard.' })
export class HazardPayload {
  @Field(() => Hazard, { nullable: true, description: 'The hazard now; null when refused.' }) hazard: HazardEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('RecordPatrolPayload', { description: 'Result of recordPatrol.' })
export class RecordPatrolPayload {
  @Field(() => Patrol, { nullable: true, description: 'The patrol; null when refused.' }) patrol: PatrolEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
