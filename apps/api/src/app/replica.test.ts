import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config.js';
import { migrate, openOrm } from '../db/orm.js';
import { seedDemoIfEmpty } from '../db/seed/index.js';
import { installDataKey } from './data-key.js';
import { replicasOf } from '../db/replicas.js';
import { createServer, type ApiServer } from '../server.js';
import { globalId } from '../test/harness.js';
import { gqlAt, loginAt } from '../test/instances.js';
import { SLOT, startReplication, type Replication } from '../test/replication.js';

/**
 * A primary and a streaming replica on this machine. Heavy reads (here: the org roll-up statistics) go to the
 * replica, writes to the primary; the caller that just wrote reads from the primary; a lagging or stopped
 * replica is skipped and nothing fails.
 */
let replication: Replication;
let orms: MikroORM[] = [];
let servers: ApiServer[] = [];
let api: string;
let strictApi: string;
let hongkangId: number;

async function startApi(env: Record<string, string>): Promise<{ url: string; orm: MikroORM }> {
  const config = loadConfig({ DATABASE_URL: replication.primaryUrl, DATABASE_REPLICA_URLS: replication.replicaUrl, LOG_LEVEL: 'silent', RATE_LIMITS: 'false', ...env });
  const orm = await openOrm(config.DATABASE_URL, 4);
  const server = await createServer(orm, config);
  orms.push(orm);
  servers.push(server);
  return { url: `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/graphql`, orm };
}

let orm: MikroORM;
let strictOrm: MikroORM;

