import { ArrayType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { toGlobalId } from '../../graphql/relay.js';

export enum OrgLevel {
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
  BRANCH = 'BRANCH',
  BUILDING_GROUP = 'BUILDING_GROUP',
  MEMBER_HOUSEHOLD = 'MEMBER_HOUSEHOLD',
}

export enum BranchKind {
  GRID = 'GRID',
  RESIDENTIAL = 'RESIDENTIAL',
  COURTYARD = 'COURTYARD',
  PROPERTY = 'PROPERTY',
  UNIT = 'UNIT',
}

/** The GraphQL object type of each level. */
export const ORG_TYPE_NAME: Record<OrgLevel, string> = {
  STREET: 'PartyCommittee',
  COMMUNITY: 'PartyCommittee',
  BRANCH: 'Branch',
  BUILDING_GROUP: 'BuildingGroup',
  MEMBER_HOUSEHOLD: 'MemberHousehold',
};
export const ORG_TYPE_NAMES = ['PartyCommittee', 'Branch', 'BuildingGroup', 'MemberHousehold'];

/** Which levels may sit directly under which: the rules of the org chain. */
export const ALLOWED_PARENT: Record<OrgLevel, OrgLevel[]> = {
  STREET: [],
  COMMUNITY: [OrgLevel.STREET],
  BRANCH: [OrgLevel.COMMUNITY],
  BUILDING_GROUP: [OrgLevel.BRANCH],
  MEMBER_HOUSEHOLD: [OrgLevel.BUILDING_GROUP],
};

/** Levels whose names and roll-up counts are public (Party committees are public bodies). */
export const PUBLIC_LEVELS: OrgLevel[] = [OrgLevel.STREET, OrgLevel.COMMUNITY];

export { ORG_LEVEL_LABEL } from '@tongxin/ui';

/** One node of the org chain: street and community committees, branches, building groups, member households. */
@Entity({ tableName: 'org_node' })
export class OrgNodeEntity {
  @PrimaryKey({ type: 'integer', autoincrement: true }) id: number;
  @Property({ type: 'integer', nullable: true }) parentId: number | null = null;
  /** Tenant key: the community committee (its own id for a community; null for a street). */
  @Property({ type: 'integer', nullable: true }) communityId: number | null = null;
  @Enum({ items: () => OrgLevel, type: 'string' }) level: OrgLevel;
  @Enum({ items: () => BranchKind, type: 'string', nullable: true }) branchKind: BranchKind | null = null;
  @Property({ type: 'text' }) name: string;
  /** Materialized path of ids, root first: '/1/5/23/'. */
  @Property({ type: 'text' }) path: string;
  @Property({ type: 'integer' }) depth: number;
  @Property({ type: 'text', nullable: true }) brand: string | null = null;
  @Property({ type: 'text', nullable: true }) address: string | null = null;
  @Property({ type: ArrayType }) buildings: string[] = [];
  @Property({ type: 'datetime', nullable: true }) archivedAt: Date | null = null;
  @Property({ type: 'datetime', onCreate: () => new Date() }) createdAt: Date = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date = new Date();
  @Property({ type: 'integer', version: true }) version: number;

  get globalId(): string { return toGlobalId(ORG_TYPE_NAME[this.level], this.id); }
  get archived(): boolean { return this.archivedAt != null; }
  /** Ids on the path, root first, this node last. */
  get pathIds(): number[] { return this.path.split('/').filter(Boolean).map(Number); }
}
