import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, freePort, isPortFree, startPostgres, type Database } from './index.js';

// These tests are about the embedded server: an outside DATABASE_URL must not take over.
delete process.env.DATABASE_URL;

async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('embedded PostgreSQL on a temporary folder', () => {
  let db: Database;

  beforeAll(async () => {
    db = await startPostgres();
  });
  afterAll(async () => {
    await db?.stop();
  });

  it('starts on a free port that is not 5432 and answers queries', async () => {
    expect(db.embedded).toBe(true);
    expect(portOf(db.url)).not.toBe(5432);
    expect(new URL(db.url).pathname).toBe('/tongxin');
    const rows = await query<{ one: number; enc: string }>(db.url, `SELECT 1 AS one, current_setting('server_encoding') AS enc`);
    expect(rows).toEqual([{ one: 1, enc: 'UTF8' }]);
  });

  it('stores Chinese text', async () => {
    const rows = await query<{ t: string }>(db.url, `SELECT '同心社区' AS t`);
    expect(rows[0]!.t).toBe('同心社区');
  });

  it('creates a database from a template, replaces it, and drops it', async () => {
    await query(db.url, 'CREATE TABLE org (id int PRIMARY KEY, name text NOT NULL)');
    await query(db.url, `INSERT INTO org VALUES (1, '幸福街道党工委')`);

    const copyUrl = await createDatabase(db.url, 'tongxin_copy', { template: 'tongxin' });
    expect(new URL(copyUrl).pathname).toBe('/tongxin_copy');
    expect(await query(copyUrl, 'SELECT name FROM org')).toEqual([{ name: '幸福街道党工委' }]);

    await expect(createDatabase(db.url, 'tongxin_copy')).rejects.toThrow(/already exists/);

    // Replacing works even while someone is still connected to the old copy.
    const held = new pg.Client({ connectionString: copyUrl });
    held.on('error', () => {});
    await held.connect();
    const replaced = await createDatabase(db.url, 'tongxin_copy', { replace: true });
    await held.end().catch(() => {});
    expect(await query(replaced, `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'org'`)).toEqual([{ n: 0 }]);

    await dropDatabase(db.url, 'tongxin_copy');
    await dropDatabase(db.url, 'tongxin_copy'); // dropping a missing database is fine
    const names = await query<{ datname: string }>(db.url, 'SELECT datname FROM pg_database');
    expect(names.map((r) => r.datname)).not.toContain('tongxin_copy');
  });

  it('frees its port and deletes its folder on stop', async () => {
    const port = portOf(db.url);
    const dataDirs = await query<{ d: string }>(db.url, `SELECT current_setting('data_directory') AS d`);
    await db.stop();
    await db.stop(); // idempotent
    expect(await isPortFree(port)).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync(dataDirs[0]!.d)).toBe(false);
  });
});

describe('embedded PostgreSQL on a persistent folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    // The server runs as the "postgres" user when we are root: the mkdtemp folder itself is the data folder.
    dataDir = await mkdtemp(path.join(tmpdir(), 'tongxin-launcher-test-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps data between starts, on a fixed port', async () => {
    const port = await freePort();
    const first = await startPostgres({ dataDir, port, database: 'tongxin_persist' });
    try {
      expect(portOf(first.url)).toBe(port);
      await query(first.url, 'CREATE TABLE note (body text)');
      await query(first.url, `INSERT INTO note VALUES ('党群服务中心')`);
    } finally {
      await first.stop();
    }
    expect(await isPortFree(port)).toBe(true);

    const second = await startPostgres({ dataDir, port });
    try {
      // The default database is created on the existing cluster too; the earlier one is still there.
      expect(new URL(second.url).pathname).toBe('/tongxin');
      const persisted = second.url.replace(/\/tongxin$/, '/tongxin_persist');
      expect(await query(persisted, 'SELECT body FROM note')).toEqual([{ body: '党群服务中心' }]);
    } finally {
      await second.stop();
    }
    expect(await isPortFree(port)).toBe(true);
  });

  it('says so clearly when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startPostgres({ dataDir, port })).rejects.toThrow(new RegExp(`port ${port} is already in use`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe('embedded PostgreSQL with server settings', () => {
  it('passes them to the server, so preloaded extensions work', async () => {
    const db = await startPostgres({ settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } });
    try {
      const [setting] = await query<{ libs: string; track: string }>(
        db.url,
        `SELECT current_setting('shared_preload_libraries') AS libs, current_setting('pg_stat_statements.track') AS track`,
      );
      expect(setting).toEqual({ libs: 'pg_stat_statements', track: 'all' });
      await query(db.url, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      const rows = await query<{ calls: string }>(db.url, `SELECT coalesce(sum(calls), 0) AS calls FROM pg_stat_statements`);
      expect(Number(rows[0]!.calls)).toBeGreaterThan(0);
    } finally {
      await db.stop();
    }
  });
});

describe('DATABASE_URL', () => {
  it('is returned as is, without starting anything', async () => {
    const url = 'postgres://someone:secret@db.example:5432/tongxin';
    process.env.DATABASE_URL = url;
    try {
      const db = await startPostgres();
      expect(db).toMatchObject({ url, embedded: false });
      await db.stop();
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});
