/**
 * `npm run bench`: the API's read path against a plain hand-written-SQL server on the same database.
 *
 * 1. builds the API (and the events site) for production;
 * 2. starts PostgreSQL (embedded with pg_stat_statements, or DATABASE_URL), the API (which migrates and loads
 *    the demo data into the bench database), plain-sql-server.ts and the events site, each as its own process;
 * 3. per shape, after a warm-up that is not counted, drives the API and its baseline in turn from a forked
 *    load generator (load.ts), never from a server's process;
 * 4. prints a Markdown table, writes bench/results.json and the table in docs/performance.md.
 *
 * Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_WARMUP_SECONDS (3), BENCH_SKIP_BUILD=1 (use what is
 * built), DATABASE_URL (use that server; a database tongxin_bench is created on it if missing),
 * BENCH_COUNT_IN_PROCESS=1 (count statements inside the servers even where pg_stat_statements works).
 *
 * `npm run bench -- --dataset N`: the same on a generated city of N communities (src/db/dataset) instead of the
 * demo data, plus the shapes that must stay flat as the city grows (h-l). The data set is generated once into
 * `.data/bench-dataset-N` (or database tongxin_dataset_N on DATABASE_URL) and reused by later runs. Writes
 * bench/results-dataset-N.json and the side-by-side table of every results-dataset-*.json in docs/performance.md.
 */
import { randomBytes } from 'node:crypto';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, freePort, startPostgres, urlWithDatabase, type Database } from '@tongxin/launcher';
import type { LoadJob, LoadResult } from './load.js';
import { ACTIVITIES_QUERY, ACTIVITY_QUERY, MEMBERS_QUERY, SUBTREE_QUERY, TYPENAME_QUERY, fingerprint } from './shapes.js';
import { COMMITTEE_STATS_QUERY, COMMUNITY_ACTIVITIES_QUERY, COVERAGE_QUERY, DEMANDS_BY_STATE_QUERY, MEMBER_CHAIN_QUERY, datasetArg, globalIdOf } from './dataset-shapes.js';
import { loadDataset } from '../src/db/dataset/cli.js';
import { migrate, openOrm } from '../src/db/orm.js';
import { runRetention } from '../src/modules/retention/retention.js';
import { escalateOverdue } from '../src/modules/demand/demand.escalation.js';

const DATASET = datasetArg(process.argv.slice(2));
const DATASET_SEED = 1;
const here = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(here, '..');
const root = path.resolve(apiDir, '../..');
const eventsDir = path.join(root, 'apps/events');
const resultsFile = path.join(here, DATASET ? `results-dataset-${DATASET}.json` : 'results.json');
const docFile = path.join(root, 'docs/performance.md');
const hooks = path.join(here, 'child-hooks.mjs');

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

const SECONDS = intEnv('BENCH_SECONDS', 10, 1, 600);
const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 10, 1, 1000);
const WARMUP_SECONDS = intEnv('BENCH_WARMUP_SECONDS', 3, 0, 120);
const SKIP_BUILD = process.env.BENCH_SKIP_BUILD === '1';
const SAMPLE_REQUESTS = 20;
const BENCH_DATABASE = DATASET ? `tongxin_dataset_${DATASET}` : 'tongxin_bench';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 10_000;
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const loud = (line: string) => process.stderr.write(`\n[bench] !!!!!!!! ${line}\n\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- processes -----------------------------------------------------------------------------------------

interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: boolean;
}

const procs = new Set<Proc>();
let loadGen: ChildProcess | undefined;
let database: Database | undefined;

function startProc(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ['--import', pathToHref(hooks), ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const proc: Proc = { name, child, output: [], exited: false };
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      proc.output.push(line);
      if (proc.output.length > 60) proc.output.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', () => {
    proc.exited = true;
  });
  child.on('error', (err) => {
    proc.exited = true;
    proc.output.push(`spawn failed: ${err.message}`);
  });
  procs.add(proc);
  return proc;
}

function pathToHref(file: string): string {
  return new URL(`file://${file}`).href;
}

function tail(proc: Proc, lines = 20): string {
  return proc.output.slice(-lines).map((l) => `    ${proc.name}| ${l}`).join('\n');
}

