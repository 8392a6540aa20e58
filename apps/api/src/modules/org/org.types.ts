import { Field, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { BranchKind, ORG_TYPE_NAME, OrgLevel, type OrgNodeEntity } from './org.entity.js';

registerEnumType(OrgLevel, {
  name: 'OrgLevel',
  description: 'Level in the org chain.',
  valuesConfig: {
    STREET: { description: 'Street Party Working Committee (街道党工委).' },
    COMMUNITY: { description: 'Community Party Committee (社区党委).' },
    BRANCH: { description: 'Party branch (党支部).' },
    BUILDING_GROUP: { description: 'Building Party group led by a member building head (楼栋党小组 / 党员楼栋长).' },
    MEMBER_HOUSEHOLD: { description: "Member household (党员中心户): a member's home linking neighbour households (联户)." },
  },
});
registerEnumType(BranchKind, {
  name: 'BranchKind',
  description: 'What a branch is organised around.',
  valuesConfig: {
    GRID: { description: 'Grid branch (网格党支部).' },
    RESIDENTIAL: { description: 'Residential-area branch (居民区党支部).' },
    COURTYARD: { description: 'Courtyard branch (庭院党支部).' },
    PROPERTY: { description: 'Property-management branch (物业党支部).' },
    UNIT: { description: 'Branch of a unit in the community (单位党支部).' },
  },
});

/** The chain's own counts; other modules add theirs (registerOrgStat in org.stats, with a field resolver on OrgStats). */
@ObjectType('OrgStats', { description: 'Roll-up counts over the whole subtree of an org node (the node included).' })
export class OrgStats {
  @Field(() => Int, { description: 'Live direct children.' }) childCount: number;
  @Field(() => Int, { description: 'Live org nodes below this one, at any depth.' }) descendantCount: number;
}

@InterfaceType('OrgNode', {
  implements: Node,
  description: 'A node of the org chain (党组织): 街道党工委 → 社区党委 → 党支部 → 楼栋党小组 → 党员中心户.',
  resolveType: (value: OrgNodeEntity) => ORG_TYPE_NAME[value.level],
})
export abstract class OrgNode extends Node {
  @Field(() => String, { description: 'Name, e.g. 红康社区党委, 第一党支部.' }) name: string;
  @Field(() => OrgLevel, { description: 'Level in the chain.' }) level: OrgLevel;
  @Field(() => Boolean, { description: 'Archived nodes keep their history but take no new work.' }) archived: boolean;
  @Field(() => Int, { description: 'Depth from the root (a street committee is 0).' }) depth: number;
}

@ObjectType('PartyCommittee', { implements: [Node, OrgNode], description: 'A street Party working committee (街道党工委, level STREET) or community Party committee (社区党委, level COMMUNITY).' })
export class PartyCommittee extends OrgNode {
  @Field(() => String, { nullable: true, description: 'Party-building brand (党建品牌), e.g. 红心聚力.' }) brand: string | null;
  @Field(() => String, { nullable: true, description: 'Office address.' }) address: string | null;
}

@ObjectType('Branch', { implements: [Node, OrgNode], description: 'A Party branch (党支部) under a community committee.' })
export class Branch extends OrgNode {
  @Field(() => BranchKind, { name: 'kind', description: 'What the branch is organised around.' }) branchKind: BranchKind;
}

@ObjectType('BuildingGroup', { implements: [Node, OrgNode], description: 'A building Party group (楼栋党小组) led by a member building head (党员楼栋长).' })
export class BuildingGroup extends OrgNode {
  @Field(() => [String], { description: 'Buildings it covers, e.g. 梧桐花园3栋.' }) buildings: string[];
}

@ObjectType('MemberHousehold', { implements: [Node, OrgNode], description: "A member household (党员中心户): a Party member's home that links about ten neighbour households (联户)." })
export class MemberHousehold extends OrgNode {}

export const OrgNodeConnection = Connection(OrgNode, 'OrgNode', 'org node');

@InputType('OrgNodeCreateInput', { description: 'A new org node under an existing parent.' })
export class OrgNodeCreateInput {
  @Field(() => ID, { description: 'The parent node; the chain decides which levels may sit under it.' }) parentId: string;
  @Field(() => OrgLevel, { description: 'Level of the new node (COMMUNITY, BRANCH, BUILDING_GROUP or MEMBER_HOUSEHOLD).' }) level: OrgLevel;
  @Field(() => String, { description: 'Name, 1 to 100 characters.' }) name: string;
  @Field(() => BranchKind, { nullable: true, description: 'Required for a branch, not allowed otherwise.' }) branchKind?: BranchKind | null;
  @Field(() => String, { nullable: true, description: 'Party-building brand (committees).' }) brand?: string | null;
  @Field(() => String, { nullable: true, description: 'Address (committees).' }) address?: string | null;
  @Field(() => [String], { nullable: true, description: 'Buildings covered (building groups).' }) buildings?: string[] | null;
}

@InputType('OrgNodeUpdateInput', { description: 'Changes to an org node; omitted fields stay as they are.' })
export class OrgNodeUpdateInput {
  @Field(() => ID, { description: 'The node to change.' }) id: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => BranchKind, { nullable: true, description: 'New branch kind (branches only).' }) branchKind?: BranchKind | null;
  @Field(() => String, { nullable: true, description: 'New brand; empty string clears it.' }) brand?: string | null;
  @Field(() => String, { nullable: true, description: 'New address; empty string clears it.' }) address?: string | null;
  @Field(() => [String], { nullable: true, description: 'New list of buildings (building groups).' }) buildings?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'The `version` you last read; refused with CONFLICT if someone changed the node since.' }) expectedVersion?: number | null;
}

@InputType('OrgNodeMoveInput', { description: 'Move a node and its whole subtree under another parent.' })
export class OrgNodeMoveInput {
  @Field(() => ID, { description: 'The node to move.' }) id: string;
  @Field(() => ID, { description: 'The new parent.' }) parentId: string;
}

@InputType('OrgNodeArchiveInput', { description: 'Archive a node that has no live children and no members.' })
export class OrgNodeArchiveInput {
  @Field(() => ID, { description: 'The node to archive.' }) id: string;
}

function OrgNodePayload(name: string, what: string) {
  @ObjectType(name, { description: `Result of ${what}.` })
  class Payload {
    @Field(() => OrgNode, { nullable: true, description: 'The node as it is now; null when refused.' }) node: OrgNodeEntity | null;
    @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
  }
  return Payload;
}
export const OrgNodeCreatePayload = OrgNodePayload('OrgNodeCreatePayload', 'orgNodeCreate');
export const OrgNodeUpdatePayload = OrgNodePayload('OrgNodeUpdatePayload', 'orgNodeUpdate');
export const OrgNodeMovePayload = OrgNodePayload('OrgNodeMovePayload', 'orgNodeMove');
export const OrgNodeArchivePayload = OrgNodePayload('OrgNodeArchivePayload', 'orgNodeArchive');
