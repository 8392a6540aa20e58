import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * An online base backup of a RUNNING PostgreSQL cluster, with PostgreSQL's low-level backup API
 * ("Making a Base Backup Using the Low Level API" in the PostgreSQL manual):
 *
 *   1. `pg_backup_start(label, fast => true)` on one session, which stays open until step 3;
 *   2. copy the data directory while the server keeps running and writing (a file copied mid-write is torn:
 *      full-page writes in the WAL from the backup's start point repair it on the replica);
 *   3. `pg_backup_stop(wait_for_archive => false)`, whose `labelfile` becomes the copy's `backup_label`.
 *
 * Tablespaces outside the data directory are not copied (the test clusters have none): the backup refuses them
 * rather than give a replica links into the primary's files.
 *
 * Why not pg_basebackup: the embedded PostgreSQL 18 binaries the API's tests run ship only initdb, pg_ctl and
 * postgres, and a system pg_basebackup of an older major version refuses a newer server. The low-level API needs
 * nothing but SQL and a file copy.
 *
 * There is no WAL archive: the replica streams the WAL from the backup's start point from the primary, which
 * keeps it because a physical replication slot (created by the caller before the backup, with
 * `immediately_reserve`) holds it.
 */
export async function onlineBaseBackup(session: pg.Client, dataDir: string, targetDir: string, label = 'replica'): Promise<{ startLsn: string; stopLsn: string }> {
  const { rows: [start] } = await session.query<{ lsn: string }>(`select pg_backup_start($1, fast => true) as lsn`, [label]);
  let stopped = false;
  try {
    await mkdir(targetDir, { mode: 0o700 });
    await copyTree(dataDir, targetDir, '');
    const { rows: [stop] } = await session.query<{ lsn: string; labelfile: string }>(
      `select lsn::text, labelfile from pg_backup_stop(wait_for_archive => false)`);
    stopped = true;
    await writeFile(path.join(targetDir, 'backup_label'), stop.labelfile, { mode: 0o600 });
    return { startLsn: start.lsn, stopLsn: stop.lsn };
  } finally {
    if (!stopped) await session.query(`select pg_backup_stop(wait_for_archive => false)`).catch(() => {});
  }
}

/** Files the manual says to leave out of a base backup (the server recreates them, or they belong to the running server). */
const SKIP_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'backup_manifest', 'current_logfiles', 'postgresql.auto.conf.tmp']);
/** Directories copied empty: their contents are the running server's (WAL comes by streaming; slots are the primary's). */
const EMPTY_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

function skipped(name: string): boolean {
  return SKIP_FILES.has(name) || name.startsWith('pg_internal.init') || name.startsWith('pgsql_tmp');
}

async function copyTree(from: string, to: string, relative: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(path.join(from, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // removed by the server while copying
    throw error;
  }
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const rel = path.join(relative, entry.name);
    const target = path.join(to, rel);
    try {
      if (entry.isDirectory()) {
        await mkdir(target, { mode: 0o700 });
        if (relative === '' && EMPTY_DIRS.has(entry.name)) {
          // the WAL directory keeps its fixed subdirectories
          if (entry.name === 'pg_wal') for (const sub of ['archive_status', 'summaries']) await mkdir(path.join(target, sub), { mode: 0o700 });
          continue;
        }
        await copyTree(from, to, rel);
      } else if (entry.isSymbolicLink()) {
        throw new Error(`base backup: ${rel} is a tablespace outside the data directory, which this backup does not copy`);
      } else if (entry.isFile()) {
        await copyFile(path.join(from, rel), target);
      }
    } catch (error) {
      // a file the server dropped between listing and copying (a dropped relation, a rotated temporary file)
      // is not needed: replaying the WAL from the backup's start drops it too
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
