import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

/** Care categories (关爱对象) of a household or resident: sensitive personal data, sealed at rest. */
export enum CareCategory {
  ELDERLY_ALONE = 'ELDERLY_ALONE',
  LOW_INCOME = 'LOW_INCOME',
  DISABLED = 'DISABLED',
  EMPTY_NEST = 'EMPTY_NEST',
  HARDSHIP = 'HARDSHIP',
  LEFT_BEHIND_CHILD = 'LEFT_BEHIND_CHILD',
}

/** A resident's relation to the head of the household. */
export enum ResidentRelation {
  HEAD = 'HEAD',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  SIBLING = 'SIBLING',
  OTHER = 'OTHER',
}

/** A residential compound (小区), answered for by an org node of its community. */
@Entity({ tableName: 'compound' })
export class CompoundEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) address: string = '';

  get globalId(): string { return toGlobalId('Compound', this.id); }
}

/** A building (楼栋) of a compound, answered for by an org node (usually a branch or building group). */
@Entity({ tableName: 'building' })
export class BuildingEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) compoundId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'text' }) name: string;

  get globalId(): string { return toGlobalId('Building', this.id); }
}

/**
 * A resident household (户). `orgNodeId` is the node that looks after it: a member household (党员中心户) when
 * one links it (联户), otherwise the branch or building group of its building. Phone and care data are sealed.
 */
@Entity({ tableName: 'household' })
export class HouseholdEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer' }) orgNodeId: number;
  @Property({ type: 'integer' }) buildingId: number;
  @Property({ type: 'text' }) unit: string = '';
  @Property({ type: 'text' }) room: string;
  @Property({ type: 'text' }) headName: string;
  @Property({ type: 'integer' }) size: number = 1;
  /** sealed phone (modules/privacy) */
  @Property({ type: 'blob', nullable: true }) phone: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) phoneHash: Buffer | null = null;
  /** sealed JSON `{ categories, note }`; null when the household is in no care category */
  @Property({ type: 'blob', nullable: true }) care: Buffer | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Household', this.id); }
}

/** A person living in a household (居民); phone, ID number and care data sealed. */
@Entity({ tableName: 'resident' })
export class ResidentEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) householdId: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'text' }) relation: string = ResidentRelation.OTHER;
  @Property({ type: 'integer', nullable: true }) birthYear: number | null = null;
  @Property({ type: 'blob', nullable: true }) phone: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) phoneHash: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) idNumber: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) idNumberHash: Buffer | null = null;
  @Property({ type: 'blob', nullable: true }) care: Buffer | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();

  get globalId(): string { return toGlobalId('Resident', this.id); }
}

/** A grid (网格): level 4 or 5, inside a community, with a grid worker and the buildings it covers. */
@Entity({ tableName: 'grid' })
export class GridEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer' }) communityId: number;
  @Property({ type: 'integer', nullable: true }) parentId: number | null = null;
  @Property({ type: 'integer' }) level: number;
  @Property({ type: 'text' }) name: string;
  @Property({ type: 'integer', nullable: true }) workerAccountId: number | null = null;
  @Property({ type: 'integer', nullable: true }) branchId: number | null = null;

  get globalId(): string { return toGlobalId('Grid', this.id); }
}
