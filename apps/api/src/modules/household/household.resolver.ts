import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Connection, Node, PageArgs, toConnection, toPage } from '../../graphql/relay.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import type { OrgNodeEntity } from '../org/index.js';
import { MemberHousehold, OrgNode } from '../org/index.js';
import { CareCategory, HouseholdEntity } from './household.entity.js';
import * as households from './household.service.js';
import { HouseholdOrgStatsResolver } from './household.chain.js';

registerEnumType(CareCategory, {
  name: 'CareCategory',
  description: 'Care categories of a household (sensitive personal data).',
  valuesConfig: {
    ELDERLY: { description: 'Elderly (高龄老人).' },
    LOW_INCOME: { description: 'Low-income / subsistence allowance (低保).' },
    DISABLED: { description: 'Person with disability (残疾人).' },
    EMPTY_NEST: { description: 'Empty-nest elderly (空巢).' },
    HARDSHIP: { description: 'Family in hardship (困难家庭).' },
  },
});

@ObjectType('Household', { implements: Node, description: 'A resident household (户), looked after by an org node, usually a member household (联户). Visible only to staff whose grants cover it.' })
export class Household extends Node {
  @Field(() => String, { description: 'Residential compound (小区).' }) compound: string;
  @Field(() => String, { description: 'Building (楼栋).' }) building: string;
  @Field(() => String, { description: 'Unit (单元); empty when the building has none.' }) unit: string;
  @Field(() => String, { description: 'Room (房号).' }) room: string;
  @Field(() => String, { description: 'Full address line.' }) address: string;
  @Field(() => String, { description: 'Name of the head of household (户主).' }) headName: string;
  @Field(() => Int, { description: 'Number of people.' }) size: number;
}

export const HouseholdConnection = Connection(Household, 'Household', 'household');

registerNodeType(HouseholdEntity, 'Household', (ctx, id) => households.findVisibleHousehold(ctx, id));

@Resolver(() => Household)
export class HouseholdResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Contact phone, masked unless `reveal` is true and your role needs it.' })
  phone(@Root() household: HouseholdEntity, @Arg('reveal', () => Boolean, { defaultValue: false, description: 'Ask for the full number.' }) reveal: boolean, @Ctx() ctx: Context) {
    return households.householdPhone(ctx, household, reveal);
  }

  @FieldResolver(() => [CareCategory], { nullable: true, description: 'Care categories (高龄, 低保, 残疾, 空巢, 困难); null unless your role needs them (committee admin, branch secretary, grid worker).' })
  careCategories(@Root() household: HouseholdEntity, @Ctx() ctx: Context) {
    return households.careCategoriesOf(ctx, household);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The org node that looks after the household (usually a member household).' })
  lookedAfterBy(@Root() household: HouseholdEntity, @Ctx() ctx: Context) {
    return households.lookedAfterBy(ctx, household);
  }
}

@Resolver(() => MemberHousehold)
export class MemberHouseholdResolver {
  @FieldResolver(() => HouseholdConnection, { description: 'The neighbour households this member household links (联户).' })
  async households(@Root() node: OrgNodeEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await households.householdsOf(ctx, node, page), page, () => households.householdCountOf(ctx, node));
  }
}

export const householdResolvers = [HouseholdResolver, MemberHouseholdResolver, HouseholdOrgStatsResolver];
