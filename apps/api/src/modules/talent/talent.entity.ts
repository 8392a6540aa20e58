import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum ApplicantStatus { PENDING = 'PENDING', APPROVED = 'APPROVED', REJECTED = 'REJECTED' }
export enum ApplicantDecision { APPROVE = 'APPROVE', REJECT = 'REJECT' }

/** A public recruitment call (招募令) for the community's talent pool (治理人才库), e.g. 社区能人招募. */
@Entity({ tableName: 'recruitment_call' })
export class RecruitmentCallEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'text' }) body: string = '';
  @Property({ type: ArrayType }) skillsWanted: string[] = [];
  @Property({ type: 'date' }) opensOn: string;
  @Property({ type: 'date', nullable: true }) closesOn: string | null = null;
  @Property({ type: 'boolean' }) published: boolean = true;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('RecruitmentCall', this.id); }
}

/** A talent team (人才队伍) of the pool, working as a volunteer team: 矛盾调解, 义诊, 便民服务, 非遗传承 ... */
@Entity({ tableName: 'talent_team' })
export class TalentTeamEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) focus: string = '';
  @Property({ type: 'integer' }) volunteerTeamId: number;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('TalentTeam', this.id); }
}

/** A resident who answered a recruitment call; phone sealed (modules/privacy). Approved ones join a team as volunteers. */
@Entity({ tableName: 'talent_applicant' })
export class TalentApplicantEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) callId: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'blob' }) phone: Buffer;
  @Property({ type: ArrayType }) skills: string[] = [];
  @Property({ type: 'text' }) availability: string;
  @Property({ type: 'integer', nullable: true }) gridId: number | null = null;
  @Property({ type: 'text', nullable: true }) building: string | null = null;
  @Property({ type: 'text', nullable: true }) intro: string | null = null;
  @Enum({ items: () => ApplicantStatus, type: 'string' }) status: ApplicantStatus = ApplicantStatus.PENDING;
  @Property({ type: 'text', nullable: true }) reviewNote: string | null = null;
  @Property({ type: 'integer', nullable: true }) reviewedBy: number | null = null;
  @Property({ type: 'datetime', nullable: true }) reviewedAt: Date | null = null;
  @Property({ type: 'integer', nullable: true }) teamId: number | null = null;
  @Property({ type: 'integer', nullable: true }) volunteerId: number | null = null;
  @Property({ type: 'text', nullable: true }) idempotencyKey: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('TalentApplicant', this.id); }
}
