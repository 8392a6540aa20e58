import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { createDatabase, dropDatabase, freePort } from '@tongxin/launcher';

/**
 * Several API instances as separate processes (each with its own caches, as on several machines), and a
 * Redis of the test's own: `redis-server` on a free loopback port, saving nothing.
 */

/** Path of redis-server, or null (the tests that need it then skip, loudly). */
export function findRedisServer(): string | null {
  const found = spawnSync('which', ['redis-server'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

export function warnRedisSkipped(what: string): void {
  const bar = '!'.repeat(78);
  process.stderr.write([
    '', bar,
    `!!  已跳过测试 / TESTS SKIPPED: ${what}`,
    '!!  原因 / reason: redis-server is not installed (which redis-server found nothing)',
    '!!  启用方法 / to run them:   apt-get install -y redis-server',
    bar, '',
  ].join('\n') + '\n');
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`CI must run ${what}: redis-server is missing`);
}

export interface RedisProcess { url: string; stop(): Promise<void> }

export async function startRedis(binary: string): Promise<RedisProcess> {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${log}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (/Ready to accept connections/.test(log)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`redis-server exited (${code}):\n${log}`)); });
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode != null || child.signalCode != null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

export interface ApiProcess { url: string; port: number; output(): string; stop(): Promise<void> }

const require = createRequire(import.meta.url);
const apiRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A copy of the seeded test database for the instances to share; dropped by the returned function. */
export async function sharedTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const name = `tongxin_test_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(serverUrl, name, { template: inject('templateDb') });
  return { url, drop: () => dropDatabase(serverUrl, name).then(() => {}, () => {}) };
}

/** Start `src/main.ts` (under tsx, from the sources) as its own process on a free loopback port. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const tsx = require.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, '--conditions=source', 'src/main.ts'], {
    cwd: apiRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', DEMO_SEED: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start within 90 s:\n${log}`)), 90_000);
    const check = () => { if (log.includes('Tongxin API ready')) { clearTimeout(timer); resolve(); } };
    child.stdout!.on('data', check);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`API exited (${code}):\n${log}`)); });
  });
  return { url: `http://127.0.0.1:${port}/graphql`, port, output: () => log, stop: () => stopChild(child) };
}

/** POST a GraphQL operation to one instance. */
export async function gqlAt(url: string, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<{ status: number; data: any; errors?: any[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { ...((await res.json()) as { data: any; errors?: any[] }), status: res.status };
}

export async function loginAt(url: string, username: string, password = 'tongxin-demo'): Promise<string> {
  const res = await gqlAt(url, `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token userErrors { code message } } }`, { input: { username, password } });
  const token = res.data?.sessionCreate?.token;
  if (!token) throw new Error(`login ${username} failed: ${JSON.stringify(res)}`);
  return token;
}
