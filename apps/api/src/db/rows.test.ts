import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';
import { entities } from '../modules/index.js';
import { fromRows } from './rows.js';
import { sql } from './sql.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** Every mapped property of an object, as the GraphQL layer would read it. */
function propertiesOf(em: ReturnType<TestApi['orm']['em']['fork']>, entity: (typeof entities)[number], value: object): Record<string, unknown> {
  const meta = em.getMetadata().get(entity.name);
  return Object.fromEntries(meta.props.filter((p) => p.fieldNames?.length).map((p) => [p.name, (value as Record<string, unknown>)[p.name]]));
}

describe('read rows without the unit of work', () => {
  it('maps every row of every table exactly as the ORM does, getters and type included', async () => {
    const em = api.orm.em.fork();
    let compared = 0;
    for (const entity of entities) {
      const meta = em.getMetadata().get(entity.name);
      const rows = await sql(em, `select * from ${meta.tableName} order by 1 limit 500`);
      const fast = fromRows(em, entity as never, rows) as object[];
      const managed = rows.map((row) => em.fork().map(entity as never, { ...row }) as object);
      for (let i = 0; i < rows.length; i++) {
        expect(propertiesOf(em, entity, fast[i])).toEqual(propertiesOf(em, entity, managed[i]));
        expect(fast[i].constructor).toBe(entity);
        if ('globalId' in managed[i]) expect((fast[i] as { globalId: string }).globalId).toBe((managed[i] as { globalId: string }).globalId);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('keeps read objects out of the identity map, so a request never flushes them', async () => {
    const em = api.orm.em.fork();
    const [row] = await sql(em, `select * from org_node order by id limit 1`);
    const [entity] = fromRows(em, entities[0] as never, [row]) as { name: string }[];
    entity.name = 'changed';
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
  });
});

describe('raw statements', () => {
  it('runs a repeated statement as one named prepared statement, counted like any other', async () => {
    const em = api.orm.em.fork();
    const { result, statements } = await api.countStatements(async () => {
      const a = await sql<{ n: number }>(em, `select ?::int + 1 as n`, [1]);
      const b = await sql<{ n: number }>(em, `select ?::int + 1 as n`, [41]);
      return [a[0].n, b[0].n];
    });
    expect(result).toEqual([2, 42]);
    expect(statements).toBe(2);
    const prepared = await sql<{ count: string }>(em, `select count(*) from pg_prepared_statements where statement = 'select $1::int + 1 as n'`);
    // the pool may have given the two calls different connections; each prepared it at most once
    expect(Number(prepared[0].count)).toBeLessThanOrEqual(1);
  });

  it('binds arrays as one PostgreSQL array and leaves transactions on their own connection', async () => {
    const em = api.orm.em.fork();
    const rows = await sql<{ id: number }>(em, `select x as id from unnest(?::int[]) x order by x`, [[3, 1, 2]]);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3]);
    const inside = await em.transactional(async (trx) => {
      await sql(trx, `create temporary table t_rows (x int) on commit drop`);
      await sql(trx, `insert into t_rows values (?)`, [7]);
      return sql<{ x: number }>(trx, `select x from t_rows`);
    });
    expect(inside).toEqual([{ x: 7 }]);
  });
});
