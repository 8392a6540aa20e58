import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { globalId } from '../test/harness.js';
import { settle, subscribe } from '../test/live.js';
import { findRedisServer, gqlAt, loginAt, sharedTestDatabase, startApiProcess, startRedis, warnRedisSkipped, type ApiProcess, type RedisProcess } from '../test/instances.js';

/**
 * Two API instances (separate processes, each with its own caches) on one PostgreSQL and one Redis: what one
 * instance counts, forgets or announces, the other honours.
 */
const redisServer = findRedisServer();
if (!redisServer) warnRedisSkipped('app/multi-instance.test.ts (two API instances sharing Redis)');

describe.skipIf(!redisServer)('two API instances sharing PostgreSQL and Redis', () => {
  let redis: RedisProcess;
  let db: { url: string; drop(): Promise<void> };
  let a: ApiProcess;
  let b: ApiProcess;
  let sql: pg.Client;
  let hongkang: string;

  beforeAll(async () => {
    [redis, db] = await Promise.all([startRedis(redisServer!), sharedTestDatabase()]);
    const env = {
      DATABASE_URL: db.url, REDIS_URL: redis.url,
      RATE_LIMITS: 'true', RATE_LIMIT_LOOKUPS_PER_MINUTE: '4',
      // a long identity cache: without cross-instance invalidation a revoked session would live on for a minute
      SESSION_CACHE_MS: '60000',
      DEMAND_ESCALATION_INTERVAL_S: '1',
      NOTIFY_INTERVAL_MS: '0',
    };
    [a, b] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const { rows } = await sql.query(`select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
    hongkang = globalId('PartyCommittee', rows[0].id);
  }, 200_000);

  afterAll(async () => {
    await sql?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([redis?.stop(), db?.drop()]);
  });

  it('counts a rate limit across both instances', async () => {
    const LOOKUP = `query { demandByTicket(code: "ZZZZ-0000") { ticketCode } }`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await gqlAt(i % 2 ? b.url : a.url, LOOKUP)).status);
    // 4 per minute for this address, wherever they land
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('refuses on one instance a session signed out on the other', async () => {
    const token = await loginAt(a.url, 'hongkang-admin');
    const VIEWER = `query { viewer { username } }`;
    // both instances have the identity cached now
    expect((await gqlAt(a.url, VIEWER, {}, token)).data.viewer.username).toBe('hongkang-admin');
    expect((await gqlAt(b.url, VIEWER, {}, token)).data.viewer.username).toBe('hongkang-admin');
    expect((await gqlAt(a.url, `mutation { sessionRevoke { revoked } }`, {}, token)).data.sessionRevoke.revoked).toBe(true);
    // the invalidation travels through Redis pub/sub: give it a moment, far less than the 60 s cache
    const started = Date.now();
    let res = await gqlAt(b.url, VIEWER, {}, token);
    while (res.status !== 401 && Date.now() - started < 2_000) {
      await settle(50);
      res = await gqlAt(b.url, VIEWER, {}, token);
    }
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('delivers to a subscription on one instance a change made through the other', async () => {
    const tokenA = await loginAt(a.url, 'hongkang-admin');
    const tokenB = await loginAt(b.url, 'hongkang-admin');
    const sub = await subscribe(a.url, tokenA, `subscription($node: ID!) { demandChanged(orgNodeId: $node) { id title state } }`, { node: hongkang });
    const made = await gqlAt(b.url, `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { id } userErrors { message } } }`, {
      input: { orgNodeId: hongkang, channel: 'HOTLINE', category: 'ENVIRONMENT', title: '经由另一实例登记', description: '小区门口垃圾未清运', place: { text: '南门' }, residentName: '李建国', residentPhone: '13912345678' },
    }, tokenB);
    expect(made.data.createDemand.userErrors).toEqual([]);
    const got = await sub.waitFor((d) => d.demandChanged.id === made.data.createDemand.demand.id);
    expect(got.demandChanged).toMatchObject({ title: '经由另一实例登记', state: 'SUBMITTED' });
    await sub.close();
  });

  it('runs each escalation on exactly one instance', async () => {
    // three overdue demands; both instances run the escalation job every second
    const { rows } = await sql.query(
      `update demand set first_response_due_at = now() - interval '1 hour'
       where id in (select d.id from demand d join org_node c on c.id = d.community_id where c.name = '红康社区' and d.state = 'SUBMITTED'
                    and d.escalation_level = 0 and d.first_responded_at is null order by d.id limit 3)
       returning id`);
    expect(rows.length).toBeGreaterThan(0);
    const ids = rows.map((r) => Number(r.id));
    const logged = (p: ApiProcess) => p.output().split('\n').filter((l) => l.includes('demands escalated')).flatMap((l) => JSON.parse(l).demandIds as number[]);
    const deadline = Date.now() + 10_000;
    while (ids.some((id) => ![...logged(a), ...logged(b)].includes(id)) && Date.now() < deadline) await settle(200);
    // a few more passes on both
    await settle(2_500);
    const events = await sql.query(`select demand_id, count(*)::int as n from demand_event where kind = 'ESCALATED' and demand_id = any($1::int[]) group by demand_id`, [ids]);
    expect(events.rows.map((r) => [Number(r.demand_id), r.n]).sort()).toEqual(ids.map((id) => [id, 1]).sort());
    const byA = logged(a).filter((id) => ids.includes(id));
    const byB = logged(b).filter((id) => ids.includes(id));
    // each demand escalated once, by one instance or the other, never both
    expect([...byA, ...byB].sort()).toEqual([...ids].sort());
  });
});
