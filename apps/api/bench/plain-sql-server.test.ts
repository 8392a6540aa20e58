import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../src/test/harness.js';
import { ACTIVITIES_QUERY, ACTIVITY_QUERY, MEMBERS_QUERY, SUBTREE_QUERY, fingerprint } from './shapes.js';

// The benchmark's baseline must answer the same data as the API for every shape, or its ratios mean nothing.

const here = path.dirname(fileURLToPath(import.meta.url));
let api: TestApi;
let plain: ChildProcess;
let origin: string;
let hongkangToken: string;

async function plainGet(p: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${origin}${p}`);
  return { status: res.status, text: await res.text() };
}

async function apiBody(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<string> {
  const res = await api.gql(query, variables, token);
  expect(res.errors).toBeUndefined();
  return JSON.stringify({ data: res.data });
}

beforeAll(async () => {
  api = await startTestApi();
  hongkangToken = await api.login('hongkang-admin');
  plain = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'plain-sql-server.ts')], {
    cwd: path.resolve(here, '..'),
    env: { ...process.env, DATABASE_URL: api.config.DATABASE_URL, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the plain SQL server did not start within 30 s')), 30_000);
    plain.once('exit', (code) => reject(new Error(`the plain SQL server exited (${code})`)));
    createInterface({ input: plain.stdout! }).on('line', (line) => {
      const m = /^listening on (\d+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (plain && plain.exitCode === null) {
    const gone = new Promise((resolve) => plain.once('exit', resolve));
    plain.kill('SIGTERM');
    await gone;
  }
  await api?.close();
});

async function communityId(name: string): Promise<number> {
  const [row] = await api.sql<{ id: number }>(`select id from org_node where name = ? and level = 'COMMUNITY'`, [name]);
  return row!.id;
}

describe('plain SQL server of the benchmark', () => {
  it('answers a community subtree with the same nodes as the API', async () => {
    const id = await communityId('红康社区');
    const fromApi = await apiBody(SUBTREE_QUERY, { id: globalId('PartyCommittee', id) }, hongkangToken);
    const fromPlain = await plainGet(`/subtree/${id}`);
    expect(fromPlain.status).toBe(200);
    const lines = fingerprint(fromPlain.text);
    expect(lines.filter((l) => l.startsWith('level=')).length).toBeGreaterThan(100);
    expect(lines).toEqual(fingerprint(fromApi));
  });

  it('answers a branch roll with the same members as the API', async () => {
    const [branch] = await api.sql<{ id: number }>(
      `select n.id from org_node n where n.level = 'BRANCH' and n.community_id = ?
       order by (select count(*) from party_member m where m.org_node_id = n.id) desc, n.id limit 1`,
      [await communityId('红康社区')],
    );
    const fromApi = await apiBody(MEMBERS_QUERY, { id: globalId('Branch', branch!.id) }, hongkangToken);
    const fromPlain = await plainGet(`/members/${branch!.id}`);
    expect(fromPlain.status).toBe(200);
    expect(JSON.parse(fromPlain.text).data.orgNode.members.edges).toHaveLength(50);
    expect(fingerprint(fromPlain.text)).toEqual(fingerprint(fromApi));
  });

  it('answers the upcoming public activities and one activity like the API does for anonymous callers', async () => {
    const list = await plainGet('/activities');
    expect(list.status).toBe(200);
    const apiList = await apiBody(ACTIVITIES_QUERY);
    expect(fingerprint(list.text)).toEqual(fingerprint(apiList));
    const first = JSON.parse(list.text).data.activities.edges[0].node as { id: number };
    const one = await plainGet(`/activity/${first.id}`);
    expect(fingerprint(one.text)).toEqual(fingerprint(await apiBody(ACTIVITY_QUERY, { id: globalId('Activity', first.id) })));
  });

  it('answers __typename without the database, and refuses unknown paths and bad ids', async () => {
    expect(JSON.parse((await plainGet('/typename')).text)).toEqual({ data: { __typename: 'Query' } });
    expect((await plainGet('/nothing')).status).toBe(404);
    expect((await plainGet('/subtree')).status).toBe(404);
    expect((await plainGet('/subtree/abc')).status).toBe(400);
  });
});
