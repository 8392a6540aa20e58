import { verify } from '@node-rs/argon2';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEMO_PASSWORD } from '@tongxin/demo-data';
import type { Config } from '../config.js';
import { DEVELOPMENT_DATA_KEY } from './data-key.js';

/**
 * What a production start refuses: the demo data, the demo accounts and the development data key are published
 * in this repository, so an installation reachable by others must not run with them. `npm start` runs the built
 * API with NODE_ENV=production and the demo data on this machine only: it sets TONGXIN_DEMO=1, the local demo
 * mode, which is itself refused unless the API listens on loopback and no PUBLIC_URL is set.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function loopbackUrl(url: string): boolean {
  try {
    return isLoopback(new URL(url).hostname.replace(/^\[|\]$/g, ''));
  } catch {
    return false;
  }
}

/** Problems with the configuration of a production start; empty when it may start. */
export function productionConfigProblems(config: Pick<Config, 'DEMO_SEED' | 'TONGXIN_DEMO' | 'HOST' | 'PUBLIC_URL' | 'DATA_KEY'>): string[] {
  const problems: string[] = [];
  if (config.TONGXIN_DEMO) {
    if (!isLoopback(config.HOST)) {
      problems.push(`TONGXIN_DEMO=1 (the local demo, with published demo passwords) listens on loopback only, not HOST=${config.HOST}: set HOST=127.0.0.1, or drop TONGXIN_DEMO and DEMO_SEED for a real installation`);
    }
    if (config.PUBLIC_URL && !loopbackUrl(config.PUBLIC_URL)) {
      problems.push(`TONGXIN_DEMO=1 (the local demo) cannot be published at PUBLIC_URL=${config.PUBLIC_URL}: a real installation runs without TONGXIN_DEMO and DEMO_SEED`);
    }
  } else if (config.DEMO_SEED) {
    problems.push('DEMO_SEED=1 loads the demo communities and demo accounts (password tongxin-demo) and is refused in production; for the local demo on this machine use `npm start` (it sets TONGXIN_DEMO=1)');
  }
  if (config.DATA_KEY && Buffer.from(config.DATA_KEY, /^[0-9a-fA-F]{64}$/.test(config.DATA_KEY) ? 'hex' : 'base64').equals(Buffer.from(DEVELOPMENT_DATA_KEY, 'base64'))) {
    problems.push('DATA_KEY is the development key published in the source: make a key of your own (`openssl rand -base64 32`)');
  }
  return problems;
}

/** Accounts that still sign in with the published demo password (checked on accounts named like the demo's). */
export async function accountsWithDemoPassword(orm: MikroORM): Promise<string[]> {
  const rows = await orm.em.fork().getConnection().execute<{ username: string; password_hash: string }[]>(
    `select username, password_hash from account where disabled_at is null and username ~ '^[a-z0-9]+-(admin|branch[0-9]+|grid[0-9]+)$' order by username limit 500`, [], 'all');
  const found: string[] = [];
  for (const row of rows) {
    if (await verify(row.password_hash, DEMO_PASSWORD).catch(() => false)) found.push(row.username);
  }
  return found;
}

export class ProductionRefusal extends Error {
  constructor(readonly problems: string[]) {
    super(`Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Throw with every problem listed unless this production start is safe (no-op outside production). */
export function assertProductionConfig(config: Config, nodeEnv = process.env.NODE_ENV): void {
  if (nodeEnv !== 'production') return;
  const problems = productionConfigProblems(config);
  if (problems.length) throw new ProductionRefusal(problems);
}

/** After migrations: refuse to serve while demo accounts with the demo password exist (unless in the local demo). */
export async function assertNoDemoAccounts(orm: MikroORM, config: Config, nodeEnv = process.env.NODE_ENV): Promise<void> {
  if (nodeEnv !== 'production' || config.TONGXIN_DEMO) return;
  const accounts = await accountsWithDemoPassword(orm);
  if (accounts.length) {
    throw new ProductionRefusal([
      `${accounts.length} account(s) still have the published demo password tongxin-demo (${accounts.slice(0, 5).join(', ')}${accounts.length > 5 ? ' …' : ''}): this database holds the demo data. Use a database of your own, or disable those accounts / change their passwords first`,
    ]);
  }
}

/** Print a refusal plainly (no stack trace) and exit with status 1; anything else is rethrown. */
export function exitOnRefusal(error: unknown): never {
  if (error instanceof ProductionRefusal) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
