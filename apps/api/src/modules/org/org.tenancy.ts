/**
 * Tables that carry `community_id`, the tenant key. Each module declares its own tables here, with how a row is
 * tied to the org chain, so that when part of the chain moves to another community (org.service moveOrgNode)
 * exactly the rows that follow it are re-keyed, in the move's transaction:
 *   - `via: 'org_node_id'` (any column holding an org node id): rows of the nodes in the moved subtree;
 *   - `via: { sql }`: rows tied through another table, as a condition over the table's row `t` and the moved
 *     nodes `moved(id)`, e.g. a registration through its activity's organiser;
 *   - `fixed`: community_id names a community on its own (a unit's link to it, its venues, its volunteers), not
 *     derived from the chain; a move never changes it. The text says why.
 * A test lists every table with a `community_id` column in the database and fails for one not declared here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../db/sql.js';

export type TenantTable =
  | { table: string; via: string | { sql: string } }
  | { table: string; fixed: string };

const registered = new Map<string, TenantTable>();
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Declare a table that carries `community_id` (once per table, at module load). */
export function registerTenantTable(entry: TenantTable): void {
  if (!IDENTIFIER.test(entry.table)) throw new Error(`tenant table must be a plain identifier: ${entry.table}`);
  if ('via' in entry && typeof entry.via === 'string' && !IDENTIFIER.test(entry.via)) throw new Error(`tenant link must be a column name: ${entry.via}`);
  if ('via' in entry && typeof entry.via !== 'string' && entry.via.sql.includes('?')) throw new Error(`tenant link of ${entry.table} must not use ? placeholders`);
  if (registered.has(entry.table)) throw new Error(`tenant table ${entry.table} is registered twice`);
  registered.set(entry.table, entry);
}

/** Every declared table, in registration order. */
export function tenantTables(): TenantTable[] {
  return [...registered.values()];
}

/** The condition selecting the rows (`t`) of a chain-linked table that follow the moved nodes. */
function followsMove(entry: TenantTable): string | null {
  if (!('via' in entry)) return null;
  return typeof entry.via === 'string' ? `t.${entry.via} in (select id from moved)` : `(${entry.via.sql})`;
}

/**
 * Re-key the rows that follow a moved subtree (nodes with path in [from, to)) into `communityId`: one statement
 * per chain-linked table; rows already there are left alone.
 */
export async function rekeyTenantRows(em: EntityManager, subtree: { from: string; to: string }, communityId: number): Promise<void> {
  for (const entry of tenantTables()) {
    const condition = followsMove(entry);
    if (!condition) continue;
    await sql(em,
      `with moved as (select id from org_node where path >= ? and path < ?)
       update ${entry.table} t set community_id = ? where t.community_id is distinct from ? and ${condition}`,
      [subtree.from, subtree.to, communityId, communityId]);
  }
}
