import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

/** Where a decision is in 一征三议两公开 (decision.transitions.ts has the steps). */
export enum DecisionState {
  DRAFT = 'DRAFT',
  SOLICITING = 'SOLICITING',
  PROPOSED = 'PROPOSED',
  DELIBERATED = 'DELIBERATED',
  RESOLVED = 'RESOLVED',
  DECISION_PUBLISHED = 'DECISION_PUBLISHED',
  RESULT_PUBLISHED = 'RESULT_PUBLISHED',
}

/** The record each step leaves. */
export enum DecisionStepKind {
  SOLICITATION = 'SOLICITATION',
  PROPOSAL = 'PROPOSAL',
  DELIBERATION = 'DELIBERATION',
  RESOLUTION = 'RESOLUTION',
  DECISION_NOTICE = 'DECISION_NOTICE',
  RESULT_NOTICE = 'RESULT_NOTICE',
}

/** A matter decided in public (一征三议两公开). */
@Entity({ tableName: 'decision' })
export class DecisionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) title: string;
  @Property({ type: 'text' }) summary: string = '';
  @Enum({ items: () => DecisionState, type: 'string' }) state: DecisionState = DecisionState.DRAFT;
  @Property({ type: 'datetime', nullable: true }) solicitOpensAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) solicitClosesAt: Date | null = null;
  @Property({ type: new ArrayType<number>((i) => Number(i)), columnType: 'integer[]' }) demandIds: number[] = [];
  @Property({ type: 'integer', nullable: true }) meetingId: number | null = null;
  @Property({ type: 'integer', nullable: true }) projectId: number | null = null;
  @Property({ type: 'datetime', nullable: true }) decisionPublishedAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) resultPublishedAt: Date | null = null;
  @Property({ type: 'integer' }) version: number = 1;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Decision', this.id); }
}

/** One dated record of a step: who held it (body), what was said or decided, votes for a resolution. */
@Entity({ tableName: 'decision_step' })
export class DecisionStepEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) decisionId: number;
  @Enum({ items: () => DecisionStepKind, type: 'string' }) kind: DecisionStepKind;
  @Property({ type: 'date' }) heldOn: string;
  @Property({ type: 'text' }) body: string;
  @Property({ type: 'text' }) record: string;
  @Property({ type: 'integer', nullable: true }) votesFor: number | null = null;
  @Property({ type: 'integer', nullable: true }) votesAgainst: number | null = null;
  @Property({ type: 'integer', nullable: true }) votesAbstain: number | null = null;
  @Property({ type: 'integer', nullable: true }) meetingId: number | null = null;
  @Property({ type: 'boolean' }) public: boolean = false;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
}

/** A resident's opinion sent through the public form while the solicitation window was open. */
@Entity({ tableName: 'decision_opinion' })
export class DecisionOpinionEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) decisionId: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) body: string;
  @Property({ type: 'blob', nullable: true }) name: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) phone: Buffer | null = null;
  @Property({ type: 'text', nullable: true }) idempotencyKey: string | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('DecisionOpinion', this.id); }
}
