/**
 * Dates of a recurring meeting schedule, as plain calendar dates (YYYY-MM-DD, the community's own calendar).
 *
 * A series is its rule plus its changes: a skipped original date drops out, a moved one takes place on its new
 * date but keeps its original date as its key (`meeting.schedule_date`), so the rest of the series never
 * shifts. Days past a month's end fall on its last day (the 31st is 30 April, 29 February in a leap year, 28
 * otherwise), and two days that land on the same date give one meeting.
 */
import { ScheduleRule } from './meeting.entity.js';

export interface ScheduleSpec {
  rule: ScheduleRule;
  /** 1 Monday .. 7 Sunday (WEEKLY). */
  weekday: number | null;
  /** Days of the month (MONTH_DAYS: several; MONTHLY, QUARTERLY: the first one, default the start date's day). */
  monthDays: number[];
  startDate: string;
  endDate: string | null;
}

export interface ScheduleChange { originalDate: string; movedTo: string | null }

export interface Occurrence { originalDate: string; date: string; moved: boolean }

/** How far a date may move (days either way): also how far back `upcoming` looks for dates moved forward. */
export const MAX_MOVE_DAYS = 60;

const DAY = 86_400_000;
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number) => fromMs(toMs(date) + days * DAY);
export const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY);
const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
const ymd = (year: number, month0: number, day: number) => fromMs(Date.UTC(year, month0, day));
/** 1 Monday .. 7 Sunday. */
export const weekdayOf = (date: string) => ((new Date(toMs(date)).getUTCDay() + 6) % 7) + 1;

/** Original dates of the rule from `from` on (inclusive), in order, without end unless the schedule ends. */
export function* originalDates(spec: ScheduleSpec, from: string): Generator<string> {
  const start = from > spec.startDate ? from : spec.startDate;
  const inRange = (d: string) => d >= start && (spec.endDate == null || d <= spec.endDate);
  const ended = (d: string) => spec.endDate != null && d > spec.endDate;
  if (spec.rule === ScheduleRule.WEEKLY) {
    let d = addDays(start, ((spec.weekday ?? weekdayOf(spec.startDate)) - weekdayOf(start) + 7) % 7);
    while (!ended(d)) { yield d; d = addDays(d, 7); }
    return;
  }
  const startDay = Number(spec.startDate.slice(8, 10));
  const days = spec.rule === ScheduleRule.MONTH_DAYS
    ? [...new Set(spec.monthDays)].sort((a, b) => a - b)
    : [spec.monthDays[0] ?? startDay];
  const firstMonth0 = Number(spec.startDate.slice(5, 7)) - 1;
  let year = Number(start.slice(0, 4));
  let month0 = Number(start.slice(5, 7)) - 1;
  for (let guard = 0; guard < 12 * 200; guard++) {
    const everyQuarter = spec.rule === ScheduleRule.QUARTERLY;
    if (!everyQuarter || (((month0 - firstMonth0) % 3) + 3) % 3 === 0) {
      const last = daysInMonth(year, month0);
      const dates = [...new Set(days.map((d) => Math.min(d, last)))].map((d) => ymd(year, month0, d));
      for (const d of dates) {
        if (ended(d)) return;
        if (inRange(d)) yield d;
      }
    }
    month0 += 1;
    if (month0 === 12) { month0 = 0; year += 1; }
  }
}

/** Whether `date` is one of the rule's own dates. */
export function isOriginalDate(spec: ScheduleSpec, date: string): boolean {
  const first = originalDates(spec, date).next();
  return !first.done && first.value === date;
}

/** The next `count` occurrences on or after `from`, changes applied (skipped dates left out, moved ones on their new date). */
export function upcoming(spec: ScheduleSpec, changes: ScheduleChange[], from: string, count: number): Occurrence[] {
  const byDate = new Map(changes.map((c) => [c.originalDate, c]));
  const out: Occurrence[] = [];
  // dates moved forward from before `from` count too: start the walk MAX_MOVE_DAYS earlier
  const it = originalDates(spec, addDays(from, -MAX_MOVE_DAYS));
  for (let n = 0; n < 5000; n++) {
    const next = it.next();
    if (next.done) break;
    const original = next.value;
    // every later original date is past `from` by more than a move can bring back
    if (out.length >= count && original > addDays(out[out.length - 1].date, MAX_MOVE_DAYS)) break;
    const change = byDate.get(original);
    if (change && change.movedTo == null) continue;
    const date = change?.movedTo ?? original;
    if (date < from) continue;
    out.push({ originalDate: original, date, moved: change != null });
    out.sort((a, b) => (a.date === b.date ? a.originalDate.localeCompare(b.originalDate) : a.date.localeCompare(b.date)));
    if (out.length > count) out.length = count;
  }
  return out.slice(0, count);
}
