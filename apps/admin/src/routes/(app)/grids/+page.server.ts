import { query } from '$lib/server/api';
import { GridList } from './queries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { grids } = await query(event, GridList, {});
  const top = grids.filter((g) => !g.parent || !grids.some((p) => p.id === g.parent?.id));
  return { tree: top.map((g) => ({ grid: g, children: grids.filter((c) => c.parent?.id === g.id) })) };
};
