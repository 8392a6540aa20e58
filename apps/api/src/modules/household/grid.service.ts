/** Grids (网格): the tree of a community's grids, their buildings, their worker. */
import type { Context } from '../../graphql/context.js';
import { idOf } from '../../graphql/relay.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { assertCan, condition, readable } from '../access/index.js';
import { ORG_TYPE_NAMES } from '../org/index.js';
import { BuildingEntity, GridEntity } from './household.entity.js';
import { loadGrid } from './household.loaders.js';
import './household.policy.js';

export async function findVisibleGrid(ctx: Context, id: number): Promise<GridEntity | null> {
  return readable(ctx, 'Grid', await loadGrid(ctx, id));
}

/** The grids the caller may read, level 4 before level 5, by name (one community, or all in scope). */
export async function listGrids(ctx: Context, communityId: string | null | undefined): Promise<GridEntity[]> {
  ctx.access.requireStaff();
  const c = condition(ctx, 'read', 'Grid', 'g');
  if (c.sql === 'false') return [];
  const community = communityId ? idOf(communityId, ...ORG_TYPE_NAMES) : null;
  if (communityId && community == null) fail(UserErrorCode.INVALID_INPUT, '社区编号无效', ['communityId']);
  const rows = await sql(ctx.em, `select g.* from grid g where ${c.sql} ${community != null ? 'and g.community_id = ?' : ''}
    order by g.community_id, coalesce(g.parent_id, g.id), g.level, g.name limit 100`, [...c.params, ...(community != null ? [community] : [])]);
  return fromRows(ctx.em, GridEntity, rows);
}

export function childrenOf(ctx: Context, grid: GridEntity): Promise<GridEntity[]> {
  return ctx.loaders.get<number, GridEntity[]>('grid.children', async (ids) => {
    const c = condition(ctx, 'read', 'Grid', 'g');
    if (c.sql === 'false') return ids.map(() => []);
    const rows = fromRows(ctx.em, GridEntity, await sql(ctx.em, `select g.* from grid g where g.parent_id = any(?::int[]) and ${c.sql} order by g.name`, [[...ids], ...c.params]));
    return ids.map((id) => rows.filter((g) => g.parentId === id));
  }).load(grid.id);
}

/** Buildings a grid covers (a level-4 grid: those of its level-5 grids too). */
export function buildingsOfGrid(ctx: Context, grid: GridEntity): Promise<BuildingEntity[]> {
  return ctx.loaders.get<number, BuildingEntity[]>('grid.buildings', async (ids) => {
    const rows = await sql<Record<string, unknown> & { grid_key: number }>(ctx.em,
      `select distinct on (k.id, b.id) k.id as grid_key, b.* from grid k
       join grid g on g.id = k.id or g.parent_id = k.id
       join grid_building gb on gb.grid_id = g.id join building b on b.id = gb.building_id
       where k.id = any(?::int[]) order by k.id, b.id`, [[...ids]]);
    const buildings = fromRows(ctx.em, BuildingEntity, rows);
    return ids.map((id) => buildings.filter((_b, i) => rows[i].grid_key === id));
  }).load(grid.id);
}

/** The grid worker's display name and username. */
export function workerOf(ctx: Context, grid: GridEntity): Promise<{ displayName: string; username: string } | null> {
  if (grid.workerAccountId == null) return Promise.resolve(null);
  return ctx.loaders.get<number, { displayName: string; username: string } | null>('grid.worker', async (ids) => {
    const rows = await sql<{ id: number; display_name: string; username: string }>(ctx.em, `select id, display_name, username from account where id = any(?::int[])`, [[...ids]]);
    const map = new Map(rows.map((r) => [r.id, { displayName: r.display_name, username: r.username }]));
    return ids.map((id) => map.get(id) ?? null);
  }).load(grid.workerAccountId);
}

