/**
 * The policy check: runs a policy's JS decision over every row of its table and its SQL condition over the
 * same table, for one caller, and reports the rows where they disagree. Tests run it for every policy and many
 * callers; a disagreement means a list would show what a single read refuses, or the other way round.
 */
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import type { Context } from '../../graphql/context.js';
import { can, condition, policyOf, type Action, type Policy } from './policy.js';

export interface Disagreement {
  type: string;
  action: Action;
  /** Row ids the JS decision allows and the SQL condition does not. */
  onlyJs: number[];
  /** Row ids the SQL condition allows and the JS decision does not. */
  onlySql: number[];
}

/** Actions a policy decides for anyone (a rule, or a partner scope). */
export function actionsOf(policy: Policy): Action[] {
  return (['read', 'write', 'reveal'] as Action[]).filter((a) => policy[a] || policy.unit?.scopes[a]);
}

/**
 * Compare the JS decision and the SQL condition of `type` (or of an unregistered `policy` given directly,
 * for testing the check itself) on every row of its table. Null when they agree.
 */
export async function checkPolicy(ctx: Context, type: string, action: Action, policy: Policy | undefined = policyOf(type)): Promise<Disagreement | null> {
  if (!policy) throw new Error(`no access policy for ${type}`);
  const rowsOf = policy.rowsOf ? `where ${policy.rowsOf('t')}` : '';
  const rows = await sql(ctx.em, `select t.* from ${policy.table} t ${rowsOf} order by t.id`);
  const entities = fromRows(ctx.em, policy.entity as never, rows) as { id: number }[];
  const registered = policyOf(type) === policy;
  const decide = (row: { id: number }) => (registered ? can(ctx, action, type, row) : Promise.resolve(policy[action]?.check(ctx, row) ?? false));
  const decisions = await Promise.all(entities.map(decide));
  const jsIds = new Set(entities.filter((_, i) => decisions[i]).map((e) => e.id));

  const cond = registered ? condition(ctx, action, type, 't') : (policy[action]?.sql(ctx, 't') ?? { sql: 'false', params: [] });
  const where = [cond.sql, ...(policy.rowsOf ? [policy.rowsOf('t')] : [])].join(' and ');
  const sqlIds = new Set((await sql<{ id: number }>(ctx.em, `select t.id from ${policy.table} t where ${where}`, cond.params)).map((r) => Number(r.id)));

  const onlyJs = [...jsIds].filter((id) => !sqlIds.has(id)).sort((a, b) => a - b);
  const onlySql = [...sqlIds].filter((id) => !jsIds.has(id)).sort((a, b) => a - b);
  return onlyJs.length || onlySql.length ? { type, action, onlyJs, onlySql } : null;
}
