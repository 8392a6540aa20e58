/**
 * Retention of residents' contact details. Kept only as long as the work needs them:
 * - an activity sign-up's phone: RETENTION_REGISTRATION_DAYS (30) after the activity ended;
 * - an archived volunteer's phone: RETENTION_REGISTRATION_DAYS after the volunteer was archived;
 * - a demand's reporter name and phone: RETENTION_DEMAND_CONTACT_DAYS (180) after it was resolved, closed,
 *   rejected or marked a duplicate.
 * The rows stay (names of sign-ups, states, ratings, hours), so counts and statistics do not change. Each cleared
 * row gets `contact_cleared_at` and one personal_data_audit row (WRITE, principal `system`, with the rule as the
 * reason). A pass is idempotent (it only touches rows not cleared yet) and runs under a transaction-scoped
 * advisory lock: with several API instances, one pass at a time; the others skip.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql } from '../../db/sql.js';

const LOCK_SQL = `select pg_try_advisory_xact_lock(hashtext('tongxin.retention')) as locked`;
/** Rows cleared per statement, so one pass never holds long locks on a big backlog. */
const BATCH = 1000;

export interface RetentionPolicy {
  registrationDays: number;
  demandContactDays: number;
}

export interface RetentionResult {
  /** False when another instance held the lock: nothing was done. */
  ran: boolean;
  registrations: number;
  volunteers: number;
  demands: number;
}

const DONE_STATES = `('RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE')`;

/** One pass: clear what has been kept long enough, as of `now`. */
export async function runRetention(orm: MikroORM | EntityManager, policy: RetentionPolicy, now: Date = new Date()): Promise<RetentionResult> {
  const em = ('em' in orm ? orm.em : orm).fork();
  return em.transactional(async (tx) => {
    const [{ locked }] = await sql<{ locked: boolean }>(tx, LOCK_SQL);
    const result: RetentionResult = { ran: locked, registrations: 0, volunteers: 0, demands: 0 };
    if (!locked) return result;
    const registrationReason = `保存期满自动清除：活动结束 ${policy.registrationDays} 天后 (retention)`;
    const volunteerReason = `保存期满自动清除：志愿者停用 ${policy.registrationDays} 天后 (retention)`;
    const demandReason = `保存期满自动清除：诉求办结 ${policy.demandContactDays} 天后 (retention)`;
    for (let after = 0; ;) {
      const rows = await sql<{ id: number; org_node_id: number }>(tx,
        `with due as (
           select r.id, a.organizer_id as org_node_id from registration r join activity a on a.id = r.activity_id
           where r.id > ? and r.contact_cleared_at is null and r.phone is not null and a.ends_at < ?::timestamptz - make_interval(days => ?)
           order by r.id limit ${BATCH} for update of r skip locked)
         update registration r set phone = null, contact_cleared_at = ?, updated_at = ? from due where r.id = due.id
         returning r.id, due.org_node_id`, [after, now, policy.registrationDays, now, now]);
      await audit(tx, 'Registration', rows, ['phone'], registrationReason, now);
      result.registrations += rows.length;
      if (rows.length < BATCH) break;
      after = lastId(rows);
    }
    for (let after = 0; ;) {
      const rows = await sql<{ id: number; org_node_id: number }>(tx,
        `with due as (
           select v.id, v.community_id as org_node_id from volunteer v
           where v.id > ? and v.contact_cleared_at is null and v.phone is not null and v.archived_at < ?::timestamptz - make_interval(days => ?)
           order by v.id limit ${BATCH} for update skip locked)
         update volunteer v set phone = null, contact_cleared_at = ?, updated_at = ? from due where v.id = due.id
         returning v.id, due.org_node_id`, [after, now, policy.registrationDays, now, now]);
      await audit(tx, 'Volunteer', rows, ['phone'], volunteerReason, now);
      result.volunteers += rows.length;
      if (rows.length < BATCH) break;
      after = lastId(rows);
    }
    for (let after = 0; ;) {
      const rows = await sql<{ id: number; org_node_id: number }>(tx,
        `with due as (
           select d.id, d.org_node_id from demand d
           where d.id > ? and d.contact_cleared_at is null and (d.resident_name is not null or d.resident_phone is not null)
             and d.state in ${DONE_STATES}
             and coalesce(d.closed_at, d.resolved_at, d.updated_at) < ?::timestamptz - make_interval(days => ?)
           order by d.id limit ${BATCH} for update skip locked)
         update demand d set resident_name = null, resident_phone = null, contact_cleared_at = ? from due where d.id = due.id
         returning d.id, due.org_node_id`, [after, now, policy.demandContactDays, now]);
      await audit(tx, 'Demand', rows, ['residentName', 'residentPhone'], demandReason, now);
      result.demands += rows.length;
      if (rows.length < BATCH) break;
      after = lastId(rows);
    }
    return result;
  });
}

/**
 * Where the next batch starts: after the highest id of this one. Without it each batch would walk again, in id order,
 * past every row the pass has already cleared (still in the index until a vacuum), and a year of backlog, as on the
 * first pass over an existing city, would cost time quadratic in its size. A row skipped because someone held it
 * (SKIP LOCKED) waits for the next pass.
 */
function lastId(rows: { id: number }[]): number {
  return rows.reduce((max, r) => Math.max(max, r.id), 0);
}

async function audit(em: EntityManager, type: string, rows: { id: number; org_node_id: number }[], fields: string[], reason: string, now: Date): Promise<void> {
  if (!rows.length) return;
  await sql(em,
    `insert into personal_data_audit (account_id, principal_kind, principal_label, record_type, record_id, org_node_id, fields, action, reason, created_at)
     select null, 'system', 'retention', ?, r.id, r.org_node_id, ?::text[], 'WRITE', ?, ?
     from unnest(?::int[], ?::int[]) as r(id, org_node_id)`,
    [type, `{${fields.join(',')}}`, reason, now, `{${rows.map((r) => r.id).join(',')}}`, `{${rows.map((r) => r.org_node_id).join(',')}}`]);
}

/** Run a pass every `intervalSeconds` (0: never); returns the function that stops it. */
export function startRetention(orm: MikroORM, policy: RetentionPolicy, intervalSeconds: number, onError: (error: unknown) => void = () => {}, onDone: (result: RetentionResult) => void = () => {}): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    runRetention(orm, policy).then(onDone, onError).finally(() => { running = false; });
  };
  const timer = setInterval(pass, intervalSeconds * 1000);
  timer.unref();
  const first = setTimeout(pass, 5_000);
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
