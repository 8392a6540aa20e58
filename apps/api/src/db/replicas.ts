import pg from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { logger } from '../logger.js';
import { arrayLiteral, sql, statementOf } from './sql.js';

/**
 * Heavy reads on PostgreSQL streaming replicas (DATABASE_REPLICA_URLS), writes on the primary.
 *
 * - Only reads that ask for it go to a replica (`readSql`: roll-up statistics, metrics, public lists); anything
 *   in a transaction, every write and every other read stay on the primary.
 * - Read-your-writes: after a caller's mutation its reads stay on the primary for REPLICA_STICKY_SECONDS
 *   (`markWrote`; keyed by the caller's session, or address for callers without one; kept in Redis when the
 *   instances share one, so the next request may land on any instance).
 * - A replica is used only while it is healthy: in recovery, streaming from the primary and no more than
 *   REPLICA_MAX_LAG_SECONDS behind (checked every few seconds). A replica that is down or lagging is skipped;
 *   a statement that fails on a replica runs again on the primary. Reads never fail because of a replica.
 */
export interface ReplicaOptions {
  urls: string[];
  maxLagSeconds: number;
  stickySeconds: number;
  checkIntervalMs?: number;
  /** Where "this caller just wrote" is kept across instances; this process when null. */
  sticky?: StickyStore | null;
}

export interface StickyStore {
  mark(key: string, ms: number): Promise<void>;
  isSticky(key: string): Promise<boolean>;
}

export function memorySticky(): StickyStore {
  const until = new Map<string, number>();
  return {
    async mark(key, ms) {
      until.set(key, Date.now() + ms);
      if (until.size > 100_000) for (const [k, t] of until) if (t < Date.now()) until.delete(k);
    },
    async isSticky(key) {
      const t = until.get(key);
      return t != null && t > Date.now();
    },
  };
}

interface Replica {
  name: string;
  pool: pg.Pool;
  healthy: boolean;
  lagSeconds: number | null;
  reason: string | null;
  served: number;
}

/** How many statements each pool served (for the tests and the operator's log). */
export interface ReadStats { primary: number; replicas: { name: string; healthy: boolean; lagSeconds: number | null; reason: string | null; served: number }[] }

const HEALTH_SQL = `select pg_is_in_recovery() as recovery,
  exists (select 1 from pg_stat_wal_receiver where status = 'streaming') as streaming,
  case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
       else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) end::float8 as lag`;

export class ReadReplicas {
  readonly replicas: Replica[];
  primaryServed = 0;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly sticky: StickyStore;

  constructor(private readonly options: ReplicaOptions) {
    this.sticky = options.sticky ?? memorySticky();
    this.replicas = options.urls.map((url, i) => {
      const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 1_000, idleTimeoutMillis: 10_000, statement_timeout: 30_000 });
      // an idle client losing its connection must not crash the process
      pool.on('error', (error) => logger.warn({ err: error, replica: i + 1 }, 'replica connection error'));
      return { name: `replica${i + 1}@${new URL(url).host}`, pool, healthy: false, lagSeconds: null, reason: 'not checked yet', served: 0 };
    });
  }

  /** Check every replica now, then every `checkIntervalMs`. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs ?? 2_000);
    this.timer.unref();
  }

  async check(): Promise<void> {
    await Promise.all(this.replicas.map(async (r) => {
      const was = r.healthy;
      try {
        const { rows } = await r.pool.query<{ recovery: boolean; streaming: boolean; lag: number }>(HEALTH_SQL);
        const { recovery, streaming, lag } = rows[0];
        r.lagSeconds = Number(lag);
        r.reason = !recovery ? 'not a replica (not in recovery)' : !streaming ? 'not streaming from the primary' : r.lagSeconds > this.options.maxLagSeconds ? `lagging ${r.lagSeconds.toFixed(1)} s` : null;
      } catch (error) {
        r.lagSeconds = null;
        r.reason = `unreachable: ${(error as Error).message}`;
      }
      r.healthy = r.reason == null;
      if (was !== r.healthy) logger.warn({ replica: r.name, reason: r.reason }, r.healthy ? 'replica in use' : 'replica skipped: reads go to the primary');
    }));
  }

  /** The next healthy replica (round robin), or null. */
  pick(): Replica | null {
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[(this.next + i) % this.replicas.length];
      if (r.healthy) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return r;
      }
    }
    return null;
  }

  markWrote(key: string): Promise<void> {
    return this.options.stickySeconds > 0 ? this.sticky.mark(key, this.options.stickySeconds * 1000) : Promise.resolve();
  }

  isSticky(key: string): Promise<boolean> {
    return this.options.stickySeconds > 0 ? this.sticky.isSticky(key) : Promise.resolve(false);
  }

  stats(): ReadStats {
    return { primary: this.primaryServed, replicas: this.replicas.map(({ name, healthy, lagSeconds, reason, served }) => ({ name, healthy, lagSeconds, reason, served })) };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled(this.replicas.map((r) => r.pool.end()));
  }
}

/** The replicas of each ORM (by its driver, which every fork shares), and the caller each request's EM reads for. */
const byDriver = new WeakMap<object, ReadReplicas>();
const callers = new WeakMap<EntityManager, string>();

export function attachReplicas(orm: MikroORM, replicas: ReadReplicas): void {
  byDriver.set(orm.em.getDriver(), replicas);
}

export function replicasOf(em: EntityManager): ReadReplicas | null {
  return byDriver.get(em.getDriver()) ?? null;
}

/** Reads of this request's EntityManager are made for `caller` (its key for read-your-writes). */
export function readsFor(em: EntityManager, caller: string): void {
  callers.set(em, caller);
}

/**
 * A heavy read: on a healthy replica when there is one and the caller has not written in the last
 * REPLICA_STICKY_SECONDS; otherwise, in a transaction, or for an EntityManager of no known caller, on the
 * primary exactly like `sql`. Same `?` placeholders and array binding as `sql`.
 */
export async function readSql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const replicas = replicasOf(em);
  const caller = callers.get(em);
  if (!replicas || caller == null || em.getTransactionContext()) return primary(replicas, em, text, params);
  if (await replicas.isSticky(caller)) return primary(replicas, em, text, params);
  const replica = replicas.pick();
  if (!replica) return primary(replicas, em, text, params);
  const statement = statementOf(text);
  try {
    const result = await replica.pool.query({ name: statement.name, text: statement.text, values: params.map((p) => (Array.isArray(p) ? arrayLiteral(p) : p)) });
    replica.served++;
    return result.rows as T[];
  } catch (error) {
    // down, restarting, or a query cancelled by recovery: answer from the primary, and check the replica again
    logger.warn({ err: error, replica: replica.name }, 'read on replica failed; answered from the primary');
    if (isConnectionError(error)) {
      replica.healthy = false;
      replica.reason = `unreachable: ${(error as Error).message}`;
    }
    return primary(replicas, em, text, params);
  }
}

function primary<T>(replicas: ReadReplicas | null, em: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  if (replicas) replicas.primaryServed++;
  return sql<T>(em, text, params);
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === '57P01' || code === '57P03' || code === '08006' || code === '08001'
    || /timeout|terminat|connect/i.test((error as Error)?.message ?? '');
}
