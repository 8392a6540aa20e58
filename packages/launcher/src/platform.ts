import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { track, watchdog } from './lifecycle.js';
import { LineBuffer, sleep, within } from './lines.js';
import { freePort, isPortFree, startPostgres, type Database } from './postgres.js';

export type AppName = 'api' | 'admin' | 'events';

export interface Platform {
  /** Origin of the API, e.g. http://127.0.0.1:4000 ('' when the API was not started). */
  apiUrl: string;
  /** The GraphQL endpoint: apiUrl + '/graphql'. */
  graphqlUrl: string;
  adminUrl: string;
  eventsUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface StartPlatformOptions {
  /** Which apps to start; default all three. PostgreSQL is only started when the API is. */
  apps?: AppName[];
  /** Use this database instead of starting PostgreSQL. */
  databaseUrl?: string;
  /** Persistent PostgreSQL data folder (default: a temp folder deleted on stop). */
  dataDir?: string;
  /** Fixed ports; missing or 0 = a free port. */
  ports?: { postgres?: number; api?: number; admin?: number; events?: number };
  /** Start the API with DEMO_SEED=1 (default true). */
  seedDemo?: boolean;
  /**
   * Key sealing residents' personal data (the API's DATA_KEY). Default: DATA_KEY from the environment, else a new
   * random key for this run (right for throw-away databases only; `npm start` keeps one in .data/data-key).
   */
  dataKey?: string;
  /** Show every child's output, prefixed [api] / [admin] / [events] / [postgres]. Default: keep it for error messages only. */
  inheritOutput?: boolean;
  /** Development mode (best effort): API under `tsx watch` from its sources, admin/events under `vite dev`. Otherwise the built apps run under plain node. */
  dev?: boolean;
  /**
   * Folder of uploaded photos and recordings (the API's MEDIA_DIR). Default: MEDIA_DIR from the environment, else
   * `media` beside a persistent `dataDir`, else a temp folder deleted on stop.
   */
  mediaDir?: string;
  /** Called with every output line of every child. */
  onLine?: (app: AppName | 'postgres', line: string) => void;
  /** Called when an app exits by itself after it was ready (not during stop()). */
  onExit?: (app: AppName, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Repository root; default: found from this file's location. */
  root?: string;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 10_000;

/** The repository root (two levels above packages/launcher). */
export function repoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
}

/**
 * Start the platform: PostgreSQL (startPostgres, unless opts.databaseUrl), then the API, then the admin and events
 * sites, waiting until each answers. apps defaults to all three. Ports default to free ports (0 = pick).
 */
export async function startPlatform(opts: StartPlatformOptions = {}): Promise<Platform> {
  const root = opts.root ?? repoRoot();
  const apps = new Set<AppName>(opts.apps ?? ['api', 'admin', 'events']);
  const inherit = opts.inheritOutput ?? false;
  const dev = opts.dev ?? false;

  const running: AppProcess[] = [];
  let db: Database | undefined;
  let tempMediaDir: string | undefined;
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      for (const p of running) p.expectExit();
      await Promise.allSettled(running.filter((p) => p.name !== 'api').map((p) => p.stop()));
      await Promise.allSettled(running.filter((p) => p.name === 'api').map((p) => p.stop()));
      await db?.stop();
      if (tempMediaDir) rmSync(tempMediaDir, { recursive: true, force: true });
      untrack();
    })());
  const untrack = track({
    layer: 0,
    stop,
    killNow() {
      for (const p of running) p.killNow();
    },
  });

  try {
    // Find every command first, so a missing build fails before anything starts.
    const commands = new Map<AppName, { command: string; args: (port: number) => string[]; cwd: string }>();
    for (const app of ['api', 'admin', 'events'] as const) {
      if (apps.has(app)) commands.set(app, appCommand(root, app, dev));
    }

    const taken = new Set<number>();
    const pickPort = async (wanted: number | undefined, what: string): Promise<number> => {
      if (wanted) {
        if (taken.has(wanted) || !(await isPortFree(wanted))) {
          throw new Error(`port ${wanted} (${what}) is already in use`);
        }
        taken.add(wanted);
        return wanted;
      }
      for (;;) {
        const p = await freePort();
        if (!taken.has(p)) {
          taken.add(p);
          return p;
        }
      }
    };
    const ports = opts.ports ?? {};
    const apiPort = apps.has('api') ? await pickPort(ports.api, 'API') : ports.api || 4000;
    const adminPort = apps.has('admin') ? await pickPort(ports.admin, 'admin') : 0;
    const eventsPort = apps.has('events') ? await pickPort(ports.events, 'events') : 0;
    const apiOrigin = `http://${HOST}:${apiPort}`;

    let databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL ?? '';
    if (apps.has('api') && !opts.databaseUrl) {
      const pgLog = (line: string) => {
        // initdb and the server talk a lot; show what matters (all of it lands in error messages anyway).
        if (inherit && /WARNING|ERROR|FATAL|PANIC|ready to accept|listening on|shut down|earlier run/.test(line)) {
          process.stdout.write(`[postgres] ${line}\n`);
        }
        try {
          opts.onLine?.('postgres', line);
        } catch (err) {
          process.stderr.write(`[launcher] onLine callback failed: ${err instanceof Error ? err.message : String(err)}\n`);
        }
      };
      const started = await startPostgres({ dataDir: opts.dataDir, port: ports.postgres || undefined, log: pgLog });
      if (stopping) {
        await started.stop();
        throw new Error('the platform was stopped while starting');
      }
      db = started;
      databaseUrl = started.url;
    }

    const baseEnv = childEnv();
    const launch = (app: AppName, port: number, env: Record<string, string | undefined>) => {
      if (stopping) throw new Error('the platform was stopped while starting');
      const cmd = commands.get(app)!;
      const p = new AppProcess(app, cmd.command, cmd.args(port), cmd.cwd, { ...baseEnv, ...env }, inherit, opts);
      running.push(p);
      return p;
    };

    if (apps.has('api')) {
      const api = launch('api', apiPort, {
        DATABASE_URL: databaseUrl,
        PORT: String(apiPort),
        HOST,
        DEMO_SEED: (opts.seedDemo ?? true) ? '1' : undefined,
        // the local demo mode: the built API refuses demo data and accounts in production without it, and refuses
        // it unless listening on loopback (apps/api/src/app/demo-guard.ts)
        TONGXIN_DEMO: (opts.seedDemo ?? true) ? '1' : baseEnv.TONGXIN_DEMO,
        DATA_KEY: opts.dataKey ?? baseEnv.DATA_KEY ?? randomBytes(32).toString('base64'),
        MEDIA_DIR:
          opts.mediaDir ??
          baseEnv.MEDIA_DIR ??
          (opts.dataDir ? path.join(path.dirname(opts.dataDir), 'media') : (tempMediaDir = mkdtempSync(path.join(tmpdir(), 'tongxin-media-')))),
        // the built API runs as in production (graphql-js without its development checks, no landing page)
        NODE_ENV: baseEnv.NODE_ENV ?? (dev ? 'development' : 'production'),
      });
      await api.waitReady(`${apiOrigin}/healthz`, (status) => status === 200);
    }

    const sites: Promise<void>[] = [];
    for (const [app, port] of [['admin', adminPort], ['events', eventsPort]] as const) {
      if (!apps.has(app)) continue;
      const origin = `http://${HOST}:${port}`;
      // the admin site takes spreadsheet uploads (member import): room for a 10,000-row workbook
      const p = launch(app, port, { PORT: String(port), HOST, ORIGIN: origin, API_URL: `${apiOrigin}/graphql`, ...(app === 'admin' ? { BODY_SIZE_LIMIT: baseEnv.BODY_SIZE_LIMIT ?? '20M' } : {}) });
      sites.push(p.waitReady(`${origin}/`, (status) => status < 500));
    }
    const results = await Promise.allSettled(sites);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    return {
      apiUrl: apps.has('api') ? apiOrigin : '',
      graphqlUrl: apps.has('api') ? `${apiOrigin}/graphql` : '',
      adminUrl: apps.has('admin') ? `http://${HOST}:${adminPort}` : '',
      eventsUrl: apps.has('events') ? `http://${HOST}:${eventsPort}` : '',
      databaseUrl,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------

function appCommand(root: string, app: AppName, dev: boolean) {
  const cwd = path.join(root, 'apps', app);
  const rel = (p: string) => path.relative(root, p) || '.';
  if (!existsSync(path.join(cwd, 'package.json'))) {
    throw new Error(`${rel(cwd)} not found (repository root ${root})`);
  }
  const node = process.execPath;
  if (app === 'api') {
    if (dev) {
      if (!existsSync(path.join(cwd, 'src/main.ts'))) throw new Error(`${rel(path.join(cwd, 'src/main.ts'))} not found`);
      const tsx = packageBin(cwd, 'tsx', 'tsx');
      // The "source" condition makes workspace packages resolve to their TypeScript sources, as in the editor.
      return { command: node, args: () => [tsx, 'watch', '--clear-screen=false', '--conditions=source', 'src/main.ts'], cwd };
    }
    const main = path.join(cwd, 'dist/main.js');
    if (!existsSync(main)) throw new Error(`${rel(main)} is missing: run npm run build first`);
    return { command: node, args: () => ['dist/main.js'], cwd };
  }
  if (dev) {
    const vite = packageBin(cwd, 'vite', 'vite');
    return { command: node, args: (port: number) => [vite, 'dev', '--port', String(port), '--strictPort', '--host', HOST], cwd };
  }
  const entry = path.join(cwd, 'build/index.js');
  if (!existsSync(entry)) {
    throw new Error(`${rel(entry)} is missing: run npm run build first`);
  }
  return { command: node, args: () => ['build/index.js'], cwd };
}

/** The JS file behind a package's bin, run with `node` directly so that we signal the real process. */
function packageBin(fromDir: string, pkg: string, bin: string): string {
  const require = createRequire(path.join(fromDir, 'package.json'));
  let pkgJson: string;
  try {
    pkgJson = require.resolve(`${pkg}/package.json`);
  } catch {
    throw new Error(`${pkg} is not installed (needed by ${fromDir}): run npm install`);
  }
  const meta = JSON.parse(readFileSync(pkgJson, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof meta.bin === 'string' ? meta.bin : meta.bin?.[bin];
  if (!rel) throw new Error(`${pkg} has no "${bin}" command`);
  return path.join(path.dirname(pkgJson), rel);
}

/** The launcher's environment, minus what only makes sense to the test runner that may be running us. */
function childEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key === 'VITEST' || key.startsWith('VITEST_')) delete env[key];
  }
  return env;
}

class AppProcess {
  readonly child: ChildProcess;
  readonly output: LineBuffer;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private expected = false;
  private ready = false;

  constructor(
    readonly name: AppName,
    command: string,
    args: string[],
    cwd: string,
    env: Record<string, string | undefined>,
    inherit: boolean,
    private readonly opts: StartPlatformOptions,
  ) {
    const prefix = `[${name}] `;
    this.output = new LineBuffer(200);
    // Own process group: a terminal Ctrl-C reaches the launcher only, which then stops the apps in order;
    // signalling the group also reaches grandchildren (tsx watch, vite).
    this.child = spawn(command, args, { cwd, env: stripUndefined(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (this.child.pid) watchdog(this.child.pid, { signal: 'TERM', group: true });
    for (const [stream, out] of [
      [this.child.stdout, process.stdout],
      [this.child.stderr, process.stderr],
    ] as const) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.output.add(line);
        if (inherit) out.write(prefix + readableLogLine(line) + '\n');
        try {
          opts.onLine?.(name, line);
        } catch (err) {
          process.stderr.write(`[launcher] onLine callback failed: ${err instanceof Error ? err.message : String(err)}\n`);
        }
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.once('error', (err) => {
        this.output.add(`[launcher] could not start ${command}: ${err.message}`);
        resolve({ code: null, signal: null });
      });
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    void this.exited.then(({ code, signal }) => {
      if (this.expected || !this.ready) return;
      if (inherit) process.stderr.write(`[launcher] ${name} exited unexpectedly (${describeExit(code, signal)})\n`);
      this.opts.onExit?.(name, code, signal);
    });
  }

  isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined;
  }

  expectExit(): void {
    this.expected = true;
  }

  async waitReady(url: string, accept: (status: number) => boolean): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    void this.exited.then((e) => (exit = e));
    let lastError = '';
    while (Date.now() < deadline) {
      if (exit) {
        await sleep(50); // let the last output lines arrive
        throw new Error(
          `${this.name} exited before it was ready (${describeExit(exit.code, exit.signal)}). Last output:\n${this.output.tail(40)}`,
        );
      }
      try {
        const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
        await res.body?.cancel().catch(() => {});
        if (accept(res.status)) {
          this.ready = true;
          return;
        }
        lastError = `HTTP ${res.status}`;
      } catch (err) {
        lastError = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      }
      await within(this.exited, 200);
    }
    throw new Error(
      `${this.name} did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s (last: ${lastError}). Last output:\n${this.output.tail(40)}`,
    );
  }

  private signal(sig: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        this.child.kill(sig);
      } catch {
        // gone
      }
    }
  }

  async stop(): Promise<void> {
    this.expected = true;
    if (this.child.pid === undefined) return;
    this.signal('SIGTERM');
    const done = await within(this.exited, KILL_AFTER_MS);
    if (!done) {
      this.signal('SIGKILL');
      await this.exited;
    } else {
      // The leader is gone; make sure nothing it started lingers in its group.
      await sleep(50);
      this.signal('SIGKILL');
    }
  }

  killNow(): void {
    this.expected = true;
    this.signal('SIGTERM');
  }
}

function stripUndefined(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Structured JSON log lines (pino) read as one short line in a terminal: time, level, message, fields. */
export function readableLogLine(line: string): string {
  if (!line.startsWith('{"level"')) return line;
  try {
    const { level, time, msg, service: _service, pid: _pid, hostname: _hostname, err, ...fields } = JSON.parse(line) as Record<string, unknown>;
    const clock = new Date(Number(time)).toTimeString().slice(0, 8);
    const extra = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
    const error = err && typeof err === 'object' ? ` — ${(err as { message?: string }).message ?? ''}` : '';
    return [clock, LEVEL_NAMES[Number(level)] ?? String(level), String(msg ?? ''), ...extra].join(' ') + error;
  } catch {
    return line;
  }
}
