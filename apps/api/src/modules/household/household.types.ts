import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, Node } from '../../graphql/relay.js';
import { UserError } from '../../graphql/errors.js';
import { CareCategory, ResidentRelation } from './household.entity.js';
import { LinkLoad } from './household.service.js';

registerEnumType(CareCategory, {
  name: 'CareCategory',
  description: 'Care categories (关爱对象) of a household or resident (sensitive personal data).',
  valuesConfig: {
    ELDERLY_ALONE: { description: 'Elderly living alone (独居老人).' },
    LOW_INCOME: { description: 'Low-income / subsistence allowance (低保).' },
    DISABLED: { description: 'Person with disability (残疾人).' },
    EMPTY_NEST: { description: 'Empty-nest elderly (空巢).' },
    HARDSHIP: { description: 'Family in hardship (困难家庭).' },
    LEFT_BEHIND_CHILD: { description: 'Left-behind child (留守儿童).' },
  },
});

registerEnumType(ResidentRelation, {
  name: 'ResidentRelation',
  description: 'A resident’s relation to the head of the household.',
  valuesConfig: {
    HEAD: { description: 'The head of the household (户主).' },
    SPOUSE: { description: 'Spouse (配偶).' },
    CHILD: { description: 'Child (子女).' },
    PARENT: { description: 'Parent (父母).' },
    GRANDCHILD: { description: 'Grandchild (孙辈).' },
    SIBLING: { description: 'Sibling (兄弟姐妹).' },
    OTHER: { description: 'Other (其他).' },
  },
});

registerEnumType(LinkLoad, {
  name: 'LinkLoad',
  description: 'How many households a member household links (联户), against the 5 to 15 the practice expects.',
  valuesConfig: {
    NONE: { description: 'Links no household.' },
    OK: { description: 'Links 1 to 15 households.' },
    TOO_MANY: { description: 'Links more than 15 households.' },
  },
});

@ObjectType('Household', { implements: Node, description: 'A resident household (户), looked after by an org node: a member household (党员中心户) when linked (联户). Visible only to staff whose grants cover it.' })
export class Household extends Node {
  @Field(() => String, { description: 'Unit (单元); empty when the building has none.' }) unit: string;
  @Field(() => String, { description: 'Room (房号).' }) room: string;
  @Field(() => String, { description: 'Name of the head of household (户主).' }) headName: string;
  @Field(() => Int, { description: 'Number of people.' }) size: number;
}
export const HouseholdConnection = Connection(Household, 'Household', 'household');

@ObjectType('Resident', { implements: Node, description: 'A person living in a household (居民). Phone, ID number and care data are masked unless revealed.' })
export class Resident extends Node {
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => ResidentRelation, { description: 'Relation to the head of the household.' }) relation: ResidentRelation;
  @Field(() => Int, { nullable: true, description: 'Year of birth.' }) birthYear: number | null;
}

@ObjectType('Compound', { implements: Node, description: 'A residential compound (小区) of a community.' })
export class Compound extends Node {
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => String, { description: 'Street address.' }) address: string;
}

@ObjectType('Building', { implements: Node, description: 'A building (楼栋) of a compound.' })
export class Building extends Node {
  @Field(() => String, { description: 'Name (e.g. 3栋).' }) name: string;
}

@ObjectType('Grid', { implements: Node, description: 'A grid (网格) of a community: level 4 (网格) or level 5 (微网格), with a grid worker and the buildings it covers.' })
export class Grid extends Node {
  @Field(() => String, { description: 'Name.' }) name: string;
  @Field(() => Int, { description: 'Level: 4 or 5.' }) level: number;
}

@ObjectType('GridWorker', { description: 'The staff account working a grid (网格员).' })
export class GridWorker {
  @Field(() => String, { description: 'Display name.' }) displayName: string;
  @Field(() => String, { description: 'Sign-in name.' }) username: string;
}

@ObjectType('CareRecord', { description: 'Care categories with their note, in clear.' })
export class CareRecord {
  @Field(() => [CareCategory], { description: 'Categories.' }) categories: CareCategory[];
  @Field(() => String, { description: 'Note (e.g. what help is needed).' }) note: string;
}

@ObjectType('MemberHouseholdLoad', { description: 'How many households one member household links.' })
export class MemberHouseholdLoad {
  @Field(() => Int, { description: 'Households it links.' }) linkedCount: number;
  @Field(() => Int, { description: 'Of those, households in a care category (0 for roles that may not see care data).' }) careCount: number;
  @Field(() => LinkLoad, { description: 'None, fine, or too many (above 15).' }) load: LinkLoad;
}

@ObjectType('HouseholdCoverage', { description: 'The 联户 coverage of an org node’s subtree.' })
export class HouseholdCoverage {
  @Field(() => Int, { description: 'Care-category households no member household links (0 for roles that may not see care data).' }) uncoveredCount: number;
  @Field(() => Int, { description: 'Care-category households in the subtree (0 for roles that may not see care data).' }) careCount: number;
}

