import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';
import { communityId, phone } from '../modules/activity/activity.fixtures.js';

/**
 * The database goes away in the middle of a burst of writes (every connection cut, new ones refused, as in a
 * restart) and comes back. While it is away, callers get 503 with a typed code, never 500; afterwards the same
 * API process answers again; every write it acknowledged is there, and a retried idempotent write is there once.
 */
let api: TestApi;
let hongkang: string;
let database: string;
beforeAll(async () => {
  api = await startTestApi({ LOG_LEVEL: process.env.OUTAGE_LOG ?? 'silent' });
  hongkang = await communityId(api, '红康社区');
  [{ db: database }] = await api.sql<{ db: string }>('select current_database() as db');
});
afterAll(async () => {
  await api?.sql(`alter database "${database}" allow_connections true`).catch(() => undefined);
  await api?.close();
});

const SUBMIT = `mutation($input: SubmitDemandInput!) { submitDemand(input: $input) { ticketCode userErrors { code } } }`;

/** Run SQL as the server's superuser on the maintenance database, outside the API's own pool. */
async function admin(text: string): Promise<void> {
  const { default: pg } = await import('pg');
  const url = new URL(api.config.DATABASE_URL);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('a database restart during a burst of writes', () => {
  it('answers 503 while it is down, recovers by itself, and loses or doubles nothing', { timeout: 120_000 }, async () => {
    const file = async (key: string) => {
      const res = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SUBMIT, variables: { input: { communityId: hongkang, category: 'SAFETY', description: `停电检修 ${key}`, name: '王阿姨', phone: phone(), idempotencyKey: key } } }),
      });
      const text = await res.text();
      return { key, status: res.status, text, body: JSON.parse(text) };
    };
    const keys = Array.from({ length: 60 }, (_, i) => `outage-burst-${Date.now()}-${i}`);
    const results: Awaited<ReturnType<typeof file>>[] = [];
    let down = false;
    const burst = (async () => {
      for (const key of keys) {
        results.push(await file(key));
        if (results.length === 20) {
          // the restart: cut every connection and refuse new ones for a while
          await admin(`alter database "${database}" allow_connections false`);
          await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${database}' and pid <> pg_backend_pid()`);
          down = true;
        }
        if (results.length === 40 && down) {
          await admin(`alter database "${database}" allow_connections true`);
          down = false;
        }
      }
    })();
    await burst;

    const failed = results.filter((r) => r.status !== 200 || !r.body.data?.submitDemand?.ticketCode);
    const acknowledged = results.filter((r) => !failed.includes(r));
    // some writes failed while it was down, each one cleanly
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.status, r.text).toBe(503);
      expect(r.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(r.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|<html/i);
    }
    expect(acknowledged.length).toBeGreaterThan(20);

    // the same API process answers again; the failed writes go through when retried with their keys
    const health = await fetch(api.url.replace(/graphql$/, 'readyz'));
    expect(health.status).toBe(200);
    for (const r of failed) expect((await file(r.key)).body.data.submitDemand.ticketCode).toBeTruthy();
    // and retrying an acknowledged one makes nothing new
    const again = await file(acknowledged[0].key);
    expect(again.body.data.submitDemand.ticketCode).toBe(acknowledged[0].body.data.submitDemand.ticketCode);

    const rows = await api.sql<{ key: string; n: number }>(
      `select idempotency_key as key, count(*)::int as n from demand where idempotency_key = any(?::text[]) group by idempotency_key`, [`{${keys.join(',')}}`]);
    expect(rows).toHaveLength(keys.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
