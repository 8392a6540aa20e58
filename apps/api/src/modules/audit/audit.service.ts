/**
 * The personal-data audit log. It listens to every reveal (modules/access/policy.ts `onReveal`) and writes one
 * row per announcement, on the EntityManager the listener is given: inside a write's transaction the row commits
 * or rolls back with the write. Reads outside a transaction that happen together (the fields of one GraphQL
 * response) are written in one statement, each caller awaiting it before its clear value is returned.
 */
import type { Context } from '../../graphql/context.js';
import type { Page } from '../../graphql/relay.js';
import { fromGlobalId, idOf } from '../../graphql/relay.js';
import { ORG_TYPE_NAMES } from '../org/index.js';
import { fail, UserErrorCode } from '../../graphql/errors.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { condition, onReveal, type RevealEvent } from '../access/index.js';
import { PersonalDataAuditEntity } from './audit.entity.js';
import './audit.policy.js';

interface AuditRow {
  account_id: number | null; principal_kind: string; principal_label: string; record_type: string; record_id: number | null;
  org_node_id: number | null; fields: string[]; action: string; reason: string | null;
}

function rowOf(event: RevealEvent): AuditRow {
  const p = event.principal;
  return {
    account_id: p.kind === 'staff' ? p.accountId : null,
    principal_kind: p.kind,
    principal_label: p.kind === 'partner' ? `partner token ${p.tokenId}` : '',
    record_type: event.type,
    record_id: typeof event.id === 'number' ? event.id : event.id == null ? null : Number(event.id) || null,
    org_node_id: event.orgNodeId,
    fields: event.fields,
    action: event.action,
    reason: event.reason == null ? null : event.reason.slice(0, 200),
  };
}

const INSERT = `insert into personal_data_audit (account_id, principal_kind, principal_label, record_type, record_id, org_node_id, fields, action, reason)
  select account_id, principal_kind, principal_label, record_type, record_id, org_node_id, fields, action, reason
  from jsonb_to_recordset(?::jsonb) as x(account_id int, principal_kind text, principal_label text, record_type text, record_id int,
                                         org_node_id int, fields text[], action text, reason text)`;

/** Rows waiting for the next write, per request EntityManager (reads outside a transaction). */
const pending = new WeakMap<object, { rows: AuditRow[]; done: Promise<void> }>();

function writeSoon(em: Context['em'], row: AuditRow): Promise<void> {
  let batch = pending.get(em);
  if (!batch) {
    const rows: AuditRow[] = [];
    const done = new Promise<void>((resolve, reject) => {
      // after the current microtasks and the loaders' own batches: the fields resolved together share one statement
      setImmediate(() => {
        pending.delete(em);
        sql(em, INSERT, [JSON.stringify(rows)]).then(() => resolve(), reject);
      });
    });
    batch = { rows, done };
    pending.set(em, batch);
  }
  batch.rows.push(row);
  return batch.done;
}

/** Write the audit row of one reveal: now inside a transaction, else batched with the request's other reveals. */
export async function recordReveal(event: RevealEvent, _ctx: Context, em: Context['em']): Promise<void> {
  const row = rowOf(event);
  if (em.getTransactionContext()) {
    await sql(em, INSERT, [JSON.stringify([row])]);
    return;
  }
  await writeSoon(em, row);
}

onReveal(recordReveal);

export interface AuditFilter {
  orgNodeId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  accountId?: string | null;
  since?: Date | null;
  until?: Date | null;
}

function whereOf(ctx: Context, filter: AuditFilter | null | undefined): { sql: string; params: unknown[] } {
  const c = condition(ctx, 'read', 'PersonalDataAudit', 'a');
  const parts = [c.sql];
  const params = [...c.params];
  if (filter?.orgNodeId) {
    const id = idOf(filter.orgNodeId, ...ORG_TYPE_NAMES);
    if (id == null) fail(UserErrorCode.INVALID_INPUT, '组织编号无效', ['filter', 'orgNodeId']);
    parts.push(`a.org_node_id in (select d.id from org_node d where starts_with(d.path, (select n.path from org_node n where n.id = ?)))`);
    params.push(id);
  }
  if (filter?.recordType) { parts.push('a.record_type = ?'); params.push(filter.recordType); }
  if (filter?.recordId) {
    const ref = fromGlobalId(filter.recordId);
    if (ref == null) fail(UserErrorCode.INVALID_INPUT, '记录编号无效', ['filter', 'recordId']);
    parts.push('a.record_type = ? and a.record_id = ?'); params.push(ref.type, ref.id);
  }
  if (filter?.accountId) {
    const id = idOf(filter.accountId, 'Account');
    if (id == null) fail(UserErrorCode.INVALID_INPUT, '账号编号无效', ['filter', 'accountId']);
    parts.push('a.account_id = ?'); params.push(id);
  }
  if (filter?.since) { parts.push('a.created_at >= ?'); params.push(filter.since); }
  if (filter?.until) { parts.push('a.created_at < ?'); params.push(filter.until); }
  return { sql: parts.join(' and '), params };
}

/** One page of the audit rows the caller may read (committee admins), newest first. */
export async function listAudit(ctx: Context, filter: AuditFilter | null | undefined, page: Page): Promise<PersonalDataAuditEntity[]> {
  ctx.access.requireStaff();
  const where = whereOf(ctx, filter);
  if (where.sql.startsWith('false')) return [];
  const rows = await sql(ctx.em, `select a.* from personal_data_audit a where ${where.sql} order by a.created_at desc, a.id desc limit ? offset ?`,
    [...where.params, page.limit + 1, page.offset]);
  return fromRows(ctx.em, PersonalDataAuditEntity, rows);
}

export async function countAudit(ctx: Context, filter: AuditFilter | null | undefined): Promise<number> {
  const where = whereOf(ctx, filter);
  if (where.sql.startsWith('false')) return 0;
  const [{ count }] = await sql<{ count: string }>(ctx.em, `select count(*) from personal_data_audit a where ${where.sql}`, where.params);
  return Number(count);
}

/** Display names of accounts, batched. */
export function accountNameOf(ctx: Context, accountId: number | null): Promise<string | null> {
  if (accountId == null) return Promise.resolve(null);
  return ctx.loaders.get<number, string | null>('audit.accountName', async (ids) => {
    const rows = await sql<{ id: number; name: string }>(ctx.em, `select id, display_name as name from account where id = any(?::int[])`, [[...ids]]);
    const map = new Map(rows.map((r) => [r.id, r.name]));
    return ids.map((id) => map.get(id) ?? null);
  }).load(accountId);
}

/** Many announcements at once (a spreadsheet import): one statement, on the given (transaction's) EntityManager. */
export async function recordRevealBatch(events: RevealEvent[], em: Context['em']): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) await sql(em, INSERT, [JSON.stringify(events.slice(i, i + 5000).map(rowOf))]);
}