async function stopProc(proc: Proc): Promise<void> {
  if (proc.exited || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  proc.child.kill('SIGTERM');
  const stopped = await Promise.race([gone.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!stopped) {
    say(`${proc.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
    proc.child.kill('SIGKILL');
    await Promise.race([gone, sleep(2000)]);
  }
}

let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    if (loadGen && loadGen.exitCode === null) loadGen.kill('SIGTERM');
    // the apps first (events before the API it calls), then the database
    const order = ['events', 'api', 'plain-sql'];
    const sorted = [...procs].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    for (const proc of sorted) await stopProc(proc);
    await database?.stop().catch((err: unknown) => say(`stopping PostgreSQL failed: ${String(err)}`));
  })();
  return cleaning;
}

let interrupted = false;
function onSignal(signal: NodeJS.Signals, code: number): void {
  if (interrupted) return;
  interrupted = true;
  say(`${signal}: stopping everything`);
  void cleanup().finally(() => process.exit(code));
}
process.on('SIGINT', () => onSignal('SIGINT', 130));
process.on('SIGTERM', () => onSignal('SIGTERM', 143));
process.on('exit', () => {
  // last resort (e.g. an exception during cleanup): leave nothing running
  for (const proc of procs) if (!proc.exited) proc.child.kill('SIGKILL');
  if (loadGen && loadGen.exitCode === null) loadGen.kill('SIGKILL');
});

// ---- /proc figures -------------------------------------------------------------------------------------

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15 (all threads of the process)
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

// ---- HTTP ----------------------------------------------------------------------------------------------

interface Request {
  /** which process answers */
  server: Proc;
  /** whose SQL statements the request causes (the API for the events page) */
  sql: Proc;
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: 'json' | 'html';
}

async function send(req: Request): Promise<{ status: number; text: string }> {
  const res = await fetch(`${req.origin}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  return { status: res.status, text: await res.text() };
}

function graphql(server: Proc, origin: string, query: string, variables: Record<string, unknown> = {}, token?: string): Request {
  return {
    server,
    sql: server,
    origin,
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    expect: 'json',
  };
}

async function gqlData(req: Request): Promise<any> {
  const { status, text } = await send(req);
  const json = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (status !== 200 || json.errors?.length) throw new Error(`${req.body}\n  -> HTTP ${status}: ${text.slice(0, 500)}`);
  return json.data;
}

async function waitReady(proc: Proc, probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (proc.exited) throw new Error(`${what} exited before it was ready:\n${tail(proc)}`);
    if (await probe().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} not ready after ${READY_TIMEOUT_MS / 1000} s:\n${tail(proc)}`);
}

// ---- statement counting --------------------------------------------------------------------------------

/** Counts the statements sent on behalf of one server process (the API, or the plain SQL server). */
type Counter = { kind: 'pg_stat_statements' | 'process'; read(server: Proc): Promise<number>; reset(): Promise<void> };

/** pg_stat_statements per database role: the plain server signs in as a role of its own, so its statements are told apart. */
async function pgStatStatementsCounter(client: pg.Client, roleOf: (server: Proc) => string): Promise<Counter | undefined> {
  if (process.env.BENCH_COUNT_IN_PROCESS === '1') {
    say('BENCH_COUNT_IN_PROCESS=1: counting statements in the server processes, not with pg_stat_statements');
    return undefined;
  }
  try {
    await client.query('create extension if not exists pg_stat_statements');
    await client.query('select pg_stat_statements_reset()');
    await client.query('select count(*) from pg_stat_statements');
  } catch (err) {
    loud(`pg_stat_statements is not usable on this server (${(err as Error).message}): counting statements in the API process instead`);
    return undefined;
  }
  return {
    kind: 'pg_stat_statements',
    reset: async () => {
      await client.query('select pg_stat_statements_reset()');
    },
    read: async (server) => {
      const res = await client.query<{ calls: string }>(
        `select coalesce(sum(calls), 0) as calls from pg_stat_statements
         where dbid = (select oid from pg_database where datname = current_database())
           and userid = (select oid from pg_roles where rolname = $1)
           and query not ilike '%pg_stat_statements%'`,
        [roleOf(server)],
      );
      return Number(res.rows[0]!.calls);
    },
  };
}

/** Statements counted inside the server process itself (child-hooks.mjs), where pg_stat_statements is missing. */
function processCounter(): Counter {
  const ask = (proc: Proc) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${proc.name} did not report its statement count`)), 5000);
      const onMessage = (m: { type?: string; count?: number }) => {
        if (m?.type !== 'tongxin-bench:statements') return;
        clearTimeout(timer);
        proc.child.off('message', onMessage);
        resolve(Number(m.count));
      };
      proc.child.on('message', onMessage);
      proc.child.send({ type: 'tongxin-bench:statements' });
    });
  return {
    kind: 'process',
    reset: async () => {},
    read: (server) => ask(server),
  };
}

// ---- load ----------------------------------------------------------------------------------------------

function startLoadGenerator(): ChildProcess {
  const child = fork(path.join(here, 'load.ts'), [], { cwd: apiDir, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('exit', (code, signal) => {
    if (!cleaning) say(`load generator exited (${signal ?? code})`);
  });
  return child;
}

function drive(req: Request, seconds: number): Promise<LoadResult> {
  const child = loadGen;
  if (!child || child.exitCode !== null) return Promise.reject(new Error('the load generator is not running'));
  const job: LoadJob = {
    type: 'load', origin: req.origin, method: req.method, path: req.path, headers: req.headers,
    ...(req.body !== undefined ? { body: req.body } : {}), seconds, connections: CONNECTIONS, expect: req.expect,
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`load run did not finish within ${seconds + 60} s`)), (seconds + 60) * 1000);
    const onMessage = (m: LoadResult | { type: 'failed'; message: string }) => {
      if (m.type === 'result') finish(undefined, m);
      else if (m.type === 'failed') finish(new Error(`load generator: ${m.message}`));
    };
    const onExit = () => finish(new Error('the load generator exited during a run'));
    function finish(err?: Error, result?: LoadResult) {
      clearTimeout(timer);
      child!.off('message', onMessage);
      child!.off('exit', onExit);
      if (err) reject(err);
      else resolve(result!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(job);
  });
}

interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  requests: number;
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  rssMb: number;
  failures: number;
  failureSamples: string[];
}

let counter: Counter;

/** Warm up, count statements over SAMPLE_REQUESTS sequential requests (checking each), then the timed run. */
async function measure(label: string, req: Request): Promise<{ measured: Measured; sampleBody: string }> {
  const pid = req.server.child.pid!;
  if (WARMUP_SECONDS > 0) {
    await drive(req, WARMUP_SECONDS);
    await settle(pid, req.sql.child.pid!);
  }

  const failureSamples: string[] = [];
  let sampleFailures = 0;
  let sampleBody = '';
  await counter.reset();
  const before = await counter.read(req.sql);
  for (let i = 0; i < SAMPLE_REQUESTS; i++) {
    const { status, text } = await send(req);
    const failed = status !== 200 || (req.expect === 'json' && text.includes('"errors"'));
    if (failed) {
      sampleFailures++;
      if (failureSamples.length < 3) failureSamples.push(`HTTP ${status}: ${text.slice(0, 300)}`);
    }
    if (i === 0) sampleBody = text;
  }
  await sleep(50); // pg_stat_statements records a statement as it completes
  const statements = (await counter.read(req.sql)) - before;
  await settle(pid, req.sql.child.pid!);

  const cpuBefore = cpuMs(pid);
  const result = await drive(req, SECONDS);
  const cpuAfter = cpuMs(pid);
  const failures = sampleFailures + result.non2xx + result.errors + result.timeouts + result.bodyErrors;
  failureSamples.push(...result.samples);
  const measured: Measured = {
    reqPerSec: round(result.reqPerSec, 1),
    p50: result.p50,
    p99: result.p99,
    requests: result.requests,
    cpuMsPerRequest: round(result.requests ? (cpuAfter - cpuBefore) / result.requests : 0, 2),
    statementsPerRequest: round(statements / SAMPLE_REQUESTS, 2),
    rssMb: round(rssMb(pid), 0),
    failures,
    failureSamples: failureSamples.slice(0, 3),
  };
  say(
    `${label.padEnd(44)} ${measured.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${measured.p50} ms  p99 ${measured.p99} ms  ` +
      `CPU ${measured.cpuMsPerRequest} ms/req  SQL ${measured.statementsPerRequest}/req  RSS ${measured.rssMb} MB` +
      (failures ? `  FAILURES ${failures}` : ''),
  );
  if (failures) loud(`${label}: ${failures} failed responses, e.g.\n${measured.failureSamples.join('\n')}`);
  return { measured, sampleBody };
}