beforeAll(async () => {
  installDataKey({});
  replication = await startReplication('tongxin', async (url) => {
    const seeding = await openOrm(url, 2);
    try {
      await migrate(seeding);
      await seedDemoIfEmpty(seeding);
    } finally {
      await seeding.close();
    }
  });
  ({ url: api, orm } = await startApi({ REPLICA_STICKY_SECONDS: '30', REPLICA_MAX_LAG_SECONDS: '3600' }));
  // the same database, but a replica more than 1 s behind is not used
  ({ url: strictApi, orm: strictOrm } = await startApi({ REPLICA_MAX_LAG_SECONDS: '1' }));
  const [row] = await replication.query('primary', `select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
  hongkangId = row.id;
}, 120_000);

afterAll(async () => {
  for (const s of servers) await s.close();
  for (const o of orms) await o.close();
  await replication?.stop();
});

const STATS = `query($id: ID!) { node(id: $id) { ... on PartyCommittee { stats { openDemandCount } } } }`;
const openDemands = async (url: string, token: string) => {
  const res = await gqlAt(url, STATS, { id: globalId('PartyCommittee', hongkangId) }, token);
  expect(res.errors).toBeUndefined();
  return res.data.node.stats.openDemandCount as number;
};
const primaryOpenDemands = async () => Number((await replication.query('primary',
  `select count(*)::int as n from demand d join org_node o on o.id = d.org_node_id join org_node c on c.id = ?
   where o.path >= c.path and o.path < c.path || '~' and d.state not in ('RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE')`.replace('?', '$1'), [hongkangId]))[0].n);

describe('read replicas', () => {
  it('is a real streaming replica', async () => {
    expect((await replication.query('replica', 'select pg_is_in_recovery() as r'))[0].r).toBe(true);
    expect((await replication.query('primary', 'select pg_is_in_recovery() as r'))[0].r).toBe(false);
    expect((await replication.query('primary', `select state from pg_stat_replication`)).map((r) => r.state)).toEqual(['streaming']);
    // through the physical slot it was backed up for, while the primary kept running
    expect(await replication.query('primary', `select slot_name, active from pg_replication_slots`)).toEqual([{ slot_name: SLOT, active: true }]);
    expect((await replication.query('replica', `select slot_name from pg_stat_wal_receiver`)).map((r) => r.slot_name)).toEqual([SLOT]);
    // what the primary wrote while its files were being copied is on the replica too
    expect(replication.writtenDuringBackup).toBeGreaterThan(0);
    let onReplica = 0;
    for (let i = 0; i < 50 && onReplica !== replication.writtenDuringBackup; i++) {
      onReplica = await replication.probeRows('replica');
      if (onReplica !== replication.writtenDuringBackup) await new Promise((r) => setTimeout(r, 100));
    }
    expect(onReplica).toBe(replication.writtenDuringBackup);
  });

  it('serves heavy reads from the replica and writes on the primary; the writer reads its own write', async () => {
    const writer = await loginAt(api, 'hongkang-admin');
    const reader = await loginAt(api, 'hongkang-admin');
    const stats = replicasOf(orm.em)!;
    const before = stats.stats();
    const initial = await openDemands(api, reader);
    expect(stats.stats().replicas[0].served).toBeGreaterThan(before.replicas[0].served);
    expect(stats.stats().primary).toBe(before.primary);

    // hold the replica at this point: what it serves from now on is visibly older than the primary
    await replication.query('replica', 'select pg_wal_replay_pause()');
    try {
      const made = await gqlAt(api, `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { id } userErrors { message } } }`, {
        input: { orgNodeId: globalId('PartyCommittee', hongkangId), channel: 'VISIT', category: 'ENVIRONMENT', title: '副本测试：井盖松动', description: '小区北门井盖松动', place: { text: '北门' }, residentName: '赵丽', residentPhone: '13700001111' },
      }, writer);
      expect(made.data.createDemand.userErrors).toEqual([]);
      expect(await primaryOpenDemands()).toBe(initial + 1);
      // the writer's next read: from the primary (read-your-writes)
      expect(await openDemands(api, writer)).toBe(initial + 1);
      // another session: from the replica, which has not replayed the write yet
      expect(await openDemands(api, reader)).toBe(initial);
    } finally {
      await replication.query('replica', 'select pg_wal_replay_resume()');
    }
    // caught up, the replica answers with the write
    let seen = initial;
    for (let i = 0; i < 50 && seen !== initial + 1; i++) {
      seen = await openDemands(api, reader);
      if (seen !== initial + 1) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe(initial + 1);
  });

  it('skips a replica that lags behind, reading from the primary', async () => {
    const reader = await loginAt(strictApi, 'hongkang-admin');
    const replicas = replicasOf(strictOrm.em)!;
    await replicas.check();
    expect(replicas.stats().replicas[0]).toMatchObject({ healthy: true });
    await replication.query('replica', 'select pg_wal_replay_pause()');
    try {
      // a write straight on the primary (not through this API: no read-your-writes for anyone)
      await replication.query('primary', `update demand set state = 'CLOSED', closed_at = now() where id = (select d.id from demand d join org_node o on o.id = d.org_node_id
        join org_node c on c.id = $1 where o.path >= c.path and o.path < c.path || '~' and d.state = 'SUBMITTED' order by d.id limit 1)`, [hongkangId]);
      await new Promise((r) => setTimeout(r, 1_500));
      await replicas.check();
      expect(replicas.stats().replicas[0].healthy).toBe(false);
      expect(replicas.stats().replicas[0].reason).toMatch(/lagging/);
      const primaryBefore = replicas.stats().primary;
      expect(await openDemands(strictApi, reader)).toBe(await primaryOpenDemands());
      expect(replicas.stats().primary).toBeGreaterThan(primaryBefore);
    } finally {
      await replication.query('replica', 'select pg_wal_replay_resume()');
    }
  });

  it('answers from the primary when the replica is down, without an error', async () => {
    const reader = await loginAt(api, 'hongkang-admin');
    const replicas = replicasOf(orm.em)!;
    await replicas.check();
    expect(replicas.stats().replicas[0].healthy).toBe(true);
    await replication.stopReplica();
    // the first read finds it down mid-flight and falls back; later reads skip it
    expect(await openDemands(api, reader)).toBe(await primaryOpenDemands());
    expect(await openDemands(api, reader)).toBe(await primaryOpenDemands());
    await replicas.check();
    expect(replicas.stats().replicas[0]).toMatchObject({ healthy: false, reason: expect.stringMatching(/unreachable/) });
  });
});
