/**
 * What residents are told about their sign-ups, written into the notification outbox in the transaction of the
 * change: moved up from the waiting list, the activity changed, the activity cancelled.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../../db/sql.js';
import { enqueueForRegistrations, NotificationKind } from '../notification/index.js';
import type { ActivityEntity } from './activity.entity.js';
import { shanghai, WEEKDAY_LABEL } from './activity.time.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** 12月5日（周五）14:00, Beijing time. */
export function whenText(instant: Date): string {
  const d = shanghai(instant);
  const minutes = Math.floor(d.msOfDay / 60_000);
  return `${d.month}月${d.day}日（${WEEKDAY_LABEL[d.weekday]}）${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

async function venueName(em: EntityManager, a: ActivityEntity): Promise<string | null> {
  if (a.venueId == null) return null;
  const [v] = await sql<{ name: string }>(em, `select name from venue where id = ?`, [a.venueId]);
  return v?.name ?? null;
}

const clip = (text: string, max = 40) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

/** The given registrations moved up from the waiting list. */
export function notifyPromoted(em: EntityManager, a: ActivityEntity, registrationIds: number[]): Promise<number> {
  return enqueueForRegistrations(em, {
    kind: NotificationKind.WAITLIST_PROMOTED,
    activity: a,
    body: (code) => `您已从候补转为正式报名：「${clip(a.title)}」，${whenText(a.startsAt)}开始。确认码 ${code}，到场时出示。`,
  }, registrationIds);
}

/** Everyone still expecting to come: the activity's time, place or title changed. */
export async function notifyChanged(em: EntityManager, a: ActivityEntity): Promise<number> {
  const venue = await venueName(em, a);
  return enqueueForRegistrations(em, {
    kind: NotificationKind.ACTIVITY_CHANGED,
    activity: a,
    body: `您报名的活动有变动：「${clip(a.title)}」现为${whenText(a.startsAt)}开始${venue ? `，地点：${clip(venue, 30)}` : ''}。请以报名凭证页为准。`,
  });
}

/** Everyone still expecting to come: the activity was cancelled. */
export function notifyCancelled(em: EntityManager, a: ActivityEntity): Promise<number> {
  return enqueueForRegistrations(em, {
    kind: NotificationKind.ACTIVITY_CANCELLED,
    activity: a,
    body: `很抱歉，您报名的「${clip(a.title)}」（${whenText(a.startsAt)}）已取消，无需到场。`,
  });
}
