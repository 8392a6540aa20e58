import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum PartyProjectArea {
  POSITION_BUILDING = 'POSITION_BUILDING',
  BASIC_SYSTEMS = 'BASIC_SYSTEMS',
  REGIONAL_CO_BUILDING = 'REGIONAL_CO_BUILDING',
  MEMBER_EDUCATION = 'MEMBER_EDUCATION',
  SERVING_MASSES = 'SERVING_MASSES',
}
export enum PartyProjectStatus { PLANNED = 'PLANNED', IN_PROGRESS = 'IN_PROGRESS', COMPLETED = 'COMPLETED', SUSPENDED = 'SUSPENDED' }

/** A Party-building project in the ledger (党建项目台账). */
@Entity({ tableName: 'party_project' })
export class PartyProjectEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) title: string;
  @Enum({ items: () => PartyProjectArea, type: 'string' }) area: PartyProjectArea;
  @Property({ type: 'text' }) goals: string = '';
  @Property({ type: new ArrayType<number>((i) => Number(i)), columnType: 'integer[]' }) unitIds: number[] = [];
  @Property({ type: 'date' }) startDate: string;
  @Property({ type: 'date' }) dueDate: string;
  @Enum({ items: () => PartyProjectStatus, type: 'string' }) status: PartyProjectStatus = PartyProjectStatus.PLANNED;
  @Property({ type: 'date', nullable: true }) completedOn: string | null = null;
  @Property({ type: 'integer' }) version: number = 1;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('PartyProject', this.id); }

  /** Not completed (or suspended) by its due date, on `today` (YYYY-MM-DD). */
  overdueOn(today: string): boolean {
    return (this.status === PartyProjectStatus.PLANNED || this.status === PartyProjectStatus.IN_PROGRESS) && this.dueDate < today;
  }
}

@Entity({ tableName: 'party_project_progress' })
export class PartyProjectProgressEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) projectId: number;
  @Property({ type: 'date' }) notedOn: string;
  @Property({ type: 'text' }) body: string;
  @Property({ type: 'integer', nullable: true }) createdBy: number | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
}
