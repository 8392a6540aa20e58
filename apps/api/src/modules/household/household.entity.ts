import { ArrayType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum CareCategory {
  ELDERLY = 'ELDERLY',
  LOW_INCOME = 'LOW_INCOME',
  DISABLED = 'DISABLED',
  EMPTY_NEST = 'EMPTY_NEST',
  HARDSHIP = 'HARDSHIP',
}

/** A resident household (户), looked after by an org node, usually a member household (联户). */
@Entity({ tableName: 'household' })
export class HouseholdEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) compound: string;
  @Property({ type: 'text' }) building: string;
  @Property({ type: 'text' }) unit: string = '';
  @Property({ type: 'text' }) room: string;
  @Property({ type: 'text' }) headName: string;
  @Property({ type: 'integer' }) size: number = 1;
  @Property({ type: 'text', nullable: true }) phone: string | null = null;
  @Property({ type: ArrayType }) careCategories: string[] = [];
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Household', this.id); }
  get address(): string { return `${this.compound}${this.building}${this.unit}${this.room}`; }
}
