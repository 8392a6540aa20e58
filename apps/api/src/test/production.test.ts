/**
 * The production build as the runtime image runs it: `node dist/main.js` (built by `npm run build`) with only
 * production dependencies resolvable (production-guard.mjs): on a fresh database with secrets from the environment
 * and no demo data, refusing the published demo data, accounts and keys; and as the local demo (`npm start`).
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, freePort } from '@tongxin/launcher';
import pg from 'pg';
import { hashPassword } from '../modules/access/access.service.js';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const repoRoot = path.resolve(apiDir, '../..');
const dist = path.join(apiDir, 'dist');
const guard = path.join(apiDir, 'src/test/production-guard.mjs');

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  exports?: unknown;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.[cm]?js$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every module specifier a compiled file names: static and dynamic imports, re-exports, require(). */
function specifiers(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1]!);
  return [...found];
}

const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

describe('production build (dist/)', () => {
  const missing = !existsSync(path.join(dist, 'main.js'));

  it('has been built (npm run build)', () => {
    expect(missing, `${path.relative(repoRoot, dist)}/main.js is missing: run npm run build first`).toBe(false);
  });

  it('imports nothing but Node built-ins, its own files and production dependencies', () => {
    if (missing) return;
    const pkg = readJson(path.join(apiDir, 'package.json'));
    const deps = new Set(Object.keys(pkg.dependencies ?? {}));
    const problems: string[] = [];
    // The API's build and the workspace packages it depends on, as the runtime image holds them.
    const roots = [dist, ...[...deps].filter((d) => d.startsWith('@tongxin/')).map((d) => path.join(repoRoot, 'packages', d.slice('@tongxin/'.length), 'dist'))];
    for (const dir of roots) {
      const ownDeps = dir === dist ? deps : new Set(Object.keys(readJson(path.join(dir, '../package.json')).dependencies ?? {}));
      expect(existsSync(dir), `${path.relative(repoRoot, dir)} is missing: run npm run build first`).toBe(true);
      for (const file of jsFiles(dir)) {
        // tsc leaves the output of deleted sources behind; the image is built afresh and never holds those
        const source = path.join(dir, '../src', path.relative(dir, file)).replace(/\.js$/, '.ts');
        if (!existsSync(source)) continue;
        for (const spec of specifiers(readFileSync(file, 'utf8'))) {
          if (spec.startsWith('.') || spec.startsWith('node:') || builtinModules.includes(spec)) {
            if (/\.[cm]?tsx?$/.test(spec)) problems.push(`${path.relative(repoRoot, file)} imports TypeScript ${spec}`);
            continue;
          }
          if (!ownDeps.has(packageName(spec))) problems.push(`${path.relative(repoRoot, file)} imports ${spec}, not a production dependency`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(jsFiles(dist).some((f) => /\.test\.js$|[\\/]test[\\/]/.test(f)), 'tests are not part of the build').toBe(false);
  });

  it('keeps tsx, vitest and the launcher out of the runtime dependencies', () => {
    const pkg = readJson(path.join(apiDir, 'package.json'));
    for (const dev of ['tsx', 'vitest', '@tongxin/launcher', 'typescript']) expect(pkg.dependencies ?? {}).not.toHaveProperty(dev);
    // Workspace packages the API needs at runtime offer plain node their built JavaScript.
    for (const dep of Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@tongxin/'))) {
      const exp = readJson(path.join(repoRoot, 'packages', dep.slice('@tongxin/'.length), 'package.json')).exports as Record<string, Record<string, string>>;
      expect(exp['.'], dep).toMatchObject({ source: expect.stringMatching(/^\.\/src\//), default: expect.stringMatching(/^\.\/dist\/.*\.js$/) });
    }
  });

  describe('node dist/main.js with production dependencies only', () => {
    const dbName = `tongxin_production_${process.pid}`;
    let databaseUrl = '';
    let child: ChildProcess | undefined;
    let origin = '';
    const output: string[] = [];
    let exited: Promise<number | null>;
    const ADMIN_PASSWORD = `Ops-${randomBytes(9).toString('base64url')}`;

    /** Start dist/main.js as the image does, in a clean environment (no NODE_OPTIONS or test-runner variables). */
    function startApi(env: Record<string, string>, out: string[]) {
      const proc = spawn(process.execPath, ['--import', guard, 'dist/main.js'], {
        cwd: apiDir,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const s of [proc.stdout!, proc.stderr!]) s.on('data', (b: Buffer) => out.push(b.toString()));
      return { proc, exited: new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code))) };
    }

    async function waitHealthy(at: string, gone: () => boolean, out: string[]) {
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (gone()) throw new Error(`the API exited while starting:\n${out.join('')}`);
        if (Date.now() > deadline) throw new Error(`the API did not answer /healthz within 90 s:\n${out.join('')}`);
        if (await fetch(`${at}/healthz`).then((r) => r.ok, () => false)) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    }

    /** A start that must be refused: its exit status and what it said. */
    async function refused(env: Record<string, string>) {
      const out: string[] = [];
      const { proc, exited: done } = startApi(env, out);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 170_000);
      const code = await done;
      clearTimeout(timer);
      return { code, text: out.join('') };
    }

    async function gql(at: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
      const res = await fetch(`${at}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
    }
    const SIGN_IN = 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token userErrors { code } } }';

    async function sql(text: string, params: unknown[] = []) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query(text, params)).rows;
      } finally {
        await client.end();
      }
    }

    beforeAll(async () => {
      if (missing) return;
      databaseUrl = await createDatabase(inject('serverUrl'), dbName, { replace: true });
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      // the real production path: secrets from the environment, no demo data
      const started = startApi({ DATABASE_URL: databaseUrl, PORT: String(port), DATA_KEY: randomBytes(32).toString('base64'), PUBLIC_URL: 'https://tongxin.example.gov.cn' }, output);
      child = started.proc;
      exited = started.exited;
      let gone = false;
      void exited.then(() => (gone = true));
      await waitHealthy(origin, () => gone, output);
    }, 120_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      if (!missing) await dropDatabase(inject('serverUrl'), dbName).catch(() => {});
    });

    it('answers /healthz with no demo data, and an account of its own signs in', async () => {
      if (missing) return;
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      expect((await gql(origin, '{ publicCommunities { id } }')).body.data).toEqual({ publicCommunities: [] });
      expect(await sql('select count(*)::int as n from account')).toEqual([{ n: 0 }]);
      // the installation's first account, made by its operator
      await sql('insert into account (username, password_hash, display_name) values ($1, $2, $3)', ['ops-admin', await hashPassword(ADMIN_PASSWORD), '运维管理员']);
      const demo = await gql(origin, SIGN_IN, { input: { username: 'hongkang-admin', password: 'tongxin-demo' } });
      expect(demo.body.data?.sessionCreate?.token ?? null).toBeNull();
      const signIn = await gql(origin, SIGN_IN, { input: { username: 'ops-admin', password: ADMIN_PASSWORD } });
      const token = signIn.body.data?.sessionCreate?.token as string;
      expect(token, JSON.stringify(signIn.body)).toMatch(/\S/);
      expect((await gql(origin, '{ viewer { username } }', {}, token)).body.data).toEqual({ viewer: { username: 'ops-admin' } });
      expect(output.join(''), 'nothing outside the production dependencies was loaded').not.toContain('[production-guard]');
    });

    it('stops cleanly on SIGTERM', async () => {
      if (missing) return;
      child!.kill('SIGTERM');
      expect(await exited).toBe(0);
    });

    it('refuses to start without DATA_KEY, saying why', async () => {
      if (missing) return;
      const { code, text } = await refused({ DATABASE_URL: databaseUrl });
      expect(code).not.toBe(0);
      expect(text).toMatch(/DATA_KEY is required in production/);
    });

    it('refuses the demo data, the development data key and the local demo mode where others could reach it', async () => {
      if (missing) return;
      const key = randomBytes(32).toString('base64');
      const cases: [Record<string, string>, RegExp][] = [
        [{ DEMO_SEED: '1', DATA_KEY: key }, /DEMO_SEED=1 loads the demo communities and demo accounts \(password tongxin-demo\) and is refused in production/],
        [{ DATA_KEY: 'dG9uZ3hpbi1kZXZlbG9wbWVudC1rZXktbm90LXNlY3I=' }, /DATA_KEY is the development key/],
        [{ TONGXIN_DEMO: '1', DEMO_SEED: '1', DATA_KEY: key, HOST: '0.0.0.0' }, /listens on loopback only, not HOST=0\.0\.0\.0/],
        [{ TONGXIN_DEMO: '1', DEMO_SEED: '1', DATA_KEY: key, PUBLIC_URL: 'https://tongxin.example.gov.cn' }, /cannot be published at PUBLIC_URL/],
      ];
      // side by side: each start loads the whole API before it decides
      const results = await Promise.all(cases.map(([env]) => refused({ DATABASE_URL: databaseUrl, ...env })));
      for (const [i, [, message]] of cases.entries()) {
        const { code, text } = results[i];
        expect(code, text).toBe(1);
        expect(text).toMatch(/Refusing to start in production/);
        expect(text).toMatch(message);
        expect(text, 'a refusal, not a crash').not.toMatch(/\n\s+at /);
      }
      // nothing was seeded by the refused starts
      expect(await sql(`select count(*)::int as n from org_node`)).toEqual([{ n: 0 }]);
    }, 240_000);

    it('refuses to serve a database whose accounts still have the demo password', async () => {
      if (missing) return;
      await sql('insert into account (username, password_hash, display_name) values ($1, $2, $3)', ['hongkang-admin', await hashPassword('tongxin-demo'), '演示账号']);
      const { code, text } = await refused({ DATABASE_URL: databaseUrl, DATA_KEY: randomBytes(32).toString('base64') });
      expect(code, text).toBe(1);
      expect(text).toMatch(/1 account\(s\) still have the published demo password tongxin-demo \(hongkang-admin\)/);
      // once disabled, the installation starts
      await sql(`update account set disabled_at = now() where username = 'hongkang-admin'`);
      const out: string[] = [];
      const port = await freePort();
      const { proc, exited: done } = startApi({ DATABASE_URL: databaseUrl, PORT: String(port), DATA_KEY: randomBytes(32).toString('base64') }, out);
      let gone = false;
      void done.then(() => (gone = true));
      try {
        await waitHealthy(`http://127.0.0.1:${port}`, () => gone, out);
      } finally {
        proc.kill('SIGTERM');
        await done;
      }
    }, 120_000);

    it('runs the local demo (npm start): TONGXIN_DEMO=1 on loopback loads the demo data and the demo accounts sign in', async () => {
      if (missing) return;
      const name = `${dbName}_demo`;
      const url = await createDatabase(inject('serverUrl'), name, { replace: true });
      const out: string[] = [];
      const port = await freePort();
      const at = `http://127.0.0.1:${port}`;
      const { proc, exited: done } = startApi({ DATABASE_URL: url, PORT: String(port), DEMO_SEED: '1', TONGXIN_DEMO: '1', DATA_KEY: randomBytes(32).toString('base64') }, out);
      let gone = false;
      void done.then(() => (gone = true));
      try {
        await waitHealthy(at, () => gone, out);
        const signIn = await gql(at, SIGN_IN, { input: { username: 'hongkang-admin', password: 'tongxin-demo' } });
        const token = signIn.body.data?.sessionCreate?.token as string;
        expect(token, JSON.stringify(signIn.body)).toMatch(/\S/);
        expect((await gql(at, '{ viewer { username } }', {}, token)).body.data).toEqual({ viewer: { username: 'hongkang-admin' } });
      } finally {
        proc.kill('SIGTERM');
        expect(await done).toBe(0);
        await dropDatabase(inject('serverUrl'), name).catch(() => {});
      }
    }, 180_000);
  });
});
