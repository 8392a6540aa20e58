import { MikroORM, defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from '../modules/index.js';
import { migrations } from './migrations/index.js';

export function ormOptions(databaseUrl: string, poolMax = 10): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    discovery: { warnWhenNoEntities: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: { migrationsList: migrations, snapshot: false, transactional: true, allOrNothing: true, disableForeignKeys: false },
    pool: { min: 0, max: poolMax },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    // The schema is owned by hand-written migrations; never let the ORM guess one.
    schemaGenerator: { disableForeignKeys: false },
  });
}

export async function openOrm(databaseUrl: string, poolMax?: number): Promise<MikroORM> {
  return MikroORM.init(ormOptions(databaseUrl, poolMax));
}

/** Apply pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  // several API instances may start together: a transaction-scoped advisory lock lets one migrate at a time
  return orm.em.getKnex().transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(7301, 0)');
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  });
}
