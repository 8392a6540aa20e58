import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum VisitKind { ROUTINE = 'ROUTINE', CARE = 'CARE', DISPUTE = 'DISPUTE', SURVEY = 'SURVEY' }

/** A home visit (走访, an entry of the 民情日记). */
@Entity({ tableName: 'visit' })
export class VisitEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'integer', nullable: true }) visitorMemberId: number | null = null;
  @Property({ type: 'integer', nullable: true }) visitorAccountId: number | null = null;
  @Property({ type: 'integer', nullable: true }) householdId: number | null = null;
  @Property({ type: 'text', nullable: true }) place: string | null = null;
  @Property({ type: 'datetime' }) visitedAt: Date;
  @Enum({ items: () => VisitKind, type: 'string' }) kind: VisitKind;
  @Property({ type: 'text' }) findings: string = '';
  @Property({ type: 'text', nullable: true }) followUp: string | null = null;
  @Property({ type: 'integer' }) peopleReached: number = 1;
  @Property({ type: 'integer' }) opinions: number = 0;
  @Property({ type: 'integer' }) fixedOnSpot: number = 0;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();

  get globalId(): string { return toGlobalId('Visit', this.id); }
}

