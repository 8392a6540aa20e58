/**
 * The escalation job: an overdue demand goes up the chain exactly once per level, from its own node (a branch or
 * the committee's desk) to the community committee (level 1), and, still overdue ESCALATION_STEP_HOURS later,
 * to the street (level 2). Each step bumps the demand's version and records ESCALATED in its timeline, in the
 * same transaction.
 *
 * Safe with several API instances: a pass runs under a transaction-scoped advisory lock (another instance's
 * pass at the same moment finds it taken and does nothing), and the rows it changes are claimed with
 * FOR UPDATE SKIP LOCKED, re-checking the level in the same statement, so a row a user is changing right now
 * waits for the next pass instead of blocking this one.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql } from '../../db/sql.js';
import { ESCALATION_STEP_HOURS } from './demand.deadlines.js';
import { DEMAND_TOPIC, OVERDUE_SQL, type DemandChangeMessage } from './demand.service.js';
import { currentBus } from '../../cluster/bus.js';

/** The advisory lock that lets one pass run at a time across instances. */
const LOCK_SQL = `select pg_try_advisory_xact_lock(hashtext('tongxin.demand.escalation')) as locked`;
/** Demands claimed per statement; a pass repeats until none is left. */
const BATCH = 500;

export interface Escalation { demandId: number; level: number; communityId: number }

const LEVEL_TEXT: Record<number, string> = {
  1: '超过办理期限，已升级至社区党委督办',
  2: '升级后仍未办结，已升级至街道党工委督办',
};

/**
 * One pass at time `now`: escalates every demand overdue at `now` one level and returns what it escalated;
 * returns [] when another pass holds the lock.
 */
export async function escalateOverdue(orm: MikroORM | EntityManager, now: Date = new Date()): Promise<Escalation[]> {
  const em = ('em' in orm ? orm.em : orm).fork();
  const done = await em.transactional(async (tx) => {
    const [{ locked }] = await sql<{ locked: boolean }>(tx, LOCK_SQL);
    if (!locked) return [];
    const stepBefore = new Date(now.getTime() - ESCALATION_STEP_HOURS * 3_600_000);
    const done: Escalation[] = [];
    for (;;) {
      // claim, raise and record one batch in one statement
      const rows = await sql<{ id: number; escalation_level: number; community_id: number }>(tx,
        `with claimed as (
           select d.id, d.escalation_level from demand d
           where ${OVERDUE_SQL('d')} and (d.escalation_level = 0 or (d.escalation_level = 1 and d.escalated_at <= ?))
           order by d.id limit ? for update skip locked
         ), raised as (
           update demand d set escalation_level = c.escalation_level + 1, escalated_at = ?, version = d.version + 1, updated_at = ?
           from claimed c where d.id = c.id
           returning d.id, d.escalation_level, d.community_id
         ), logged as (
           insert into demand_event (demand_id, kind, body, public, actor_kind, escalation_level, created_at)
           select r.id, 'ESCALATED', case r.escalation_level when 1 then ? else ? end, true, 'SYSTEM', r.escalation_level, ? from raised r
         )
         select id, escalation_level, community_id from raised order by id`,
        [now, now, stepBefore, BATCH, now, now, LEVEL_TEXT[1], LEVEL_TEXT[2], now]);
      for (const r of rows) done.push({ demandId: r.id, level: r.escalation_level, communityId: r.community_id });
      if (rows.length < BATCH) return done;
    }
  });
  // after the commit: live updates for the demands it raised
  for (const e of done) currentBus().publish(DEMAND_TOPIC, { demandId: e.demandId } satisfies DemandChangeMessage);
  return done;
}

/**
 * Run `escalateOverdue` every `intervalSeconds` (the API calls it at start; tests run passes themselves).
 * Returns the stop function. A failing pass is reported and the next one runs as planned.
 */
export function startDemandEscalation(orm: MikroORM, intervalSeconds: number, onError: (error: unknown) => void = () => {}, onEscalated: (done: Escalation[]) => void = () => {}): () => void {
  if (intervalSeconds <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    escalateOverdue(orm).then((done) => { if (done.length) onEscalated(done); }).catch(onError).finally(() => { running = false; });
  }, intervalSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
