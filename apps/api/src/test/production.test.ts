/**
 * The production build as the runtime image runs it: `node dist/main.js` (built by `npm run build`) with only
 * production dependencies resolvable (production-guard.mjs), on a fresh database with the demo data.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase, freePort } from '@tongxin/launcher';

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
    let child: ChildProcess | undefined;
    let origin = '';
    const output: string[] = [];
    let exited: Promise<number | null>;

    beforeAll(async () => {
      if (missing) return;
      const serverUrl = inject('serverUrl');
      const databaseUrl = await createDatabase(serverUrl, dbName, { replace: true });
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      // A clean environment, as in the image: no NODE_OPTIONS or test-runner variables.
      child = spawn(process.execPath, ['--import', guard, 'dist/main.js'], {
        cwd: apiDir,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), DEMO_SEED: '1', DATA_KEY: randomBytes(32).toString('base64') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const s of [child.stdout!, child.stderr!]) s.on('data', (b: Buffer) => output.push(b.toString()));
      exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
      let gone = false;
      void exited.then(() => (gone = true));
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (gone) throw new Error(`the API exited while starting:\n${output.join('')}`);
        if (Date.now() > deadline) throw new Error(`the API did not answer /healthz within 60 s:\n${output.join('')}`);
        const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 200));
      }
    });

    afterAll(async () => {
      if (child && child.exitCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      if (!missing) await dropDatabase(inject('serverUrl'), dbName).catch(() => {});
    });

    it('answers /healthz and staff sign in with the demo accounts', async () => {
      if (missing) return;
      const health = await fetch(`${origin}/healthz`);
      expect(health.status).toBe(200);

      const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
        const res = await fetch(`${origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        return { status: res.status, body: (await res.json()) as { data?: any; errors?: unknown[] } };
      };
      const signIn = await gql('mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token userErrors { code } } }', {
        input: { username: 'hongkang-admin', password: 'tongxin-demo' },
      });
      expect(signIn.status).toBe(200);
      const token = signIn.body.data?.sessionCreate?.token as string;
      expect(token, JSON.stringify(signIn.body)).toMatch(/\S/);
      const viewer = await gql('{ viewer { username } }', {}, token);
      expect(viewer.body.data).toEqual({ viewer: { username: 'hongkang-admin' } });
      expect(output.join(''), 'nothing outside the production dependencies was loaded').not.toContain('[production-guard]');
    });

    it('stops cleanly on SIGTERM', async () => {
      if (missing) return;
      child!.kill('SIGTERM');
      expect(await exited).toBe(0);
    });

    it('refuses to start without DATA_KEY, saying why', async () => {
      if (missing) return;
      const lines: string[] = [];
      const bare = spawn(process.execPath, ['dist/main.js'], {
        cwd: apiDir,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: await createDatabase(inject('serverUrl'), `${dbName}_nokey`, { replace: true }), HOST: '127.0.0.1', PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const s of [bare.stdout!, bare.stderr!]) s.on('data', (b: Buffer) => lines.push(b.toString()));
      const code = await new Promise<number | null>((resolve) => bare.once('exit', resolve));
      await dropDatabase(inject('serverUrl'), `${dbName}_nokey`).catch(() => {});
      expect(code).not.toBe(0);
      expect(lines.join('')).toMatch(/DATA_KEY is required in production/);
    });
  });
});
