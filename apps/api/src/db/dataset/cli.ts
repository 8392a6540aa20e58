/**
 * `npm run gen:dataset -- --communities N [--seed S] [--replace]`: a city-sized data set (see generate.ts).
 *
 * Target: DATABASE_URL, or an embedded PostgreSQL whose data stays in `--data-dir` (default `.data/dataset`), database
 * `--database` (default `tongxin`).
 * Migrations are applied first. `--replace` drops and recreates the database first (embedded or external).
 */
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, repoRoot, startPostgres, urlWithDatabase } from '@tongxin/launcher';
import { installDataKey } from '../../app/data-key.js';
import { migrate, openOrm } from '../orm.js';
import { generateDataset, PER_COMMUNITY, type DatasetSummary } from './generate.js';

/** Migrate the database at `url`, then generate the data set into it. */
export async function loadDataset(url: string, communities: number, seed = 1, log: (line: string) => void = () => {}): Promise<DatasetSummary> {
  installDataKey({ DATA_KEY: process.env.DATA_KEY });
  const orm = await openOrm(url, 2);
  try {
    const applied = await migrate(orm);
    log(`migrations applied: ${applied.join(', ') || 'none'}`);
  } finally {
    await orm.close();
  }
  return generateDataset(url, { communities, seed, log });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { communities: { type: 'string' }, seed: { type: 'string', default: '1' }, replace: { type: 'boolean', default: false }, database: { type: 'string', default: 'tongxin' }, 'data-dir': { type: 'string', default: '.data/dataset' } },
  });
  const communities = Number(values.communities);
  const seed = Number(values.seed);
  if (!Number.isInteger(communities) || communities < 1 || communities > 10_000 || !Number.isInteger(seed) || seed < 0) {
    console.error('usage: npm run gen:dataset -- --communities N [--seed S] [--replace] [--database NAME] [--data-dir DIR]   (N from 1 to 10000)');
    process.exitCode = 2;
    return;
  }
  const say = (line: string) => process.stderr.write(`[dataset] ${line}\n`);
  const P = PER_COMMUNITY;
  const households = P.branches * P.buildingGroupsPerBranch * P.memberHouseholdsPerGroup * P.householdsPerMemberHousehold;
  say(`${communities} communities, seed ${seed}: about ${(communities * P.branches).toLocaleString('en')} branches, ` +
    `${(communities * households / 10).toLocaleString('en')} members, ${(communities * households).toLocaleString('en')} households, ` +
    `${(communities * P.demands).toLocaleString('en')} demands, ${(communities * P.activities).toLocaleString('en')} activities`);
  const server = await startPostgres({ database: 'postgres', dataDir: process.env.DATABASE_URL ? undefined : path.resolve(repoRoot(), values['data-dir']!), settings: { synchronous_commit: 'off', max_wal_size: '4GB' } });
  try {
    const url = values.database === 'tongxin' && process.env.DATABASE_URL
      ? (values.replace ? await createDatabase(server.url, new URL(server.url).pathname.slice(1), { replace: true }) : server.url)
      : await ensureDatabase(server.url, values.database!, values.replace!);
    say(`target: ${url.replace(/\/\/[^@]*@/, '//…@')}`);
    const summary = await loadDataset(url, communities, seed, say);
    say(`done in ${summary.seconds.toFixed(0)} s`);
    for (const [table, n] of Object.entries(summary.rows)) say(`  ${table.padEnd(20)} ${n.toLocaleString('en').padStart(12)}`);
    say(`staff accounts: ds${seed}-c1-admin (committee), ds${seed}-c1-b1 (branch secretary), password tongxin-demo`);
    if (server.embedded) say(`data kept in ${values['data-dir']}, database ${values.database}`);
  } finally {
    await server.stop();
  }
}

async function ensureDatabase(serverUrl: string, name: string, replace: boolean): Promise<string> {
  try {
    return await createDatabase(serverUrl, name, { replace });
  } catch (err) {
    if (/already exists/.test(String(err))) return urlWithDatabase(serverUrl, name);
    throw err;
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) await main();
