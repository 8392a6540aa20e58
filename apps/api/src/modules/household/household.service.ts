import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { maskPhone } from '../../graphql/mask.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { condition, readable, reveal } from '../access/index.js';
import type { OrgNodeEntity } from '../org/index.js';
import { findVisibleNode } from '../org/index.js';
import { HouseholdEntity } from './household.entity.js';
import './household.policy.js';

/** A household the caller may see (node(id)), or null. */
export async function findVisibleHousehold(ctx: Context, id: number): Promise<HouseholdEntity | null> {
  const household = await ctx.loaders
    .get<number, HouseholdEntity | null>('household.byId', async (ids) =>
      byKey(ids, fromRows(ctx.em, HouseholdEntity, await sql(ctx.em, `select * from household where id = any(?::int[])`, [[...ids]])), (h) => h.id))
    .load(id);
  return readable(ctx, 'Household', household);
}

/** One page of the households each org node looks after that the caller may see, batched. */
export function householdsOf(ctx: Context, node: OrgNodeEntity, page: Page): Promise<HouseholdEntity[]> {
  return ctx.loaders
    .get<number, HouseholdEntity[]>(`household.byOrg:${page.offset}:${page.limit}`, async (nodeIds) => {
      const visible = condition(ctx, 'read', 'Household', 'h');
      if (visible.sql === 'false') return nodeIds.map(() => []);
      const rows = await sql(ctx.em,
        `select * from (
           select h.*, row_number() over (partition by h.org_node_id order by h.id) - 1 as rn
           from household h where h.org_node_id = any(?::int[]) and ${visible.sql}
         ) t where rn >= ? and rn <= ? order by org_node_id, rn`,
        [[...nodeIds], ...visible.params, page.offset, page.offset + page.limit]);
      return groupBy(nodeIds, fromRows(ctx.em, HouseholdEntity, rows), (h) => h.orgNodeId);
    })
    .load(node.id);
}

/** How many households each org node looks after (a roll-up count, as public as the node). */
export function householdCountOf(ctx: Context, node: OrgNodeEntity): Promise<number> {
  return ctx.loaders
    .get<number, number>('household.countByOrg', async (nodeIds) => {
      const rows = await sql<{ org_node_id: number; count: string }>(ctx.em,
        `select org_node_id, count(*) from household where org_node_id = any(?::int[]) group by org_node_id`, [[...nodeIds]]);
      return byKey(nodeIds, rows, (r) => r.org_node_id).map((r) => Number(r?.count ?? 0));
    })
    .load(node.id);
}

/** The contact phone: masked, or in clear on request when the policy allows (FORBIDDEN otherwise). */
export async function householdPhone(ctx: Context, household: HouseholdEntity, inClear: boolean): Promise<string | null> {
  if (!inClear) return maskPhone(household.phone);
  return reveal(ctx, 'Household', household, 'phone');
}

/** Care categories, only for roles that need them (null for everyone else). */
export function careCategoriesOf(ctx: Context, household: HouseholdEntity): Promise<string[] | null> {
  return reveal(ctx, 'Household', household, 'careCategories', { denied: 'null' });
}

/** The org node that looks after the household, if the caller may see it. */
export function lookedAfterBy(ctx: Context, household: HouseholdEntity): Promise<OrgNodeEntity | null> {
  return findVisibleNode(ctx, household.orgNodeId);
}
