/**
 * `npm start`: PostgreSQL (persistent, in <repo>/.data/postgres, unless DATABASE_URL is set), the API,
 * the admin site and the events site, with their output prefixed, then a banner with the URLs and demo accounts.
 * `npm run dev` (--dev): the same with `tsx watch` and `vite dev` (best effort).
 * Ctrl-C stops everything and exits 0.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { onShutdownSignal, setSignalExitCode, stopAll } from './lifecycle.js';
import { repoRoot, startPlatform, type AppName, type Platform } from './platform.js';
import { isPortFree } from './postgres.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  process.stdout.write(
    [
      'Usage: npm start            (after npm run build; what `npm start` does)',
      '       npm run dev          (--dev: tsx watch + vite dev)',
      '',
      'Environment: DATABASE_URL (use this database instead of the embedded one),',
      '             PG_PORT (54329), API_PORT (4000), ADMIN_PORT (3000), EVENTS_PORT (3100)',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const dev = argv.includes('--dev');
const root = repoRoot();
const dataDir = path.join(root, '.data', 'postgres');
const externalDb = process.env.DATABASE_URL;

function fail(message: string): never {
  process.stderr.write(`\n启动失败 / Failed to start:\n  ${message.replace(/\n/g, '\n  ')}\n\n`);
  process.exit(1);
}

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) fail(`${name}=${raw} is not a valid port number`);
  return n;
}

const ports = {
  postgres: envPort('PG_PORT', 54329),
  api: envPort('API_PORT', 4000),
  admin: envPort('ADMIN_PORT', 3000),
  events: envPort('EVENTS_PORT', 3100),
};
const portEnv: Record<keyof typeof ports, string> = {
  postgres: 'PG_PORT',
  api: 'API_PORT',
  admin: 'ADMIN_PORT',
  events: 'EVENTS_PORT',
};

// Fixed ports: say clearly which ones are taken, before starting anything.
// (PostgreSQL's port is checked by startPostgres, after it has dealt with a server left over from an earlier run.)
{
  const taken: string[] = [];
  for (const key of ['api', 'admin', 'events'] as const) {
    if (!(await isPortFree(ports[key]))) {
      taken.push(`端口 ${ports[key]} 已被占用 / port ${ports[key]} (${key}) is already in use — stop what uses it or set ${portEnv[key]}=<port>`);
    }
  }
  const values = Object.values(ports);
  if (new Set(values).size !== values.length) taken.push(`two services were given the same port: ${JSON.stringify(ports)}`);
  if (taken.length) fail(taken.join('\n'));
}

// The key that seals residents' personal data: DATA_KEY, else one made on the first start and kept beside the data.
function dataKey(): string {
  if (process.env.DATA_KEY) return process.env.DATA_KEY;
  const file = path.join(root, '.data', 'data-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  process.stdout.write(
    `已生成演示用数据密钥 / made a demo data key in ${path.relative(root, file)} (it seals residents' personal data; set DATA_KEY in production)\n`,
  );
  return readFileSync(file, 'utf8').trim();
}
const key = dataKey();

let partnerToken: { token: string; unit: string } | undefined;
let tokenSeen: () => void = () => {};
const tokenPromise = new Promise<void>((resolve) => (tokenSeen = resolve));

setSignalExitCode(0);
onShutdownSignal(() => process.stderr.write('\n正在停止… / Stopping…\n'));
process.on('exit', (code) => {
  if (code === 0) process.stderr.write('已停止 / Stopped.\n');
});

let platform: Platform;
try {
  platform = await startPlatform({
    dataDir,
    ports,
    inheritOutput: true,
    seedDemo: true,
    dataKey: key,
    dev,
    onLine(app, line) {
      if (app !== 'api') return;
      const m = /DEMO_PARTNER_TOKEN\s+([^\s"]+)[ \t]*([^"]*)/.exec(line);
      if (m) {
        partnerToken = { token: m[1]!, unit: m[2]!.trim() };
        tokenSeen();
      }
    },
    onExit(app: AppName, code, signal) {
      process.stderr.write(`\n${app} 已退出 / ${app} exited (${signal ?? `code ${code}`}); stopping everything.\n`);
      void stopAll().finally(() => process.exit(1));
    },
  });
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  const pgPortTaken = /PostgreSQL port \d+ is already in use/.test(message);
  fail(pgPortTaken ? `${message}\n(set PG_PORT=<port>, or DATABASE_URL to use another server)` : message);
}

// The API announces the demo partner token once it is ready; give a late line a moment.
if (!partnerToken) await Promise.race([tokenPromise, new Promise((r) => setTimeout(r, 2000))]);

process.stdout.write(await banner(platform));

// ---------------------------------------------------------------------------------------------

async function banner(p: Platform): Promise<string> {
  const out: string[] = [];
  const rule = '═'.repeat(72);
  out.push('', rule, `  同心 Tongxin 已启动 / is running${dev ? '  (开发模式 / dev mode)' : ''}`, rule);
  out.push(
    ...table([
      ['管理后台 Admin', p.adminUrl],
      ['活动报名 Events', p.eventsUrl],
      ['接口 API (GraphQL)', p.graphqlUrl],
      [
        '数据库 Database',
        externalDb ? `DATABASE_URL (${redact(externalDb)})` : `${path.relative(root, dataDir)} (127.0.0.1:${ports.postgres})`,
      ],
    ]),
  );

  out.push('', '  演示账号 / Demo accounts:');
  try {
    const { buildDemoDataset } = await import('@tongxin/demo-data');
    const accounts = buildDemoDataset().accounts;
    out.push(
      ...table(
        [['用户名 Username', '密码 Password', '说明 Description'], ...accounts.map((a) => [a.username, a.password, a.description])],
        true,
      ).map((l) => '  ' + l),
    );
  } catch (err) {
    out.push(`    (unavailable: ${err instanceof Error ? err.message : String(err)})`);
  }

  if (partnerToken) {
    out.push('', `  合作单位演示令牌 / Demo partner token${partnerToken.unit ? ` (${partnerToken.unit})` : ''}:`, `    ${partnerToken.token}`);
  }
  out.push('');
  if (!externalDb) out.push(`  数据保存在 / data is kept in ${path.relative(root, dataDir)}/ — 删除即可重置 / delete it to start afresh`);
  out.push('  按 Ctrl-C 停止 / Press Ctrl-C to stop', rule, '');
  return out.join('\n') + '\n';
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'set';
  }
}

/** Terminal width of a string: East Asian wide characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function table(rows: string[][], header = false): string[] {
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) =>
    '  ' +
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - width(cell))))
      .join('   ')
      .trimEnd();
  const lines = rows.map(line);
  if (header && lines.length) lines.splice(1, 0, '  ' + widths.map((w) => '─'.repeat(w)).join('   '));
  return lines;
}
