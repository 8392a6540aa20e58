import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { ApplicantDecision, ApplicantStatus } from './talent.entity.js';

registerEnumType(ApplicantStatus, {
  name: 'ApplicantStatus',
  description: 'Where an application to the talent pool is.',
  valuesConfig: {
    PENDING: { description: 'Waiting for review (待审核).' },
    APPROVED: { description: 'In the pool, placed in a team (已入库).' },
    REJECTED: { description: 'Not taken (未通过).' },
  },
});
registerEnumType(ApplicantDecision, {
  name: 'ApplicantDecision',
  description: 'A review of an application.',
  valuesConfig: {
    APPROVE: { description: 'Take into the pool and place in a team (通过).' },
    REJECT: { description: 'Do not take, with a note (不通过).' },
  },
});

@ObjectType('RecruitmentCall', { implements: Node, description: 'A recruitment call (招募令) for the community’s talent pool (治理人才库), e.g. 社区能人招募. Published calls are public.' })
export class RecruitmentCall extends Node {
  @Field(() => String, { description: 'Title.' }) title: string;
  @Field(() => String, { description: 'The call’s text.' }) body: string;
  @Field(() => [String], { description: 'Skills wanted, e.g. 矛盾调解, 水电维修.' }) skillsWanted: string[];
  @Field(() => String, { description: 'First day of sign-up, YYYY-MM-DD.' }) opensOn: string;
  @Field(() => String, { nullable: true, description: 'Last day of sign-up, YYYY-MM-DD; null: open-ended.' }) closesOn: string | null;
  @Field(() => Boolean, { description: 'Shown on the events site.' }) published: boolean;
  @Field(() => DateTimeResolver, { description: 'When created.' }) createdAt: Date;
}
export const RecruitmentCallConnection = Connection(RecruitmentCall, 'RecruitmentCall', 'recruitment call');

@ObjectType('TalentTeam', { implements: Node, description: 'A talent team (人才队伍) of the pool, working as a volunteer team (矛盾调解, 义诊, 便民服务, 非遗传承 ...). Public.' })
export class TalentTeam extends Node {
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => String, { description: 'What the team does.' }) focus: string;
}
export const TalentTeamConnection = Connection(TalentTeam, 'TalentTeam', 'talent team');

@ObjectType('TalentApplicant', { implements: Node, description: 'A resident who answered a recruitment call (staff of the community). The phone is sealed and shown masked.' })
export class TalentApplicant extends Node {
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => [String], { description: 'Skills.' }) skills: string[];
  @Field(() => String, { description: 'When available, in words.' }) availability: string;
  @Field(() => String, { nullable: true, description: 'Building, e.g. 3栋.' }) building: string | null;
  @Field(() => String, { nullable: true, description: 'A few words about themselves.' }) intro: string | null;
  @Field(() => ApplicantStatus, { description: 'Review status.' }) status: ApplicantStatus;
  @Field(() => String, { nullable: true, description: 'Review note.' }) reviewNote: string | null;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When reviewed.' }) reviewedAt: Date | null;
  @Field(() => DateTimeResolver, { description: 'When they signed up.' }) createdAt: Date;
}
export const TalentApplicantConnection = Connection(TalentApplicant, 'TalentApplicant', 'talent applicant');

@ObjectType('TalentTeamStats', { description: 'A talent team’s counts.' })
export class TalentTeamStats {
  @Field(() => Int, { description: 'People in the team (its volunteer team’s roster).' }) memberCount: number;
  @Field(() => Int, { description: 'Problems solved: demands and service orders resolved or closed that were dispatched to the team or one of its members.' }) problemsSolved: number;
}

@InputType('RecruitmentCallInput', { description: 'A new recruitment call.' })
export class RecruitmentCallCreateInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { description: 'Title, 1 to 50 characters.' }) title: string;
  @Field(() => String, { nullable: true, description: 'Text, up to 2000 characters.' }) body?: string | null;
  @Field(() => [String], { nullable: true, description: 'Skills wanted, up to 20.' }) skillsWanted?: string[] | null;
  @Field(() => String, { description: 'First day, YYYY-MM-DD.' }) opensOn: string;
  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD.' }) closesOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Show on the events site (default true).' }) published?: boolean | null;
}

