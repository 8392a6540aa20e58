/**
 * The outbox: writing messages (inside the transaction of the change they report, so a change and its
 * messages commit or roll back together) and reading them back for the resident's code page and the admin site.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../graphql/context.js';
import { byKey, groupBy } from '../../graphql/loaders.js';
import type { Page } from '../../graphql/relay.js';
import { sql } from '../../db/sql.js';
import { fromRows } from '../../db/rows.js';
import { NotificationEntity, NotificationKind } from './notification.entity.js';

/** The most messages the code page shows for one registration (newest first): the field's list bound. */
export const MAX_REGISTRATION_NOTIFICATIONS = 20;

export interface ActivityMessage {
  kind: NotificationKind;
  activity: { id: number; communityId: number; sequence: number };
  /** The text, or one per registration (by its code) for messages that name the code. */
  body: string | ((code: string) => string);
}

/**
 * One message per registration, for the given registrations or, without ids, for everyone still expecting to
 * come (confirmed or waiting). A registration already told about this edit (same kind and activity sequence)
 * is not told twice. Returns how many messages were written.
 */
export async function enqueueForRegistrations(em: EntityManager, message: ActivityMessage, registrationIds?: number[]): Promise<number> {
  if (registrationIds && registrationIds.length === 0) return 0;
  const targets = await sql<{ id: number; code: string }>(em,
    registrationIds
      ? `select id, code from registration where id = any(?::int[]) and activity_id = ? order by id`
      : `select id, code from registration where activity_id = ? and status in ('CONFIRMED', 'WAITLISTED') order by id`,
    registrationIds ? [registrationIds, message.activity.id] : [message.activity.id]);
  if (targets.length === 0) return 0;
  const bodies = targets.map((t) => (typeof message.body === 'string' ? message.body : message.body(t.code)));
  const rows = await sql(em,
    `insert into notification (community_id, kind, activity_id, registration_id, activity_sequence, body)
     select ?, ?, ?, t.id, ?, t.body from unnest(?::int[], ?::text[]) as t(id, body)
     on conflict (registration_id, kind, activity_sequence) where registration_id is not null do nothing
     returning id`,
    [message.activity.communityId, message.kind, message.activity.id, message.activity.sequence, targets.map((t) => t.id), bodies]);
  return rows.length;
}

/** The newest messages to each registration (at most MAX_REGISTRATION_NOTIFICATIONS), batched. */
export function notificationsOfRegistration(ctx: Context, registrationId: number): Promise<NotificationEntity[]> {
  return ctx.loaders
    .get<number, NotificationEntity[]>('notification.byRegistration', async (ids) => {
      const rows = await sql(ctx.em,
        `select * from (
           select n.*, row_number() over (partition by n.registration_id order by n.id desc) as rn
           from notification n where n.registration_id = any(?::int[])
         ) t where rn <= ? order by registration_id, id desc`, [[...ids], MAX_REGISTRATION_NOTIFICATIONS]);
      return groupBy(ids, fromRows(ctx.em, NotificationEntity, rows), (n) => n.registrationId!);
    })
    .load(registrationId);
}

/** One page of the messages about each activity, newest first, batched (the caller checks access). */
export function notificationsOfActivity(ctx: Context, activityId: number, page: Page): Promise<NotificationEntity[]> {
  return ctx.loaders
    .get<number, NotificationEntity[]>(`notification.byActivity:${page.offset}:${page.limit}`, async (ids) => {
      const rows = await sql(ctx.em,
        `select * from (
           select n.*, row_number() over (partition by n.activity_id order by n.id desc) - 1 as rn
           from notification n where n.activity_id = any(?::int[])
         ) t where rn >= ? and rn <= ? order by activity_id, rn`, [[...ids], page.offset, page.offset + page.limit]);
      return groupBy(ids, fromRows(ctx.em, NotificationEntity, rows), (n) => n.activityId!);
    })
    .load(activityId);
}

export function notificationCountOfActivity(ctx: Context, activityId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('notification.countByActivity', async (ids) => {
      const rows = await sql<{ activity_id: number; count: string }>(ctx.em,
        `select activity_id, count(*) from notification where activity_id = any(?::int[]) group by activity_id`, [[...ids]]);
      return byKey(ids, rows, (r) => r.activity_id).map((r) => Number(r?.count ?? 0));
    })
    .load(activityId);
}
