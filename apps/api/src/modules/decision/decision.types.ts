import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { DecisionState, DecisionStepKind, type DecisionEntity } from './decision.entity.js';
import { DecisionAction } from './decision.transitions.js';

registerEnumType(DecisionState, {
  name: 'DecisionState',
  description: 'Where a public decision is in 一征三议两公开; `allowedActions` gives the next steps.',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; staff only (草稿).' },
    SOLICITING: { description: 'Opinions solicited: residents may send theirs while the window is open (征求意见中).' },
    PROPOSED: { description: 'The Party organisation has made its proposal (党组织提议).' },
    DELIBERATED: { description: 'The two committees have deliberated it, one round or more (两委会商议).' },
    RESOLVED: { description: 'The members’ or residents’ representatives’ meeting has resolved it (会议决议).' },
    DECISION_PUBLISHED: { description: 'The decision is published (决议公开).' },
    RESULT_PUBLISHED: { description: 'The result of carrying it out is published (实施结果公开).' },
  },
});
registerEnumType(DecisionStepKind, {
  name: 'DecisionStepKind',
  description: 'The record a step of 一征三议两公开 leaves.',
  valuesConfig: {
    SOLICITATION: { description: 'Opinions solicited, with the window (一征).' },
    PROPOSAL: { description: 'The Party organisation’s proposal (一议: 提议).' },
    DELIBERATION: { description: 'The two committees’ deliberation (二议: 商议).' },
    RESOLUTION: { description: 'The meeting’s resolution, with votes (三议: 决议).' },
    DECISION_NOTICE: { description: 'The decision published (一公开).' },
    RESULT_NOTICE: { description: 'The result published (二公开).' },
  },
});
registerEnumType(DecisionAction, {
  name: 'DecisionAction',
  description: 'A step of 一征三议两公开.',
  valuesConfig: {
    OPEN_SOLICITATION: { description: 'Open the solicitation of opinions for a window (征求意见).' },
    PROPOSE: { description: 'Record the Party organisation’s proposal; closes the solicitation (党组织提议).' },
    DELIBERATE: { description: 'Record a deliberation round of the two committees (两委会商议).' },
    RESOLVE: { description: 'Record the meeting’s resolution, with votes (会议决议).' },
    PUBLISH_DECISION: { description: 'Publish the decision with the proposal, deliberation and resolution (决议公开).' },
    PUBLISH_RESULT: { description: 'Publish the result of carrying it out (实施结果公开).' },
  },
});

@ObjectType('DecisionStep', { description: 'One dated record of a step: who held it, what was said or decided, the votes of a resolution.' })
export class DecisionStep {
  @Field(() => ID, { description: 'Opaque id of the record.' }) id: string;
  @Field(() => DecisionStepKind, { description: 'Which step.' }) kind: DecisionStepKind;
  @Field(() => String, { description: 'When it was held (YYYY-MM-DD).' }) heldOn: string;
  @Field(() => String, { description: 'Who held it: the Party organisation, the two committees, the meeting.' }) body: string;
  @Field(() => String, { description: 'What was asked, proposed, deliberated, resolved or done.' }) record: string;
  @Field(() => Int, { nullable: true, description: 'Resolution: votes for.' }) votesFor: number | null;
  @Field(() => Int, { nullable: true, description: 'Resolution: votes against.' }) votesAgainst: number | null;
  @Field(() => Int, { nullable: true, description: 'Resolution: abstentions.' }) votesAbstain: number | null;
  @Field(() => Boolean, { description: 'Shown on the public notice (社区公示).' }) public: boolean;
}

@ObjectType('DecisionOpinion', { description: 'A resident’s opinion sent through the public form. Staff only; contact details masked.' })
export class DecisionOpinion {
  @Field(() => ID, { description: 'Opaque id.' }) id: string;
  @Field(() => String, { description: 'The opinion.' }) body: string;
  @Field(() => DateTimeResolver, { description: 'When it was sent.' }) createdAt: Date;
}

