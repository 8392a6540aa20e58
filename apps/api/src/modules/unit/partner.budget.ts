/**
 * The query budget of each partner token (a token bucket kept in PostgreSQL). The bucket holds at most
 * PARTNER_BUDGET_POINTS and refills at PARTNER_BUDGET_REFILL_PER_SECOND; every request's price is taken
 * from it before the request runs. One UPDATE refills by the time elapsed and deducts only when enough is
 * left, so parallel requests (on any number of API instances) can never overdraw it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { sql } from '../../db/sql.js';

export interface BudgetState {
  /** Points left now (after any charge). */
  remaining: number;
  maximum: number;
  refillPerSecond: number;
  /** When the bucket will be full again if unused. */
  fullAt: Date;
}

export type ChargeResult = { charged: true; state: BudgetState } | { charged: false; state: BudgetState; retryAfterSeconds: number };

/** The bucket's level now, as SQL over the row's own columns (parameters: max, max, rate). */
const LEVEL = `least(?::float8, coalesce(budget_points, ?::float8) + greatest(0, extract(epoch from (clock_timestamp() - budget_at))) * ?::float8)`;

function state(points: number, config: Config): BudgetState {
  const maximum = config.PARTNER_BUDGET_POINTS;
  const refillPerSecond = config.PARTNER_BUDGET_REFILL_PER_SECOND;
  const remaining = Math.max(0, Math.min(maximum, points));
  return { remaining: Math.floor(remaining), maximum, refillPerSecond, fullAt: new Date(Date.now() + ((maximum - remaining) / refillPerSecond) * 1000) };
}

/** Take `cost` points from the token's bucket if it holds them; otherwise take nothing and say when it will. */
export async function chargeBudget(em: EntityManager, config: Config, tokenId: number, cost: number): Promise<ChargeResult> {
  const rate = [config.PARTNER_BUDGET_POINTS, config.PARTNER_BUDGET_POINTS, config.PARTNER_BUDGET_REFILL_PER_SECOND];
  const [row] = await sql<{ budget_points: number }>(em,
    `update partner_token set budget_points = ${LEVEL} - ?::float8, budget_at = clock_timestamp()
     where id = ? and ${LEVEL} >= ?::float8
     returning budget_points`,
    [...rate, cost, tokenId, ...rate, cost]);
  if (row) return { charged: true, state: state(Number(row.budget_points), config) };
  const level = await readLevel(em, config, tokenId);
  return { charged: false, state: state(level, config), retryAfterSeconds: Math.max(1, Math.ceil((cost - level) / config.PARTNER_BUDGET_REFILL_PER_SECOND)) };
}

async function readLevel(em: EntityManager, config: Config, tokenId: number): Promise<number> {
  const [row] = await sql<{ level: number }>(em, `select ${LEVEL} as level from partner_token where id = ?`,
    [config.PARTNER_BUDGET_POINTS, config.PARTNER_BUDGET_POINTS, config.PARTNER_BUDGET_REFILL_PER_SECOND, tokenId]);
  return Number(row?.level ?? 0);
}

/** The token's bucket now, without charging. */
export async function readBudget(em: EntityManager, config: Config, tokenId: number): Promise<BudgetState> {
  return state(await readLevel(em, config, tokenId), config);
}