/** Wait (0.5 to 5 s) until the servers have finished what earlier requests left in flight: two quiet 100 ms spells in a row. */
async function settle(...pids: number[]): Promise<void> {
  const total = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  await sleep(400);
  let last = total();
  let quiet = 0;
  for (let i = 0; i < 46 && quiet < 2; i++) {
    await sleep(100);
    const now = total();
    quiet = now - last <= 1000 / CLK_TCK ? quiet + 1 : 0; // at most one clock tick in 100 ms: idle
    last = now;
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---- data checks ---------------------------------------------------------------------------------------

function nodesIn(body: string): number {
  return (body.match(/"level"\s*:/g) ?? []).length;
}

// ---- builds --------------------------------------------------------------------------------------------

function turboBuild(pkg: string): boolean {
  const turbo = path.join(root, 'node_modules/.bin/turbo');
  say(`building ${pkg} for production (turbo run build --filter=${pkg})`);
  const res = spawnSync(turbo, ['run', 'build', `--filter=${pkg}`, '--output-logs=errors-only', '--log-prefix=none'], {
    cwd: root,
    stdio: ['ignore', process.stderr, 'inherit'], // stdout is for the table
    env: process.env,
  });
  return res.status === 0;
}

// ---- shapes --------------------------------------------------------------------------------------------


/** The events list page's own operation, read from its source so that it cannot drift from what the page sends. */
function eventsPageQuery(): string | undefined {
  const documents = [path.join(eventsDir, 'src/routes/+page.server.ts'), path.join(eventsDir, 'src/lib/components/activity-card.ts')]
    .filter(existsSync)
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((m) => m[1]!.trim()));
  const operation = documents.find((d) => /^query ActivityList\b/.test(d));
  if (!operation) return undefined;
  const fragments = new Map(documents.flatMap((d) => [...d.matchAll(/fragment (\w+) on/g)].map((m) => [m[1]!, d] as const)));
  const needed = new Set<string>();
  const visit = (doc: string) => {
    for (const m of doc.matchAll(/\.\.\.(\w+)/g)) {
      if (needed.has(m[1]!)) continue;
      const fragment = fragments.get(m[1]!);
      if (!fragment) throw new Error(`fragment ${m[1]} of the events page not found`);
      needed.add(m[1]!);
      visit(fragment);
    }
  };
  visit(operation);
  return [operation, ...[...needed].map((n) => fragments.get(n)!)].join('\n');
}

interface Pair {
  key: string;
  title: string;
  subject: { label: string; req: Request };
  /** none for the shapes that only the API answers (dataset mode h-l) */
  baseline?: { label: string; req: Request; kind: 'plain SQL' | 'API' };
  /** checked after the run */
  goal?: { ratio: number; text: string };
  /** compare the data of both responses (shapes.ts fingerprint) */
  sameData: boolean;
}

interface Row {
  key: string;
  title: string;
  subject: Measured;
  baseline: Measured & { kind: string };
  ratio: number;
  goal?: string;
  goalMet?: boolean;
  nodes?: number;
  dataCheck: 'same' | 'differs' | 'n/a';
  notes: string[];
}

// ---- main ----------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = Date.now();
  say(`${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per run, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // 1. builds
  if (!SKIP_BUILD && !turboBuild('@tongxin/api')) throw new Error('the API build failed');
  const dist = path.join(apiDir, 'dist/main.js');
  const apiEntry = existsSync(dist) ? [dist] : ['--import', 'tsx', path.join(apiDir, 'src/main.ts')];
  const apiMode = existsSync(dist) ? 'dist' : 'tsx';
  if (apiMode === 'dist') say(`API: production build, node ${path.relative(root, dist)}`);
  else loud(`API: no production build at ${path.relative(root, dist)}: running the TypeScript sources through tsx (node --import tsx src/main.ts)`);

  let eventsSkip: string | undefined;
  const eventsEntry = path.join(eventsDir, 'build/index.js');
  if (!SKIP_BUILD && !turboBuild('@tongxin/events')) eventsSkip = 'the events build failed';
  if (!existsSync(eventsEntry)) eventsSkip ??= `${path.relative(root, eventsEntry)} is missing`;
  const pageQuery = eventsPageQuery();
  if (!pageQuery) eventsSkip ??= 'the events page query was not found in apps/events/src/routes/+page.server.ts';
  if (eventsSkip) loud(`SKIPPING the events page shape (g): ${eventsSkip}`);

  // 2. PostgreSQL and the bench database
  database = await startPostgres({
    database: BENCH_DATABASE,
    ...(DATASET ? { dataDir: path.join(root, `.data/bench-dataset-${DATASET}`) } : {}),
    settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top', 'pg_stat_statements.track_utility': 'on', ...(DATASET ? { max_wal_size: '4GB' } : {}) },
  });
  let url = database.url;
  if (!database.embedded) url = await ensureDatabase(url, BENCH_DATABASE);
  say(`PostgreSQL: ${database.embedded ? 'embedded' : 'external (DATABASE_URL)'}, database ${BENCH_DATABASE}`);
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => {});
  await admin.connect();
  if (DATASET) {
    // the last community's admin account is written in the last transaction: its presence means a complete load
    const done = await admin.query(`select 1 from pg_tables where tablename = 'account'`).then((r) => r.rowCount
      ? admin.query(`select 1 from account where username = $1`, [`ds${DATASET_SEED}-c${DATASET}-admin`]).then((a) => (a.rowCount ?? 0) > 0) : false);
    if (done) say(`data set of ${DATASET} communities already in ${BENCH_DATABASE}: reusing it`);
    else {
      say(`generating the data set: ${DATASET} communities (once; later runs reuse it)`);
      const summary = await loadDataset(url, DATASET, DATASET_SEED, say);
      say(`data set generated in ${summary.seconds.toFixed(0)} s`);
    }
    await catchUp(url);
  }
  const apiRole = new URL(url).username;
  let plainUrl = url;
  let plainRole = apiRole;
  try {
    plainUrl = await plainSqlRole(admin, url);
    plainRole = PLAIN_ROLE;
  } catch (err) {
    say(`the plain SQL server shares the API's database role (${(err as Error).message}): its statement counts may include the API's background work`);
  }
  const pgss = await pgStatStatementsCounter(admin, (server) => (server.name === 'plain-sql' ? plainRole : apiRole));

  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  for (const name of ['DATABASE_URL', 'PORT', 'HOST', 'API_URL', 'ORIGIN', 'DEMO_SEED', 'LOG_LEVEL']) delete baseEnv[name];
  // A key of this run's own: production refuses the development key that gen:dataset seals a data set under. No shape
  // opens a sealed value (phones, ID numbers, care notes), so they answer the same; with DATA_KEY given, that key.
  baseEnv.DATA_KEY ??= randomBytes(32).toString('base64');

  // 3. the servers
  const apiPort = await freePort();
  const api = startProc('api', apiEntry, apiDir, {
    ...baseEnv, DATABASE_URL: url, PORT: String(apiPort), HOST, LOG_LEVEL: 'warn', DEMO_SEED: DATASET ? '0' : '1', TONGXIN_DEMO: '1',
    TONGXIN_BENCH_COUNT_STATEMENTS: pgss ? '0' : '1',
  });
  const apiOrigin = `http://${HOST}:${apiPort}`;
  await waitReady(api, async () => (await send(graphql(api, apiOrigin, TYPENAME_QUERY))).status === 200, 'the API');
  say(`API ready on ${apiOrigin} (pid ${api.child.pid}; migrated${DATASET ? '' : ' and seeded'})`);

  const plainPort = await freePort();
  if (plainRole === PLAIN_ROLE) await admin.query(`grant select on all tables in schema public to ${PLAIN_ROLE}`);
  const plain = startProc('plain-sql', ['--import', 'tsx', path.join(here, 'plain-sql-server.ts')], apiDir, {
    ...baseEnv, DATABASE_URL: plainUrl, PORT: String(plainPort), HOST, TONGXIN_BENCH_COUNT_STATEMENTS: pgss ? '0' : '1',
  });
  const plainOrigin = `http://${HOST}:${plainPort}`;
  await waitReady(plain, async () => (await fetch(`${plainOrigin}/typename`)).status === 200, 'the plain SQL server');
  say(`plain SQL server ready on ${plainOrigin} (pid ${plain.child.pid})`);

  let events: Proc | undefined;
  let eventsOrigin = '';
  if (!eventsSkip) {
    const eventsPort = await freePort();
    eventsOrigin = `http://${HOST}:${eventsPort}`;
    events = startProc('events', [eventsEntry], eventsDir, {
      ...baseEnv, PORT: String(eventsPort), HOST, ORIGIN: eventsOrigin, API_URL: `${apiOrigin}/graphql`,
    });
    try {
      await waitReady(events, async () => (await fetch(`${eventsOrigin}/`)).status === 200, 'the events site');
      say(`events site ready on ${eventsOrigin} (pid ${events.child.pid})`);
    } catch (err) {
      eventsSkip = `the events site did not start: ${(err as Error).message}`;
      loud(`SKIPPING the events page shape (g): ${eventsSkip}`);
      await stopProc(events);
      events = undefined;
    }
  }

  counter = pgss ?? processCounter();
  say(`SQL statements counted with ${counter.kind === 'pg_stat_statements' ? 'pg_stat_statements' : 'a counter in each server process'}`);

  // 4. ids from the demo data, through the API and in the database
  const signIn = async (username: string) =>
    (await gqlData(graphql(api, apiOrigin, `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token userErrors { message } } }`,
      { input: { username, password: 'tongxin-demo' } }))).sessionCreate.token as string;
  const plainGet = (p: string): Request => ({ server: plain, sql: plain, origin: plainOrigin, method: 'GET', path: p, headers: {}, expect: 'json' });
  const pairs: Pair[] = DATASET
    ? await datasetPairs()
    : await demoPairs();

  async function datasetPairs(): Promise<Pair[]> {
    const tag = `ds${DATASET_SEED}-c1`;
    const token = await signIn(`${tag}-admin`);
    const branchToken = await signIn(`${tag}-b1`);
    if (!token || !branchToken) throw new Error(`sign-in of the generated staff failed (${tag}-admin / ${tag}-b1)`);
    const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
      const row = (await admin.query<T>(text, values)).rows[0];
      if (!row) throw new Error(`the data set lacks what the bench needs: ${text}`);
      return row;
    };
    const community = await one<{ id: number }>(`select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = $1`, [`${tag}-admin`]);
    const branch = await one<{ id: number }>(`select g.org_node_id as id from access_grant g join account a on a.id = g.account_id where a.username = $1`, [`${tag}-b1`]);
    const member = await one<{ id: number }>(`select id from party_member where org_node_id = $1 order by id offset 5 limit 1`, [branch.id]);
    const activityRow = await one<{ id: number }>(`select id from activity where audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED') and ends_at > now() order by starts_at, id limit 1`);
    const communityGid = globalIdOf('PartyCommittee', community.id);
    const branchGid = globalIdOf('Branch', branch.id);
    const year = new Date().getUTCFullYear();
    const list: Pair[] = [
      {
        key: 'a', title: 'community subtree, 4 levels (1,251 nodes), staff',
        subject: { label: 'a. API community subtree (staff)', req: graphql(api, apiOrigin, SUBTREE_QUERY, { id: communityGid }, token) },
        baseline: { label: 'a. plain SQL community subtree', req: plainGet(`/subtree/${community.id}`), kind: 'plain SQL' }, sameData: true,
      },
      {
        key: 'b', title: 'branch subtree, 3 levels (25 nodes), staff',
        subject: { label: 'b. API branch subtree (staff)', req: graphql(api, apiOrigin, SUBTREE_QUERY, { id: branchGid }, token) },
        baseline: { label: 'b. plain SQL branch subtree', req: plainGet(`/subtree/${branch.id}`), kind: 'plain SQL' }, sameData: true,
      },
      {
        key: 'c', title: 'branch + first 50 members with their branch, staff',
        subject: { label: 'c. API branch members (staff)', req: graphql(api, apiOrigin, MEMBERS_QUERY, { id: branchGid }, token) },
        baseline: { label: 'c. plain SQL branch members', req: plainGet(`/members/${branch.id}`), kind: 'plain SQL' }, sameData: true,
      },
      {
        key: 'd', title: 'upcoming public activities of the whole city, first 20 and total, anonymous',
        subject: { label: 'd. API public activities (anonymous)', req: graphql(api, apiOrigin, ACTIVITIES_QUERY) },
        baseline: { label: 'd. plain SQL public activities', req: plainGet('/activities'), kind: 'plain SQL' }, sameData: true,
      },
      {
        key: 'e', title: 'node(id) of one activity, anonymous',
        subject: { label: 'e. API node(id) activity (anonymous)', req: graphql(api, apiOrigin, ACTIVITY_QUERY, { id: globalIdOf('Activity', activityRow.id) }) },
        baseline: { label: 'e. plain SQL one activity', req: plainGet(`/activity/${activityRow.id}`), kind: 'plain SQL' }, sameData: true,
      },
      { key: 'f2', title: '{ __typename }, staff', subject: { label: 'f. API { __typename } (staff)', req: graphql(api, apiOrigin, TYPENAME_QUERY, {}, token) }, sameData: false },
      {
        key: 'h', title: 'a member up the chain (branch, its ancestors), branch secretary',
        subject: { label: 'h. API member up the chain (staff)', req: graphql(api, apiOrigin, MEMBER_CHAIN_QUERY, { id: globalIdOf('PartyMember', member.id) }, branchToken) }, sameData: false,
      },
      {
        key: 'i', title: "demands of a community's subtree in progress, first 50, with counts per state, staff",
        subject: { label: 'i. API demands by state + counts (staff)', req: graphql(api, apiOrigin, DEMANDS_BY_STATE_QUERY, { id: communityGid }, token) }, sameData: false,
      },
      {
        key: 'j', title: "a committee's stats and this year's demand metrics by month, staff",
        subject: { label: 'j. API committee stats + metrics (staff)', req: graphql(api, apiOrigin, COMMITTEE_STATS_QUERY, { id: communityGid, from: `${year}-01-01`, to: `${year}-12-31` }, token) }, sameData: false,
      },
      {
        key: 'k', title: "one community's public activity list, first 20 and total, anonymous",
        subject: { label: 'k. API community activities (anonymous)', req: graphql(api, apiOrigin, COMMUNITY_ACTIVITIES_QUERY, { communityId: communityGid }) }, sameData: false,
      },
      {
        key: 'l', title: "a branch's 联户 coverage report, staff",
        subject: { label: 'l. API branch coverage (staff)', req: graphql(api, apiOrigin, COVERAGE_QUERY, { id: branchGid }, token) }, sameData: false,
      },
    ];
    for (const pair of list) await gqlData(pair.subject.req); // every shape answers without errors before any timing
    return list;
  }

  async function demoPairs(): Promise<Pair[]> {
  const hongkangToken = await signIn('hongkang-admin');
  const yiyuanToken = await signIn('yiyuan-admin');
  if (!hongkangToken || !yiyuanToken) throw new Error('demo staff sign-in failed (hongkang-admin / yiyuan-admin)');

  const community = async (name: string, token: string) => {
    const data = await gqlData(graphql(api, apiOrigin, `query($q: String!) { orgSearch(query: $q, first: 10) { edges { node { id name level } } } }`, { q: name }, token));
    const found = data.orgSearch.edges.map((e: any) => e.node).find((n: any) => n.name === name && n.level === 'COMMUNITY');
    const row = await admin.query<{ id: number }>(`select id from org_node where name = $1 and level = 'COMMUNITY' and archived_at is null`, [name]);
    if (!found || !row.rows[0]) throw new Error(`community ${name} not found in the demo data`);
    return { globalId: found.id as string, id: row.rows[0].id };
  };
  const hongkang = await community('红康社区', hongkangToken);
  const yiyuan = await community('颐苑社区', yiyuanToken);

  // the 红康 branch with the most members; its global id from the API's own tree
  const branchRow = (await admin.query<{ id: number; name: string }>(
    `select n.id, n.name from org_node n where n.level = 'BRANCH' and n.community_id = $1 and n.archived_at is null
     order by (select count(*) from party_member m where m.org_node_id = n.id and m.archived_at is null) desc, n.id limit 1`, [hongkang.id])).rows[0];
  const tree = await gqlData(graphql(api, apiOrigin, `query($id: ID!) { orgNode(id: $id) { children(first: 100) { edges { node { id name } } } } }`, { id: hongkang.globalId }, hongkangToken));
  const branchGlobalId = tree.orgNode.children.edges.map((e: any) => e.node).find((n: any) => n.name === branchRow?.name)?.id as string | undefined;
  if (!branchRow || !branchGlobalId) throw new Error('no branch found in 红康社区');

  const firstActivity = (await gqlData(graphql(api, apiOrigin, `{ activities(first: 1, filter: { window: UPCOMING }) { edges { node { id title } } } }`))).activities.edges[0]?.node;
  const activityRow = (await admin.query<{ id: number; title: string }>(
    `select id, title from activity where audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED') and ends_at > now() order by starts_at, id limit 1`)).rows[0];
  if (!firstActivity || !activityRow || firstActivity.title !== activityRow.title) throw new Error('no upcoming public activity in the demo data (or the API and the database disagree on the first one)');

  return [
    {
      key: 'a', title: '红康社区 subtree, 4 levels, staff',
      subject: { label: 'a. API 红康 subtree (staff)', req: graphql(api, apiOrigin, SUBTREE_QUERY, { id: hongkang.globalId }, hongkangToken) },
      baseline: { label: 'a. plain SQL 红康 subtree', req: plainGet(`/subtree/${hongkang.id}`), kind: 'plain SQL' },
      goal: { ratio: 0.5, text: '>= 0.5x plain SQL' }, sameData: true,
    },
    {
      key: 'b', title: '颐苑社区 subtree, 4 levels, staff',
      subject: { label: 'b. API 颐苑 subtree (staff)', req: graphql(api, apiOrigin, SUBTREE_QUERY, { id: yiyuan.globalId }, yiyuanToken) },
      baseline: { label: 'b. plain SQL 颐苑 subtree', req: plainGet(`/subtree/${yiyuan.id}`), kind: 'plain SQL' },
      goal: { ratio: 0.5, text: '>= 0.5x plain SQL' }, sameData: true,
    },
    {
      key: 'c', title: 'branch + first 50 members with their branch, staff',
      subject: { label: 'c. API branch members (staff)', req: graphql(api, apiOrigin, MEMBERS_QUERY, { id: branchGlobalId }, hongkangToken) },
      baseline: { label: 'c. plain SQL branch members', req: plainGet(`/members/${branchRow.id}`), kind: 'plain SQL' },
      goal: { ratio: 0.5, text: '>= 0.5x plain SQL' }, sameData: true,
    },
    {
      key: 'd', title: 'upcoming public activities, first 20, anonymous',
      subject: { label: 'd. API public activities (anonymous)', req: graphql(api, apiOrigin, ACTIVITIES_QUERY) },
      baseline: { label: 'd. plain SQL public activities', req: plainGet('/activities'), kind: 'plain SQL' },
      goal: { ratio: 0.4, text: '>= 0.4x plain SQL' }, sameData: true,
    },
    {
      key: 'e', title: 'node(id) of one activity, anonymous',
      subject: { label: 'e. API node(id) activity (anonymous)', req: graphql(api, apiOrigin, ACTIVITY_QUERY, { id: firstActivity.id }) },
      baseline: { label: 'e. plain SQL one activity', req: plainGet(`/activity/${activityRow.id}`), kind: 'plain SQL' },
      goal: { ratio: 0.25, text: '>= 0.25x plain SQL' }, sameData: true,
    },
    {
      key: 'f1', title: '{ __typename }, anonymous',
      subject: { label: 'f. API { __typename } (anonymous)', req: graphql(api, apiOrigin, TYPENAME_QUERY) },
      baseline: { label: 'f. plain { __typename } (no SQL)', req: plainGet('/typename'), kind: 'plain SQL' },
      sameData: false,
    },
    {
      key: 'f2', title: '{ __typename }, staff',
      subject: { label: 'f. API { __typename } (staff)', req: graphql(api, apiOrigin, TYPENAME_QUERY, {}, hongkangToken) },
      baseline: { label: 'f. plain { __typename } (no SQL)', req: plainGet('/typename'), kind: 'plain SQL' },
      sameData: false,
    },
  ];
  }
  if (events && pageQuery) {
    pairs.push({
      key: 'g', title: 'events list page (SSR) vs the API for its query',
      subject: { label: 'g. events list page', req: { server: events, sql: api, origin: eventsOrigin, method: 'GET', path: '/', headers: { accept: 'text/html' }, expect: 'html' } },
      baseline: {
        label: 'g. API: the page\'s ActivityList query',
        req: graphql(api, apiOrigin, pageQuery, { filter: { communityId: null, category: null, window: 'UPCOMING' }, first: 20, after: null }),
        kind: 'API',
      },
      goal: { ratio: 0.8, text: ">= 0.8x the API's req/s for its query" }, sameData: false,
    });
  }

  // 5. the runs: subject and baseline in turn, the order swapped from one shape to the next
  loadGen = startLoadGenerator();
  const rows: Row[] = [];
  for (const [index, pair] of pairs.entries()) {
    const order = !pair.baseline ? (['subject'] as const) : index % 2 === 0 ? (['subject', 'baseline'] as const) : (['baseline', 'subject'] as const);
    const got: Partial<Record<'subject' | 'baseline', { measured: Measured; sampleBody: string }>> = {};
    for (const side of order) got[side] = await measure(pair[side]!.label, pair[side]!.req);
    const subject = got.subject!;
    const baseline = got.baseline ?? { measured: emptyMeasured(), sampleBody: '' };
    const ratio = baseline.measured.reqPerSec > 0 ? round(subject.measured.reqPerSec / baseline.measured.reqPerSec, 3) : 0;
    const notes: string[] = [];
    let dataCheck: Row['dataCheck'] = 'n/a';
    if (pair.sameData) {
      const a = fingerprint(subject.sampleBody);
      const b = fingerprint(baseline.sampleBody);
      dataCheck = a.length > 0 && a.join('\n') === b.join('\n') ? 'same' : 'differs';
      if (dataCheck === 'differs') {
        notes.push(`the API and plain SQL answered different data (${a.length} vs ${b.length} values)`);
        loud(`${pair.key}: the API and the plain SQL server answered different data (${a.length} vs ${b.length} values)`);
      }
    }
    const nodes = pair.key === 'a' || pair.key === 'b' ? nodesIn(subject.sampleBody) : undefined;
    rows.push({
      key: pair.key, title: pair.title, subject: subject.measured, baseline: { ...baseline.measured, kind: pair.baseline?.kind ?? 'none' },
      ratio, nodes, dataCheck, notes,
      ...(pair.goal ? { goal: pair.goal.text, goalMet: ratio >= pair.goal.ratio } : {}),
    });
  }
  if (eventsSkip) {
    rows.push({
      key: 'g', title: 'events list page (SSR) vs the API for its query', subject: emptyMeasured(), baseline: { ...emptyMeasured(), kind: 'API' },
      ratio: 0, dataCheck: 'n/a', notes: [`SKIPPED: ${eventsSkip}`],
    });
  }

  // goals that span rows
  const a = rows.find((r) => r.key === 'a');
  if (a) a.notes.push(`${a.nodes} nodes; CPU goal <= 3 ms/req: ${a.subject.cpuMsPerRequest <= 3 ? 'met' : '**not met**'}`);
  const b = rows.find((r) => r.key === 'b');
  if (b) b.notes.push(`${b.nodes} nodes`);
  const anon = rows.find((r) => r.key === 'f1');
  const staff = rows.find((r) => r.key === 'f2');
  if (anon && staff && anon.subject.reqPerSec > 0) {
    const rel = round(staff.subject.reqPerSec / anon.subject.reqPerSec, 3);
    staff.goal = 'within 10% of anonymous';
    staff.goalMet = rel >= 0.9;
    staff.notes.push(`staff/anonymous = ${rel.toFixed(2)}`);
  }

  // 6. report
  const failures = rows.reduce((n, r) => n + r.subject.failures + r.baseline.failures, 0);
  const table = markdownTable(rows);
  const meta = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    settings: { seconds: SECONDS, connections: CONNECTIONS, warmupSeconds: WARMUP_SECONDS, sampleRequestsForStatements: SAMPLE_REQUESTS },
    machine: { cpus: cpus().length, node: process.version, loadAverage: loadavg().map((l) => round(l, 2)) },
    ...(DATASET ? { dataset: { communities: DATASET, seed: DATASET_SEED, command: `npm run bench -- --dataset ${DATASET}` } } : {}),
    api: apiMode === 'dist' ? 'node apps/api/dist/main.js' : 'node --import tsx apps/api/src/main.ts (no production build)',
    postgres: database.embedded ? 'embedded' : 'external',
    statementCounter: counter.kind,
    failures,
  };
  writeFileSync(resultsFile, `${JSON.stringify({ ...meta, rows }, null, 2)}\n`);
  if (DATASET) updateDatasetDoc();
  else updateDoc(table, meta);
  process.stdout.write(`\n${table}\n`);
  say(`wrote ${path.relative(root, resultsFile)} and the table in ${path.relative(root, docFile)} (${meta.durationSeconds} s in all)`);
  if (failures) loud(`${failures} requests failed: the figures of the flagged shapes do not count`);
  await admin.end().catch(() => {});
  return failures ? 1 : 0;
}

