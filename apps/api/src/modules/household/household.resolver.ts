import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { Connection, Node, PageArgs, toConnection, toPage, type Page } from '../../graphql/relay.js';
import { forbidden } from '../../graphql/errors.js';
import { maskPhone } from '../../graphql/mask.js';
import { registerNodeType } from '../../graphql/node.registry.js';
import { sql } from '../../db/sql.js';
import type { OrgNodeEntity } from '../org/org.entity.js';
import { findVisibleNode, loadNode } from '../org/org.service.js';
import { MemberHousehold, OrgNode } from '../org/org.types.js';
import { CareCategory, HouseholdEntity } from './household.entity.js';
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

async function householdNode(ctx: Context, household: HouseholdEntity): Promise<OrgNodeEntity | null> {
  return loadNode(ctx, household.orgNodeId);
}

function householdsOf(ctx: Context, node: OrgNodeEntity, page: Page): Promise<HouseholdEntity[]> {
  if (!ctx.access.canRead(node.path)) return Promise.resolve([]);
  return ctx.loaders
    .get<number, HouseholdEntity[]>(`household.byOrg:${page.offset}:${page.limit}`, async (nodeIds) => {
      const rows = await sql(ctx.em,
        `select * from (
           select h.*, row_number() over (partition by h.org_node_id order by h.id) - 1 as rn
           from household h where h.org_node_id = any(?::int[])
         ) t where rn >= ? and rn <= ? order by org_node_id, rn`,
        [[...nodeIds], page.offset, page.offset + page.limit]);
      return groupBy(nodeIds, rows.map((r) => ctx.em.map(HouseholdEntity, r)), (h) => h.orgNodeId);
    })
    .load(node.id);
}

function householdCountOf(ctx: Context, node: OrgNodeEntity): Promise<number> {
  return ctx.loaders
    .get<number, number>('household.countByOrg', async (nodeIds) => {
      const rows = await sql<{ org_node_id: number; count: string }>(ctx.em,
        `select org_node_id, count(*) from household where org_node_id = any(?::int[]) group by org_node_id`, [[...nodeIds]]);
      return byKey(nodeIds, rows, (r) => r.org_node_id).map((r) => Number(r?.count ?? 0));
    })
    .load(node.id);
}

registerNodeType(HouseholdEntity, 'Household', async (ctx, id) => {
  const household = await ctx.em.findOne(HouseholdEntity, { id });
  const node = household && (await householdNode(ctx, household));
  return node && ctx.access.canRead(node.path) ? household : null;
});

@Resolver(() => Household)
export class HouseholdResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Contact phone, masked unless `reveal` is true and your role needs it.' })
  async phone(@Root() household: HouseholdEntity, @Arg('reveal', () => Boolean, { defaultValue: false, description: 'Ask for the full number.' }) reveal: boolean, @Ctx() ctx: Context) {
    if (!reveal) return maskPhone(household.phone);
    const node = await householdNode(ctx, household);
    if (!node || !ctx.access.canSeePersonalData(node.path)) throw forbidden('无权查看完整手机号 (your role cannot see full phone numbers)');
    return household.phone;
  }

  @FieldResolver(() => [CareCategory], { nullable: true, description: 'Care categories (高龄, 低保, 残疾, 空巢, 困难); null unless your role needs them (committee admin, branch secretary, grid worker).' })
  async careCategories(@Root() household: HouseholdEntity, @Ctx() ctx: Context) {
    const node = await householdNode(ctx, household);
    return node && ctx.access.canSeePersonalData(node.path) ? household.careCategories : null;
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'The org node that looks after the household (usually a member household).' })
  lookedAfterBy(@Root() household: HouseholdEntity, @Ctx() ctx: Context) {
    return findVisibleNode(ctx, household.orgNodeId);
  }
}

@Resolver(() => MemberHousehold)
export class MemberHouseholdResolver {
  @FieldResolver(() => HouseholdConnection, { description: 'The neighbour households this member household links (联户).' })
  async households(@Root() node: OrgNodeEntity, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    const page = toPage(args);
    return toConnection(await householdsOf(ctx, node, page), page, () => householdCountOf(ctx, node));
  }
}

export const householdResolvers = [HouseholdResolver, MemberHouseholdResolver, HouseholdOrgStatsResolver];