@ObjectType('Decision', { implements: Node, description: 'A matter decided in public (一征三议两公开): opinions solicited, proposed, deliberated, resolved, then the decision and its result published. The public sees it once solicitation opens, with its public steps only.' })
export class Decision extends Node {
  @Field(() => String, { description: 'The matter.' }) title: string;
  @Field(() => String, { description: 'What is to be decided and why.' }) summary: string;
  @Field(() => DecisionState, { description: 'Where it is.' }) state: DecisionState;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Opinions accepted from.' }) solicitOpensAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'Opinions accepted until (exclusive).' }) solicitClosesAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the decision was published.' }) decisionPublishedAt: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the result was published.' }) resultPublishedAt: Date | null;
  @Field(() => Int, { description: 'Grows with every change; send it back as `expectedVersion`.' }) version: number;
  @Field(() => DateTimeResolver, { description: 'When it was entered.' }) createdAt: Date;
}
export const DecisionConnection = Connection(Decision, 'Decision', 'decision');
export const DecisionOpinionConnection = Connection(DecisionOpinion, 'DecisionOpinion', 'opinion');

@InputType('DecisionFilter', { description: 'Which decisions.' })
export class DecisionFilter {
  @Field(() => ID, { nullable: true, description: 'Under this org node (community committee or branch).' }) orgNodeId?: string | null;
  @Field(() => [DecisionState], { nullable: true, description: 'Only these states.' }) states?: DecisionState[] | null;
  @Field(() => String, { nullable: true, description: 'Words in the title or summary.' }) query?: string | null;
}

@InputType('CreateDecisionInput', { description: 'A matter to decide in public.' })
export class CreateDecisionInput {
  @Field(() => ID, { description: 'The owner: community committee or branch.' }) orgNodeId: string;
  @Field(() => String, { description: 'The matter, 1 to 100 characters.' }) title: string;
  @Field(() => String, { nullable: true, description: 'What is to be decided and why, up to 5000 characters.' }) summary?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Resident demands it answers (same community), up to 20.' }) demandIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'The meeting that raised it (same community).' }) meetingId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The Party-building project it plans (same community).' }) projectId?: string | null;
}

@InputType('AdvanceDecisionInput', { description: 'Take one step of 一征三议两公开 and record it.' })
export class AdvanceDecisionInput {
  @Field(() => ID, { description: 'The decision.' }) decisionId: string;
  @Field(() => DecisionAction, { description: 'The step.' }) action: DecisionAction;
  @Field(() => Int, { description: 'The version you saw.' }) expectedVersion: number;
  @Field(() => String, { description: 'The record: what is asked, proposed, deliberated, resolved, published or done; 1 to 5000 characters.' }) record: string;
  @Field(() => String, { nullable: true, description: 'Who held it, up to 100 characters; default the step’s usual body (e.g. 两委联席会).' }) body?: string | null;
  @Field(() => String, { nullable: true, description: 'When it was held (YYYY-MM-DD); default today.' }) heldOn?: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'OPEN_SOLICITATION: opinions accepted from; default now.' }) opensAt?: Date | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'OPEN_SOLICITATION: opinions accepted until; required, after opensAt.' }) closesAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'RESOLVE: votes for.' }) votesFor?: number | null;
  @Field(() => Int, { nullable: true, description: 'RESOLVE: votes against.' }) votesAgainst?: number | null;
  @Field(() => Int, { nullable: true, description: 'RESOLVE: abstentions.' }) votesAbstain?: number | null;
}

@InputType('SubmitDecisionOpinionInput', { description: 'A resident’s opinion on a decision whose solicitation is open; no sign-in.' })
export class SubmitDecisionOpinionInput {
  @Field(() => ID, { description: 'The decision.' }) decisionId: string;
  @Field(() => String, { description: 'The opinion, 2 to 2000 characters.' }) body: string;
  @Field(() => String, { nullable: true, description: 'Your name (optional, never shown publicly).' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'Your mobile (optional, never shown publicly).' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'A key (8 to 100 ASCII characters, e.g. a UUID): the same key sent again records one opinion.' }) idempotencyKey?: string | null;
}

@ObjectType('DecisionPayload', { description: 'Result of createDecision or advanceDecision.' })
export class DecisionPayload {
  @Field(() => Decision, { nullable: true, description: 'The decision now; null when refused.' }) decision: DecisionEntity | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('SubmitDecisionOpinionPayload', { description: 'Result of submitDecisionOpinion.' })
export class SubmitDecisionOpinionPayload {
  @Field(() => Boolean, { nullable: true, description: 'true: the opinion is recorded (true again for a resend with the same key); null when refused.' }) accepted: boolean | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