function emptyMeasured(): Measured {
  return { reqPerSec: 0, p50: 0, p99: 0, requests: 0, cpuMsPerRequest: 0, statementsPerRequest: 0, rssMb: 0, failures: 0, failureSamples: [] };
}

function markdownTable(rows: Row[]): string {
  const head = '| shape | req/s | p50 ms | p99 ms | CPU ms/req | SQL/req | RSS MB | baseline req/s | ratio | goal | notes |';
  const line = '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |';
  const body = rows.map((r) => {
    const skipped = r.notes.some((n) => n.startsWith('SKIPPED'));
    const s = r.subject;
    const flags = [
      ...(r.subject.failures ? [`**${r.subject.failures} failed responses**`] : []),
      ...(r.baseline.failures ? [`**baseline: ${r.baseline.failures} failed responses**`] : []),
      ...r.notes,
    ];
    const goal = r.goal ? `${r.goal}: ${r.goalMet ? 'met' : '**not met**'}` : '';
    if (skipped) return `| ${r.key}. ${r.title} | – | – | – | – | – | – | – | – | ${goal} | ${flags.join('; ')} |`;
    return `| ${r.key}. ${r.title} | ${s.reqPerSec.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.cpuMsPerRequest.toFixed(2)} | ${s.statementsPerRequest} | ${s.rssMb} | ` +
      (r.baseline.kind === 'none' ? '– | – | ' : `${r.baseline.reqPerSec.toFixed(0)} (${r.baseline.kind}) | ${r.ratio < 0.1 ? r.ratio.toFixed(3) : r.ratio.toFixed(2)} | `) +
      `${goal} | ${flags.join('; ')} |`;
  });
  return [head, line, ...body].join('\n');
}

