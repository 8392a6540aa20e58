/**
 * The delivery worker: claims due PENDING messages with FOR UPDATE SKIP LOCKED inside a transaction, hands each
 * to the provider and records the outcome before committing. A second worker (another API instance, or a pass
 * overlapping a slow one) skips the rows the first holds, so no message is handed over twice. A provider that
 * throws gets the message again later (backing off), up to MAX_ATTEMPTS, then it is FAILED.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { sql } from '../../db/sql.js';
import { NotificationKind } from './notification.entity.js';
import type { NotificationProvider } from './notification.provider.js';

export const MAX_ATTEMPTS = 5;
const BATCH = 50;
/** Wait before the next attempt: 1, 2, 4, 8 minutes. */
const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

/** Finds the phone of a message that is not about a registration (a demand's reply); registered by its module. */
export type RecipientSource = (em: EntityManager, demandId: number) => Promise<string | null>;
let demandRecipient: RecipientSource | null = null;
export function registerDemandRecipient(source: RecipientSource): void { demandRecipient = source; }

export interface DeliveryPass { sent: number; pageOnly: number; retrying: number; failed: number }

/** One pass: delivers every due message (in batches) and says what happened. */
export async function deliverPending(orm: MikroORM | EntityManager, provider: NotificationProvider, now: () => Date = () => new Date()): Promise<DeliveryPass> {
  const pass: DeliveryPass = { sent: 0, pageOnly: 0, retrying: 0, failed: 0 };
  const em = ('em' in orm ? orm.em : orm).fork();
  for (;;) {
    const handled = await em.transactional(async (tx) => {
      const due = await sql<{ id: number; kind: NotificationKind; body: string; attempts: number; phone: string | null; code: string | null; demand_id: number | null }>(tx,
        `select n.id, n.kind, n.body, n.attempts, r.phone, r.code, n.demand_id
         from notification n left join registration r on r.id = n.registration_id
         where n.status = 'PENDING' and n.next_attempt_at <= ?
         order by n.id limit ? for update of n skip locked`, [now(), BATCH]);
      for (const m of due) {
        const phone = m.phone ?? (m.demand_id != null && demandRecipient ? await demandRecipient(tx, m.demand_id) : null);
        const attempts = m.attempts + 1;
        try {
          if (!phone) throw new Error('no recipient phone');
          const outcome = await provider.deliver({ id: m.id, kind: m.kind, phone, body: m.body, code: m.code });
          await sql(tx, `update notification set status = ?, provider = ?, attempts = ?, sent_at = ?, last_error = null where id = ?`, [outcome, provider.name, attempts, now(), m.id]);
          if (outcome === 'SENT') pass.sent++; else pass.pageOnly++;
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
          const failed = attempts >= MAX_ATTEMPTS || !phone;
          await sql(tx, `update notification set status = ?, provider = ?, attempts = ?, last_error = ?, next_attempt_at = ? where id = ?`,
            [failed ? 'FAILED' : 'PENDING', provider.name, attempts, message, new Date(now().getTime() + backoffMs(attempts)), m.id]);
          if (failed) pass.failed++; else pass.retrying++;
        }
      }
      return due.length;
    });
    if (handled < BATCH) return pass;
  }
}

/** Run a pass every `intervalMs` (0: never); passes never overlap in one process. Returns the stop function. */
export function startNotificationWorker(orm: MikroORM, provider: NotificationProvider, intervalMs: number, onError: (error: unknown) => void): () => void {
  if (intervalMs <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverPending(orm, provider).catch(onError).finally(() => { running = false; });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