/** The level-5 grid covering a building, if any (and visible). */
export function gridOfBuilding(ctx: Context, buildingId: number): Promise<GridEntity | null> {
  return ctx.loaders.get<number, GridEntity | null>('grid.ofBuilding', async (ids) => {
    const c = condition(ctx, 'read', 'Grid', 'g');
    if (c.sql === 'false') return ids.map(() => null);
    const rows = await sql<Record<string, unknown> & { building_key: number }>(ctx.em,
      `select distinct on (gb.building_id) gb.building_id as building_key, g.* from grid_building gb join grid g on g.id = gb.grid_id
       where gb.building_id = any(?::int[]) and ${c.sql} order by gb.building_id, g.level desc, g.id`, [[...ids], ...c.params]);
    const grids = fromRows(ctx.em, GridEntity, rows);
    return ids.map((id) => grids.find((_g, i) => rows[i].building_key === id) ?? null);
  }).load(buildingId);
}

export interface GridUpdate { id: string; workerAccountId?: string | null; buildingIds?: string[] | null; branchId?: string | null }

/**
 * Change a grid (committee admins of its community): its worker must be a staff account with a GRID_WORKER
 * grant in the community; its buildings and grid branch must be of the same community; a branch ties to one grid.
 */
export async function updateGrid(ctx: Context, input: GridUpdate): Promise<GridEntity> {
  ctx.access.requireStaff();
  const id = idOf(input.id, 'Grid');
  const grid = id == null ? null : await findVisibleGrid(ctx, id);
  if (!grid) fail(UserErrorCode.NOT_FOUND, '找不到该网格', ['input', 'id']);
  await assertCan(ctx, 'write', 'Grid', grid);
  let workerId: number | null | undefined;
  if (input.workerAccountId !== undefined) {
    workerId = input.workerAccountId == null ? null : idOf(input.workerAccountId, 'Account');
    if (input.workerAccountId != null) {
      const [ok] = workerId == null ? [] : await sql(ctx.em, `select 1 from access_grant g join org_node n on n.id = g.org_node_id
        where g.account_id = ? and g.role = 'GRID_WORKER' and (n.id = ? or n.community_id = ?)`, [workerId, grid.communityId, grid.communityId]);
      if (!ok) fail(UserErrorCode.INVALID_INPUT, '网格员须是本社区持有网格员权限的工作人员账号', ['input', 'workerAccountId']);
    }
  }
  let buildingIds: number[] | undefined;
  if (input.buildingIds != null) {
    buildingIds = input.buildingIds.map((b) => idOf(b, 'Building')).filter((b): b is number => b != null);
    if (buildingIds.length !== input.buildingIds.length) fail(UserErrorCode.INVALID_INPUT, '楼栋编号无效', ['input', 'buildingIds']);
    const [{ count }] = await sql<{ count: string }>(ctx.em, `select count(*) from building where id = any(?::int[]) and community_id = ?`, [buildingIds, grid.communityId]);
    if (Number(count) !== new Set(buildingIds).size) fail(UserErrorCode.INVALID_INPUT, '只能划入本社区的楼栋', ['input', 'buildingIds']);
  }
  let branchId: number | null | undefined;
  if (input.branchId !== undefined) {
    branchId = input.branchId == null ? null : idOf(input.branchId, ...ORG_TYPE_NAMES);
    if (input.branchId != null) {
      const [ok] = branchId == null ? [] : await sql(ctx.em, `select 1 from org_node where id = ? and level = 'BRANCH' and community_id = ? and archived_at is null`, [branchId, grid.communityId]);
      if (!ok) fail(UserErrorCode.INVALID_INPUT, '网格党支部须是本社区的党支部', ['input', 'branchId']);
      const [taken] = await sql<{ name: string }>(ctx.em, `select name from grid where branch_id = ? and id <> ?`, [branchId, grid.id]);
      if (taken) fail(UserErrorCode.DUPLICATE, `该党支部已是${taken.name}的网格党支部`, ['input', 'branchId']);
    }
  }
  await ctx.em.transactional(async (em) => {
    if (workerId !== undefined) await sql(em, `update grid set worker_account_id = ? where id = ?`, [workerId, grid.id]);
    if (branchId !== undefined) await sql(em, `update grid set branch_id = ? where id = ?`, [branchId, grid.id]);
    if (buildingIds !== undefined) {
      await sql(em, `delete from grid_building where grid_id = ?`, [grid.id]);
      if (buildingIds.length) await sql(em, `insert into grid_building (grid_id, building_id) select ?, unnest(?::int[]) on conflict do nothing`, [grid.id, buildingIds]);
    }
  });
  ctx.loaders.clearAll();
  return (await loadGrid(ctx, grid.id))!;
}
