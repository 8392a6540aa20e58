/** The month grid of the activity calendar: weeks from Monday, days outside the month marked. */
import { beijingDate, beijingMidnight } from './time';

export interface CalendarDay<T> {
  /** YYYY-MM-DD */
  date: string;
  day: number;
  inMonth: boolean;
  today: boolean;
  items: T[];
}

export interface Month { year: number; month: number }

/** `2026-12` → { 2026, 12 }; anything else → the month of `now` (Beijing). */
export function parseMonth(value: string | null | undefined, now = new Date()): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year >= 2000 && year <= 2100 && month >= 1 && month <= 12) return { year, month };
  }
  const d = beijingDate(now);
  return { year: d.year, month: d.month };
}

export function monthKey(m: Month): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

export function shiftMonth(m: Month, by: number): Month {
  const index = m.year * 12 + (m.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The instants bounding the month (Beijing): [from, to). */
export function monthBounds(m: Month): { from: Date; to: Date } {
  return { from: beijingMidnight(m.year, m.month, 1), to: beijingMidnight(m.year, m.month + 1, 1) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Weeks (Monday first) covering the month, each day with the items that start on it. */
export function monthGrid<T>(m: Month, items: readonly T[], startOf: (item: T) => string, now = new Date()): CalendarDay<T>[][] {
  const first = beijingMidnight(m.year, m.month, 1);
  const lead = (beijingDate(first).weekday + 6) % 7;
  const byDate = new Map<string, T[]>();
  for (const item of items) {
    const d = beijingDate(startOf(item));
    const key = `${d.year}-${pad(d.month)}-${pad(d.day)}`;
    byDate.set(key, [...(byDate.get(key) ?? []), item]);
  }
  const t = beijingDate(now);
  const todayKey = `${t.year}-${pad(t.month)}-${pad(t.day)}`;
  const weeks: CalendarDay<T>[][] = [];
  for (let offset = -lead; ; offset += 7) {
    const week: CalendarDay<T>[] = [];
    for (let i = 0; i < 7; i++) {
      const d = beijingDate(beijingMidnight(m.year, m.month, 1 + offset + i));
      const key = `${d.year}-${pad(d.month)}-${pad(d.day)}`;
      week.push({ date: key, day: d.day, inMonth: d.month === m.month, today: key === todayKey, items: byDate.get(key) ?? [] });
    }
    weeks.push(week);
    const next = beijingDate(beijingMidnight(m.year, m.month, 1 + offset + 7));
    if (next.month !== m.month || next.year !== m.year) break;
  }
  return weeks;
}
