/** What the demo seeders share: their context and the helpers to write rows. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DemoDataset } from '@tongxin/demo-data';
import { sql } from '../sql.js';

/** What seeders share: the dataset and the row ids given to its keys so far. */
export interface SeedContext {
  em: EntityManager;
  dataset: DemoDataset;
  /** Row ids by dataset key, per kind: 'org' (streets, communities, branches, groups, member households), 'member', 'unit', 'venue' ... */
  ids: Record<string, Map<string, number>>;
  /** Lines the start command prints when the platform is up (e.g. a demo partner token). */
  announce: string[];
  counts: Record<string, number>;
}
export type Seeder = (ctx: SeedContext) => Promise<void>;

/** Reserve `n` ids of a table's serial in one statement, so rows can reference each other before insert. */
export async function reserveIds(em: EntityManager, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await sql<{ id: number }>(em, `select nextval(pg_get_serial_sequence(?, 'id'))::int as id from generate_series(1, ?)`, [table, n]);
  return rows.map((r) => r.id);
}

/** Insert plain rows (column names as keys) in chunks. */
export async function insertRows(em: EntityManager, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const knex = em.getKnex();
  const trx = em.getTransactionContext();
  for (let i = 0; i < rows.length; i += 500) {
    const query = knex(table).insert(rows.slice(i, i + 500));
    await (trx ? query.transacting(trx) : query);
  }
}

export function keyMap(ctx: SeedContext, kind: string): Map<string, number> {
  return (ctx.ids[kind] ??= new Map());
}

/** Look up the id given to a dataset key; a dangling key is a bug in the dataset, so fail loudly. */
export function idFor(ctx: SeedContext, kind: string, key: string): number {
  const id = ctx.ids[kind]?.get(key);
  if (id == null) throw new Error(`demo data: no ${kind} with key "${key}"`);
  return id;
}
