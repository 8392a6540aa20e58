/**
 * Calendar arithmetic in community time. China keeps one offset all year (UTC+8, no daylight saving), so
 * Asia/Shanghai dates are UTC dates shifted by eight hours: no time-zone library needed.
 */
import { RecurrenceFrequency } from './activity.entity.js';

const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

export const WEEKDAY_LABEL = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const NUMERAL = ['', '', '两', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const ORDINAL = ['', '第一个', '第二个', '第三个', '第四个'];

export interface LocalDate { year: number; month: number; day: number; weekday: number; msOfDay: number }

/** The Asia/Shanghai calendar date and time of day of an instant. */
export function shanghai(instant: Date): LocalDate {
  const local = new Date(instant.getTime() + OFFSET);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    msOfDay: (instant.getTime() + OFFSET) - Math.floor((instant.getTime() + OFFSET) / DAY) * DAY,
  };
}

/** The instant of a Shanghai wall-clock time (month 1-based; overflowing days roll into the next month). */
export function fromShanghai(year: number, month: number, day: number, msOfDay = 0): Date {
  return new Date(Date.UTC(year, month - 1, day) - OFFSET + msOfDay);
}

/** YYYY-MM-DD of the instant in Shanghai. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET).toISOString().slice(0, 10);
}

/** Monday 00:00 to next Monday 00:00, Shanghai time, around `now`. */
export function weekRange(now: Date): { from: Date; to: Date } {
  const { year, month, day, weekday } = shanghai(now);
  const from = fromShanghai(year, month, day - ((weekday + 6) % 7));
  return { from, to: new Date(from.getTime() + 7 * DAY) };
}

/** The first of this month 00:00 to the first of next month 00:00, Shanghai time. */
export function monthRange(now: Date): { from: Date; to: Date } {
  const { year, month } = shanghai(now);
  return { from: fromShanghai(year, month, 1), to: fromShanghai(year, month + 1, 1) };
}

/** January 1st to January 1st, Shanghai time. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

export type ActivityWindowName = 'THIS_WEEK' | 'THIS_MONTH' | 'UPCOMING' | 'PAST';

/** Conditions of a named window: activities starting in [startsFrom, startsBefore), or ending after / by an instant. */
export interface WindowBounds { startsFrom?: Date; startsBefore?: Date; endsAfter?: Date; endedBy?: Date }

export function windowBounds(window: ActivityWindowName, now: Date): WindowBounds {
  switch (window) {
    case 'THIS_WEEK': { const r = weekRange(now); return { startsFrom: r.from, startsBefore: r.to }; }
    case 'THIS_MONTH': { const r = monthRange(now); return { startsFrom: r.from, startsBefore: r.to }; }
    case 'UPCOMING': return { endsAfter: now };
    case 'PAST': return { endedBy: now };
  }
}

/** Service hours between two instants, rounded to the nearest half hour. */
export function roundedHours(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1_800_000) / 2);
}

// ---- recurrence --------------------------------------------------------------------------------------

export enum MonthlyBy { WEEKDAY_OF_MONTH = 'WEEKDAY_OF_MONTH', DAY_OF_MONTH = 'DAY_OF_MONTH' }

export interface RecurrenceRule { frequency: RecurrenceFrequency; interval: number; monthlyBy?: MonthlyBy | null }

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Which weekday-of-month the start is on: 1..4, or 'last' for a fifth one. */
function weekdayOrdinal(local: LocalDate): number | 'last' {
  const n = Math.ceil(local.day / 7);
  return n >= 5 ? 'last' : n;
}

/** Day of the month of the n-th (or last) given weekday. */
function nthWeekday(year: number, month: number, weekday: number, n: number | 'last'): number {
  if (n === 'last') {
    const last = daysInMonth(year, month);
    const lastWeekday = new Date(Date.UTC(year, month - 1, last)).getUTCDay();
    return last - ((lastWeekday - weekday + 7) % 7);
  }
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((weekday - firstWeekday + 7) % 7) + (n - 1) * 7;
}

/** Display text of a rule anchored at a first occurrence: 每周五, 每两周周六, 每月第一个周六, 每月15日. */
export function recurrenceLabel(rule: RecurrenceRule, first: Date): string {
  const local = shanghai(first);
  const every = (unit: string) => (rule.interval === 1 ? `每${unit}` : `每${NUMERAL[rule.interval] ?? rule.interval}${unit === '月' ? '个月' : unit}`);
  if (rule.frequency === RecurrenceFrequency.WEEKLY) {
    return rule.interval === 1 ? `每${WEEKDAY_LABEL[local.weekday]}` : `${every('周')}${WEEKDAY_LABEL[local.weekday]}`;
  }
  if (rule.monthlyBy === MonthlyBy.DAY_OF_MONTH) return `${every('月')}${local.day}日`;
  const n = weekdayOrdinal(local);
  return `${every('月')}${n === 'last' ? '最后一个' : ORDINAL[n]}${WEEKDAY_LABEL[local.weekday]}`;
}

/**
 * Start instants of a series: the first one and those following by the rule, at the same Shanghai time of
 * day, until `count` occurrences or the last one starting on or before `until`. Stops after `max + 1`
 * so callers can tell "too many" from "exactly max".
 */
export function occurrenceStarts(first: Date, rule: RecurrenceRule, limit: { count?: number | null; until?: Date | null }, max: number): Date[] {
  const local = shanghai(first);
  const wanted = Math.min(limit.count ?? Infinity, max + 1);
  const starts: Date[] = [];
  const ordinal = weekdayOrdinal(local);
  for (let k = 0; starts.length < wanted; k++) {
    let start: Date | null;
    if (rule.frequency === RecurrenceFrequency.WEEKLY) {
      start = new Date(first.getTime() + k * rule.interval * 7 * DAY);
    } else {
      const monthIndex = local.month - 1 + k * rule.interval;
      const year = local.year + Math.floor(monthIndex / 12);
      const month = (monthIndex % 12) + 1;
      if (rule.monthlyBy === MonthlyBy.DAY_OF_MONTH) {
        // months without that day (the 31st) are skipped rather than moved
        start = local.day <= daysInMonth(year, month) ? fromShanghai(year, month, local.day, local.msOfDay) : null;
      } else {
        start = fromShanghai(year, month, nthWeekday(year, month, local.weekday, ordinal), local.msOfDay);
      }
      if (k > 12 * 60) break;
    }
    if (start == null) continue;
    if (limit.until && start.getTime() > limit.until.getTime()) break;
    starts.push(start);
  }
  return starts;
}
