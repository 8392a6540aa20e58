import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';
import { DEMO_PARTNER_TOKEN } from '../db/seed/unit.seed.js';

/**
 * The partner guide's example client (docs/partner-api.md, "A TypeScript client") run exactly as the guide says,
 * from the repository root, against an API on the demo data: generate its types, then
 * `TONGXIN_API=… TONGXIN_TOKEN=… npx tsx docs/examples/partner-client.ts`.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

let api: TestApi;
beforeAll(async () => { api = await startTestApi(); });
afterAll(async () => { await api?.close(); });

/** Run a shell command line from the guide in the repository root; its exit status and output. */
function sh(line: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  // a clean environment, as a partner's shell would be (no test-runner variables)
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS|TEST_|npm_)/.test(k)));
  const child = spawn('sh', ['-c', line], { cwd: repoRoot, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  for (const s of [child.stdout, child.stderr]) s.on('data', (b: Buffer) => chunks.push(b.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out: chunks.join('') })));
}

describe('the partner guide’s example client', () => {
  it('runs as docs/partner-api.md says and prints the unit, its agreements, seats, activities and budget', async () => {
    const guide = (await import('node:fs')).readFileSync(path.join(repoRoot, 'docs/partner-api.md'), 'utf8');
    const lines = guide.split('\n');
    const codegen = lines.find((l) => l.startsWith('npx graphql-codegen --config docs/examples/codegen.ts'))!.replace(/\s+#.*$/, '');
    const run = lines.find((l) => l.includes('npx tsx docs/examples/partner-client.ts'))!;
    expect(run).toContain(`TONGXIN_TOKEN=${DEMO_PARTNER_TOKEN}`);

    const generated = await sh(codegen);
    expect(generated.code, generated.out).toBe(0);

    // the guide's command, with this API's address for localhost:4000
    const line = run.replace('http://localhost:4000/graphql', api.url);
    const { code, out } = await sh(line);
    expect(code, out).toBe(0);
    const printed = out.trim().split('\n');
    expect(printed[0]).toMatch(/^昆明市口腔医院 \(cost \d+, \d+ left\)$/);
    expect(out).toMatch(/^ {2}协议 .+ 与红康社区 \d{4}-\d{2}-\d{2}–\d{4}-\d{2}-\d{2} (ACTIVE|EXPIRING|EXPIRED)/m);
    expect(out).toMatch(/^ {2}兼职委员 .+（红康社区，自 \d{4}-\d{2}-\d{2}）$/m);
    expect(out).toMatch(/^budget \d+\/5000, \+50\/s, full at /m);
    // the activities the unit co-hosts, with counts, as the guide shows them
    for (const l of printed.filter((x) => x.includes('人报名'))) expect(l).toMatch(/^ {2}\S+ .+: \d+ 人报名, \d+ 人候补, 剩余 (\d+|不限)$/);
  }, 180_000);
});