@ObjectType('RecruitmentCallPayload', { description: 'Result of creating a recruitment call.' })
export class RecruitmentCallPayload {
  @Field(() => RecruitmentCall, { nullable: true, description: 'The call.' }) call: unknown;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}

@InputType('ApplyToRecruitmentCallInput', { description: 'A resident signs up for a recruitment call (public, no account).' })
export class ApplyToRecruitmentCallInput {
  @Field(() => ID, { description: 'The call.' }) callId: string;
  @Field(() => String, { description: 'Your name, 1 to 20 characters.' }) name: string;
  @Field(() => String, { description: 'Your mainland mobile number; never shown publicly.' }) phone: string;
  @Field(() => [String], { description: 'Your skills, 1 to 10, each up to 20 characters.' }) skills: string[];
  @Field(() => String, { description: 'When you can help, 1 to 100 characters.' }) availability: string;
  @Field(() => String, { nullable: true, description: 'Your building (e.g. 3栋), up to 50 characters.' }) building?: string | null;
  @Field(() => ID, { nullable: true, description: 'Your grid (Grid global ID).' }) gridId?: string | null;
  @Field(() => String, { nullable: true, description: 'A few words about yourself, up to 500 characters.' }) intro?: string | null;
  @Field(() => String, { nullable: true, description: 'Client-made key (8 to 100 characters): sending the form twice signs up once.' }) idempotencyKey?: string | null;
}

@ObjectType('ApplyToRecruitmentCallPayload', { description: 'Result of signing up.' })
export class ApplyToRecruitmentCallPayload {
  @Field(() => Boolean, { nullable: true, description: 'True when the sign-up was received; null when refused (see userErrors).' }) received: boolean | null;
  @Field(() => String, { nullable: true, description: 'The call’s title.' }) callTitle: string | null;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}

@InputType('ReviewTalentApplicantInput', { description: 'Review an application: APPROVE places the applicant in a team (they join its volunteer team as a volunteer); REJECT with a note.' })
export class ReviewTalentApplicantInput {
  @Field(() => ID, { description: 'The applicant.' }) applicantId: string;
  @Field(() => ApplicantDecision, { description: 'Approve or reject.' }) decision: ApplicantDecision;
  @Field(() => ID, { nullable: true, description: 'For APPROVE: the talent team.' }) teamId?: string | null;
  @Field(() => String, { nullable: true, description: 'Note, up to 200 characters (required for REJECT).' }) note?: string | null;
}

@InputType('PlaceTalentApplicantInput', { description: 'Move an approved applicant to another talent team.' })
export class PlaceTalentApplicantInput {
  @Field(() => ID, { description: 'The applicant.' }) applicantId: string;
  @Field(() => ID, { description: 'The talent team.' }) teamId: string;
}

@ObjectType('TalentApplicantPayload', { description: 'Result of reviewing or placing an applicant.' })
export class TalentApplicantPayload {
  @Field(() => TalentApplicant, { nullable: true, description: 'The applicant.' }) applicant: unknown;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}

@InputType('TalentTeamInput', { description: 'A new talent team; without a volunteer team, one of the same name is made.' })
export class TalentTeamCreateInput {
  @Field(() => ID, { description: 'The community committee.' }) communityId: string;
  @Field(() => String, { description: 'Name, 1 to 30 characters.' }) name: string;
  @Field(() => String, { nullable: true, description: 'What the team does, up to 200 characters.' }) focus?: string | null;
  @Field(() => ID, { nullable: true, description: 'An existing volunteer team of the community to link.' }) volunteerTeamId?: string | null;
}

@ObjectType('TalentTeamPayload', { description: 'Result of creating a talent team.' })
export class TalentTeamPayload {
  @Field(() => TalentTeam, { nullable: true, description: 'The team.' }) team: unknown;
  @Field(() => [UserError], { description: 'Problems with the input.' }) userErrors: UserError[];
}