/**
 * A generated city holds a year of history that no background pass has seen: the API's first retention pass (5 s
 * after its start) would clear the contact details of every sign-up and demand past their keeping time in one
 * transaction while the shapes are measured (at 100 communities, about 700,000 rows and as many audit rows), and its
 * first escalation pass would raise every overdue demand. A running installation has long done that work, so the bench
 * does it once before starting the API (the API's default keeping times, config.ts); later runs find little left to do.
 * Migrates first, so a data set generated before a migration gets it too.
 */
async function catchUp(url: string): Promise<void> {
  const started = Date.now();
  const orm = await openOrm(url, 2);
  try {
    const applied = await migrate(orm);
    if (applied.length) say(`migrations applied to the data set: ${applied.join(', ')}`);
    const done = await runRetention(orm, { registrationDays: 30, demandContactDays: 180 });
    const escalated = await escalateOverdue(orm);
    say(`retention and escalation caught up before measuring (${done.registrations} sign-ups, ${done.volunteers} volunteers, ` +
      `${done.demands} demands cleared; ${escalated.length} overdue demands escalated) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await orm.em.getConnection().execute('vacuum analyze');
  } finally {
    await orm.close();
  }
}

/** The side-by-side table of every results-dataset-N.json: p50 and statements per request per shape and size. */
function updateDatasetDoc(): void {
  if (!existsSync(docFile)) return;
  const runs = readdirSync(here).map((f) => /^results-dataset-(\d+)\.json$/.exec(f)).filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ n: Number(m[1]), data: JSON.parse(readFileSync(path.join(here, m[0]), 'utf8')) as { generatedAt: string; settings: { seconds: number; connections: number }; machine: { loadAverage: number[] }; rows: Row[] } }))
    .sort((a, b) => a.n - b.n);
  if (!runs.length) return;
  const keys = [...new Set(runs.flatMap((r) => r.data.rows.map((row) => row.key)))];
  const cell = (row: Row | undefined, f: (r: Row) => string) =>
    !row ? '–' : row.subject.failures ? '**failed**' : row.subject.requests === 0 ? '**no answer within the run**' : f(row);
  const head = ['shape', ...runs.flatMap((r) => [`p50 ms @${r.n}`, `SQL/req @${r.n}`, `CPU ms/req @${r.n}`])];
  const lines = keys.map((key) => {
    const rows = runs.map((r) => r.data.rows.find((row) => row.key === key));
    const title = rows.find(Boolean)!.title;
    return [`${key}. ${title}`, ...rows.flatMap((row) => [cell(row, (x) => String(x.subject.p50)), cell(row, (x) => String(x.subject.statementsPerRequest)), cell(row, (x) => x.subject.cpuMsPerRequest.toFixed(2))])];
  });
  const table = [`| ${head.join(' | ')} |`, `| --- |${head.slice(1).map(() => ' ---: |').join('')}`, ...lines.map((l) => `| ${l.join(' | ')} |`)].join('\n');
  const runsText = runs.map((r) => `${r.n} communities: \`npm run bench -- --dataset ${r.n}\`, run of ${r.data.generatedAt.slice(0, 16).replace('T', ' ')} UTC, ` +
    `${r.data.settings.connections} connections, ${r.data.settings.seconds} s per run, load average ${r.data.machine.loadAverage.join(' ')} at the end`).join('; ');
  const doc = readFileSync(docFile, 'utf8');
  const start = doc.indexOf(DATASET_DOC_START);
  const end = doc.indexOf(DATASET_DOC_END);
  if (start < 0 || end < start) return;
  writeFileSync(docFile, `${doc.slice(0, start)}${DATASET_DOC_START}\n${runsText}.\n\n${table}\n${DATASET_DOC_END}${doc.slice(end + DATASET_DOC_END.length)}`);
}

const DATASET_DOC_START = '<!-- bench:dataset:start -->';
const DATASET_DOC_END = '<!-- bench:dataset:end -->';
const DOC_START = '<!-- bench:results:start -->';
const DOC_END = '<!-- bench:results:end -->';

function updateDoc(table: string, meta: { generatedAt: string; settings: { seconds: number; connections: number; warmupSeconds: number }; machine: { cpus: number; node: string; loadAverage: number[] }; api: string; statementCounter: string; postgres: string }): void {
  if (!existsSync(docFile)) return;
  const doc = readFileSync(docFile, 'utf8');
  const start = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (start < 0 || end < start) return;
  const block = [
    DOC_START,
    `Run of ${meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC: ${meta.settings.connections} connections, ${meta.settings.warmupSeconds} s warm-up + ` +
      `${meta.settings.seconds} s per run, ${meta.machine.cpus} CPUs (load average ${meta.machine.loadAverage.join(' ')} at the end), Node ${meta.machine.node}, ` +
      `API as \`${meta.api}\`, ${meta.postgres} PostgreSQL, statements counted with ${meta.statementCounter}.`,
    '',
    table,
    DOC_END,
  ].join('\n');
  writeFileSync(docFile, doc.slice(0, start) + block + doc.slice(end + DOC_END.length));
}

const PLAIN_ROLE = 'tongxin_bench_plain';

/** A login role for the plain SQL server (read-only on the bench database); returns the URL it connects with. */
async function plainSqlRole(admin: pg.Client, url: string): Promise<string> {
  const exists = await admin.query('select 1 from pg_roles where rolname = $1', [PLAIN_ROLE]);
  if (!exists.rowCount) await admin.query(`create role ${PLAIN_ROLE} login password '${PLAIN_ROLE}'`);
  const u = new URL(url);
  u.username = PLAIN_ROLE;
  u.password = PLAIN_ROLE;
  return u.toString();
}

async function ensureDatabase(url: string, name: string): Promise<string> {
  const target = urlWithDatabase(url, name);
  const probe = new pg.Client({ connectionString: target });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return target;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err;
    return createDatabase(url, name);
  } finally {
    await probe.end().catch(() => {});
  }
}

let code = 1;
try {
  code = await main();
} catch (err) {
  if (interrupted) await new Promise(() => {}); // the signal handler stops everything and exits
  loud(`benchmark failed: ${err instanceof Error ? err.message : String(err)}`);
  for (const proc of procs) if (proc.output.length) process.stderr.write(`  last output of ${proc.name}:\n${tail(proc, 10)}\n`);
} finally {
  await cleanup();
}
process.exit(code);