@InputType('HouseholdFilter', { description: 'Narrow the household list.' })
export class HouseholdFilter {
  @Field(() => ID, { nullable: true, description: 'Only households looked after under this org node.' }) orgNodeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this compound.' }) compoundId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only this building.' }) buildingId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only buildings of this grid (and its level-5 grids).' }) gridId?: string | null;
  @Field(() => String, { nullable: true, description: 'Head’s or a resident’s name, or the room, containing this text.' }) query?: string | null;
  @Field(() => String, { nullable: true, description: 'Exact phone (of the household or a resident); only for roles that may see contact details.' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Exact ID number of a resident; only for roles that may see contact details.' }) idNumber?: string | null;
}

@InputType('HouseholdCreateInput', { description: 'Register a household.' })
export class HouseholdCreateInput {
  @Field(() => ID, { description: 'The org node that looks after it (a branch, building group or member household).' }) orgNodeId: string;
  @Field(() => String, { description: 'Compound (小区); created when new.' }) compound: string;
  @Field(() => String, { description: 'Building (楼栋); created when new.' }) building: string;
  @Field(() => String, { nullable: true, description: 'Unit (单元).' }) unit?: string;
  @Field(() => String, { description: 'Room (房号).' }) room: string;
  @Field(() => String, { description: 'Head of household.' }) headName: string;
  @Field(() => Int, { description: 'Number of people.' }) size: number;
  @Field(() => String, { nullable: true, description: 'Contact phone (sealed at rest).' }) phone?: string | null;
  @Field(() => [CareCategory], { nullable: true, description: 'Care categories (sealed).' }) careCategories?: CareCategory[];
  @Field(() => String, { nullable: true, description: 'Care note (sealed).' }) careNote?: string | null;
}

@InputType('HouseholdUpdateInput', { description: 'Change a household; fields left out stay as they are.' })
export class HouseholdUpdateInput {
  @Field(() => ID, { description: 'The household.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Compound (小区).' }) compound?: string;
  @Field(() => String, { nullable: true, description: 'Building (楼栋).' }) building?: string;
  @Field(() => String, { nullable: true, description: 'Unit (单元).' }) unit?: string;
  @Field(() => String, { nullable: true, description: 'Room (房号).' }) room?: string;
  @Field(() => String, { nullable: true, description: 'Head of household.' }) headName?: string;
  @Field(() => Int, { nullable: true, description: 'Number of people.' }) size?: number;
  @Field(() => String, { nullable: true, description: 'Contact phone; empty or null clears it.' }) phone?: string | null;
  @Field(() => [CareCategory], { nullable: true, description: 'Care categories (replaces them).' }) careCategories?: CareCategory[];
  @Field(() => String, { nullable: true, description: 'Care note.' }) careNote?: string | null;
}

@InputType('ResidentSaveInput', { description: 'Add a resident to a household (householdId) or change one (id).' })
export class ResidentSaveInput {
  @Field(() => ID, { nullable: true, description: 'The resident to change.' }) id?: string;
  @Field(() => ID, { nullable: true, description: 'The household to add the resident to.' }) householdId?: string;
  @Field(() => String, { nullable: true, description: 'Name.' }) name?: string;
  @Field(() => ResidentRelation, { nullable: true, description: 'Relation to the head.' }) relation?: ResidentRelation;
  @Field(() => Int, { nullable: true, description: 'Year of birth.' }) birthYear?: number | null;
  @Field(() => String, { nullable: true, description: 'Phone (sealed).' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Resident ID number (sealed).' }) idNumber?: string | null;
  @Field(() => [CareCategory], { nullable: true, description: 'Care categories (sealed).' }) careCategories?: CareCategory[];
  @Field(() => String, { nullable: true, description: 'Care note (sealed).' }) careNote?: string | null;
}

@InputType('HouseholdLinkInput', { description: 'Link a household to a member household (联户), from either side.' })
export class HouseholdLinkInput {
  @Field(() => ID, { description: 'The household.' }) householdId: string;
  @Field(() => ID, { description: 'The member household (党员中心户, an org node).' }) memberHouseholdId: string;
}

@InputType('HouseholdUnlinkInput', { description: 'Take a household off its member household.' })
export class HouseholdUnlinkInput {
  @Field(() => ID, { description: 'The household.' }) householdId: string;
}

@ObjectType('HouseholdPayload', { description: 'Result of a household change.' })
export class HouseholdPayload {
  @Field(() => Household, { nullable: true, description: 'The household as it is now; null when refused.' }) household: unknown;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@ObjectType('ResidentPayload', { description: 'Result of residentSave.' })
export class ResidentPayload {
  @Field(() => Resident, { nullable: true, description: 'The resident as they are now; null when refused.' }) resident: unknown;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@InputType('GridUpdateInput', { description: 'Change a grid; fields left out stay as they are.' })
export class GridUpdateInput {
  @Field(() => ID, { description: 'The grid.' }) id: string;
  @Field(() => ID, { nullable: true, description: 'Its grid worker: a staff account with a GRID_WORKER grant in the community (null: none).' }) workerAccountId?: string | null;
  @Field(() => [ID], { nullable: true, description: 'The buildings it covers (replaces them).' }) buildingIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'The grid branch (网格党支部) tied to it (null: none).' }) branchId?: string | null;
}

@ObjectType('GridPayload', { description: 'Result of gridUpdate.' })
export class GridPayload {
  @Field(() => Grid, { nullable: true, description: 'The grid as it is now; null when refused.' }) grid: unknown;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}

@InputType('ResidentEraseInput', { description: 'Erase a resident\'s personal data (个人信息删除), for committee admins over the resident.' })
export class ResidentEraseInput {
  @Field(() => ID, { description: 'The resident.' }) id: string;
  @Field(() => String, { description: 'Why (2 to 200 characters; kept in the audit log).' }) reason: string;
}

@ObjectType('ResidentErasePayload', { description: 'Result of residentErase.' })
export class ResidentErasePayload {
  @Field(() => Resident, { nullable: true, description: 'The resident as they are now (name 已删除); null when refused.' }) resident: unknown;
  @Field(() => Boolean, { nullable: true, description: 'True when the resident had already been erased (nothing changed this time); null when refused.' }) alreadyErased: boolean | null;
  @Field(() => [UserError], { description: 'Why it was refused, if it was.' }) userErrors: UserError[];
}
