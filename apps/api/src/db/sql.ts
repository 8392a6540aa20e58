import type { EntityManager } from '@mikro-orm/postgresql';

/** Run raw SQL with `?` placeholders through the request's connection (so it counts and joins transactions). */
export function sql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  // the query builder would spread a JS array into a list of placeholders; pass arrays as one
  // PostgreSQL array literal instead (write `= any(?::int[])` in the SQL)
  const bound = params.map((p) => (Array.isArray(p) ? arrayLiteral(p) : p));
  return em.getConnection().execute<T[]>(text, bound as never[], 'all', em.getTransactionContext());
}

function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

/** Escape LIKE wildcards in user text. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
