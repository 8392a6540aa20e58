import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPortFree, startPlatform, type Platform } from './index.js';

// The platform starts its own embedded PostgreSQL here: an outside DATABASE_URL must not take over.
delete process.env.DATABASE_URL;

describe('startPlatform without a build', () => {
  it('says the API must be built first, before starting anything', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'tongxin-root-'));
    try {
      await mkdir(path.join(root, 'apps/api/src'), { recursive: true });
      await writeFile(path.join(root, 'apps/api/package.json'), '{}');
      await writeFile(path.join(root, 'apps/api/src/main.ts'), '');
      await expect(startPlatform({ root, apps: ['api'] })).rejects.toThrow('apps/api/dist/main.js is missing: run npm run build first');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('startPlatform: the built API under plain node', () => {
  let platform: Platform;
  const lines: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform({ apps: ['api'], onLine: (app, line) => app === 'api' && lines.push(line) });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('runs apps/api/dist/main.js, migrates, loads the demo data and lets staff sign in', async () => {
    expect(platform.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${platform.apiUrl}/healthz`)).status).toBe(200);
    expect(lines.join('\n')).toContain('DEMO_PARTNER_TOKEN');
    const res = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token } }',
        variables: { input: { username: 'hongkang-admin', password: 'tongxin-demo' } },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: { sessionCreate?: { token?: string } } };
    expect(body.data?.sessionCreate?.token).toMatch(/\S/);
  });

  it('stops the API and its PostgreSQL', async () => {
    const apiPort = Number(new URL(platform.apiUrl).port);
    const pgPort = Number(new URL(platform.databaseUrl).port);
    await platform.stop();
    expect(await isPortFree(apiPort)).toBe(true);
    expect(await isPortFree(pgPort)).toBe(true);
  });
});
