import type { ActivityCategory, ActivityStatus, ActivityWindow, RegistrationStatus } from '$lib/gql/graphql';
import { ACTIVITY_CATEGORY_LABEL, REGISTRATION_STATUS_LABEL } from '@tongxin/ui';
export { NOTIFICATION_KIND_LABEL } from '@tongxin/ui';
import { formatDateTime } from './format';

/** Activity categories in Chinese, as the admin site and the API name them. */
export const CATEGORY_LABELS: Readonly<Record<ActivityCategory, string>> = ACTIVITY_CATEGORY_LABEL;

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as ActivityCategory[];

export function parseCategory(value: string | null): ActivityCategory | null {
  return value && (CATEGORIES as string[]).includes(value) ? (value as ActivityCategory) : null;
}

/** Time filters as they appear in shareable links (?when=week). */
export const WHEN_OPTIONS = [
  { value: 'upcoming', label: '近期全部', window: 'UPCOMING' },
  { value: 'week', label: '本周', window: 'THIS_WEEK' },
  { value: 'month', label: '本月', window: 'THIS_MONTH' },
] as const satisfies readonly { value: string; label: string; window: ActivityWindow }[];

export type When = (typeof WHEN_OPTIONS)[number]['value'];

export function parseWhen(value: string | null): When {
  return WHEN_OPTIONS.find((o) => o.value === value)?.value ?? 'upcoming';
}

export function windowOf(when: When): ActivityWindow {
  return WHEN_OPTIONS.find((o) => o.value === when)!.window;
}

export type SeatsTone = 'open' | 'few' | 'full' | 'unlimited';

export function seatsInfo(a: { capacity?: number | null; seatsLeft?: number | null; registrationOpen: boolean }): {
  text: string;
  tone: SeatsTone;
} {
  if (a.capacity == null || a.seatsLeft == null) return { text: '不限名额', tone: 'unlimited' };
  if (a.seatsLeft > 0) return { text: `剩余 ${a.seatsLeft} 个名额`, tone: a.seatsLeft <= 5 ? 'few' : 'open' };
  return { text: a.registrationOpen ? '已满，可排队候补' : '名额已满', tone: 'full' };
}

/** Why sign-up is not possible right now, in words a resident understands; null while it is open. */
export function registrationNotice(
  a: {
    registrationOpen: boolean;
    status: ActivityStatus;
    startsAt: string;
    endsAt: string;
    registrationOpensAt?: string | null;
  },
  now: Date = new Date(),
): string | null {
  if (a.status === 'CANCELLED') return '活动已取消';
  if (a.status === 'FINISHED' || new Date(a.endsAt) <= now) return '活动已结束';
  if (a.registrationOpen) return null;
  if (a.registrationOpensAt && new Date(a.registrationOpensAt) > now) {
    return `报名将于 ${formatDateTime(a.registrationOpensAt, now)} 开始`;
  }
  if (new Date(a.startsAt) <= now) return '活动正在进行，报名已结束';
  return '报名已截止';
}

export function registrationStatusLabel(status: RegistrationStatus, waitlistPosition?: number | null): string {
  if (status === 'WAITLISTED' && waitlistPosition) return `候补第 ${waitlistPosition} 位`;
  return REGISTRATION_STATUS_LABEL[status];
}
