import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';

// infra/citus/*.sql against the real, migrated database: every table placed, and the preparation step runs on it.
const citusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../infra/citus');
const ddl = readdirSync(citusDir).filter((f) => f.endsWith('.sql')).sort().map((f) => readFileSync(path.join(citusDir, f), 'utf8').replace(/--.*$/gm, '')).join('\n');
const distributed = new Map([...ddl.matchAll(/create_distributed_table\(\s*'(\w+)'\s*,\s*'(\w+)'/g)].map((m) => [m[1]!, m[2]!]));
const reference = new Set([...ddl.matchAll(/create_reference_table\(\s*'(\w+)'/g)].map((m) => m[1]!));

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe('the Citus DDL', () => {
  it('places every table of the migrated database once: distributed or reference', async () => {
    const tables = (await api.sql<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' order by 1`)).map((r) => r.t);
    expect(tables.length).toBeGreaterThan(40);
    const unplaced = tables.filter((t) => !distributed.has(t) && !reference.has(t));
    const unknown = [...distributed.keys(), ...reference].filter((t) => !tables.includes(t));
    const twice = [...reference].filter((t) => distributed.has(t));
    expect({ unplaced, unknown, twice }).toEqual({ unplaced: [], unknown: [], twice: [] });
  });

  it('lists the same co-located tables in the preparation step as it distributes by community_id', () => {
    const prepared = new Set([...(/insert into tenant_tables values([\s\S]*?);/.exec(ddl)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((m) => m[1]!));
    const byCommunity = [...distributed].filter(([, col]) => col === 'community_id').map(([t]) => t).sort();
    expect([...prepared].sort()).toEqual(byCommunity);
  });

  it('prepares the database on plain PostgreSQL: tenant key everywhere, keys include it, children fill it on insert', async () => {
    const prepare = readFileSync(path.join(citusDir, '01-prepare.sql'), 'utf8');
    await api.sql(prepare);
    const byCommunity = [...distributed].filter(([, col]) => col === 'community_id').map(([t]) => t);
    const columns = await api.sql<{ t: string; nullable: string }>(
      `select table_name as t, is_nullable as nullable from information_schema.columns where table_schema = 'public' and column_name = 'community_id'`);
    const notNull = new Set(columns.filter((c) => c.nullable === 'NO').map((c) => c.t));
    expect(byCommunity.filter((t) => !notNull.has(t))).toEqual([]);
    // every primary key and unique index of a tenant table starts with… well, contains community_id
    const keys = await api.sql<{ t: string; def: string }>(
      `select i.indrelid::regclass::text as t, pg_get_indexdef(i.indexrelid) as def from pg_index i
       where i.indisunique and i.indrelid::regclass::text = any(?::text[])`, [`{${byCommunity.join(',')}}`]);
    expect(keys.filter((k) => !k.def.includes('community_id')).map((k) => k.def)).toEqual([]);
    // foreign keys between tenant tables go through community_id
    const fks = await api.sql<{ def: string }>(
      `select pg_get_constraintdef(k.oid) as def from pg_constraint k where k.contype = 'f'
       and k.conrelid::regclass::text = any(?::text[]) and k.confrelid::regclass::text = any(?::text[])`,
      [`{${byCommunity.join(',')}}`, `{${byCommunity.join(',')}}`]);
    expect(fks.length).toBeGreaterThan(20);
    expect(fks.filter((f) => !f.def.startsWith('FOREIGN KEY (community_id,')).map((f) => f.def)).toEqual([]);
    // a resident written without the tenant key (as the API does today) gets its household's community
    const [h] = await api.sql<{ id: number; community_id: number }>(`select id, community_id from household order by id limit 1`);
    const [r] = await api.sql<{ community_id: number }>(`insert into resident (household_id, name) values (?, '测试') returning community_id`, [h!.id]);
    expect(r!.community_id).toBe(h!.community_id);
    // and the keys still hold: a resident of one community cannot point at another community's household
    const other = (await api.sql<{ id: number }>(`select id from org_node where level = 'COMMUNITY' and id <> ? limit 1`, [h!.community_id]))[0]!;
    await expect(api.sql(`insert into resident (household_id, name, community_id) values (?, '测试', ?)`, [h!.id, other.id])).rejects.toThrow(/foreign key/);
  });
});
