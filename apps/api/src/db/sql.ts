import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Run raw SQL with `?` placeholders through the request's connection (so it counts and joins transactions).
 *
 * Outside a transaction the statement goes straight to a pooled node-postgres client as a named (prepared)
 * statement: PostgreSQL plans it once per connection instead of on every request, and no query builder runs.
 * Inside a transaction it runs on the transaction's connection as before.
 */
export function sql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  // the query builder would spread a JS array into a list of placeholders; pass arrays as one
  // PostgreSQL array literal instead (write `= any(?::int[])` in the SQL)
  const bound = params.map((p) => (Array.isArray(p) ? arrayLiteral(p) : p));
  const trx = em.getTransactionContext();
  if (trx) return em.getConnection().execute<T[]>(text, bound as never[], 'all', trx);
  return prepared<T>(em, text, bound);
}

interface PgClient { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> }
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<unknown>;
  emit(event: 'query', data: { sql: string; bindings: unknown[] }): boolean;
}

/** A statement in PostgreSQL's `$n` form with its prepared-statement name; one per distinct text. */
interface Statement { name: string; text: string }
const statements = new Map<string, Statement>();
/** Distinct texts kept (lists build their SQL from the caller's grants, so texts vary a little). */
const MAX_STATEMENTS = 2000;

export function statementOf(text: string): Statement {
  let statement = statements.get(text);
  if (!statement) {
    let n = 0;
    // `?` placeholders become $1, $2, ... exactly as the query builder numbers them (`\\?` stays a literal `?`)
    const converted = text.replace(/(\\*)(\?)/g, (_match, escapes: string) => (escapes.length % 2 ? "?" : `$${++n}`));
    statement = { name: `tx_${createHash('sha1').update(converted).digest('base64url').slice(0, 20)}`, text: converted };
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(text, statement);
  }
  return statement;
}

async function prepared<T>(em: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const client = em.getConnection().getKnex().client as unknown as KnexClient;
  const statement = statementOf(text);
  // the same event the query builder emits, so statement counters and logs see these too
  client.emit('query', { sql: text, bindings: values });
  const connection = await client.acquireConnection();
  try {
    const result = await connection.query({ name: statement.name, text: statement.text, values });
    return result.rows as T[];
  } finally {
    await client.releaseConnection(connection);
  }
}

export function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

/** Escape LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
