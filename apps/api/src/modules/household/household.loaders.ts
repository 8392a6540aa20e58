/** Batched row loaders of the households module (no access decisions here: the policy and services use them). */
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { BuildingEntity, CompoundEntity, GridEntity, HouseholdEntity, ResidentEntity } from './household.entity.js';

function byIdLoader<T extends { id: number }>(ctx: Context, name: string, table: string, entity: abstract new (...args: never[]) => T) {
  return ctx.loaders.get<number, T | null>(name, async (ids) =>
    byKey(ids, fromRows(ctx.em, entity, await sql(ctx.em, `select * from ${table} where id = any(?::int[])`, [[...ids]])), (r) => r.id));
}

export const loadHousehold = (ctx: Context, id: number) => byIdLoader(ctx, 'household.byId', 'household', HouseholdEntity).load(id);
export const loadResident = (ctx: Context, id: number) => byIdLoader(ctx, 'resident.byId', 'resident', ResidentEntity).load(id);
export const loadBuilding = (ctx: Context, id: number) => byIdLoader(ctx, 'building.byId', 'building', BuildingEntity).load(id);
export const loadCompound = (ctx: Context, id: number) => byIdLoader(ctx, 'compound.byId', 'compound', CompoundEntity).load(id);
export const loadGrid = (ctx: Context, id: number) => byIdLoader(ctx, 'grid.byId', 'grid', GridEntity).load(id);

/** The residents of each household, in order (at most `limit`). */
export function residentsOfHousehold(ctx: Context, householdId: number, limit: number): Promise<ResidentEntity[]> {
  return ctx.loaders.get<number, ResidentEntity[]>(`resident.byHousehold:${limit}`, async (ids) => {
    const rows = await sql(ctx.em, `select * from (select r.*, row_number() over (partition by r.household_id order by r.id) as rn
      from resident r where r.household_id = any(?::int[])) t where rn <= ? order by household_id, id`, [[...ids], limit]);
    return groupBy(ids, fromRows(ctx.em, ResidentEntity, rows), (r) => r.householdId);
  }).load(householdId);
}
