import { describe, expect, it } from 'vitest';
import { ScheduleRule } from './meeting.entity.js';
import { originalDates, upcoming, type ScheduleSpec } from './meeting.schedule.js';

const spec = (over: Partial<ScheduleSpec>): ScheduleSpec => ({ rule: ScheduleRule.MONTH_DAYS, weekday: null, monthDays: [3, 13, 23], startDate: '2027-01-01', endDate: null, ...over });
const take = (it: Iterator<string>, n: number) => Array.from({ length: n }, () => it.next().value as string);

describe('schedule dates', () => {
  it('逢三说事: the 3rd, 13th and 23rd run on across month ends and a leap February', () => {
    expect(take(originalDates(spec({}), '2028-01-24'), 4)).toEqual(['2028-02-03', '2028-02-13', '2028-02-23', '2028-03-03']);
    expect(take(originalDates(spec({}), '2027-12-23'), 3)).toEqual(['2027-12-23', '2028-01-03', '2028-01-13']);
  });

  it('a day past the month end falls on the last day: 29 February in a leap year, 28 otherwise, 30 April', () => {
    const s = spec({ rule: ScheduleRule.MONTHLY, monthDays: [31], startDate: '2027-01-31' });
    expect(take(originalDates(s, '2028-01-01'), 4)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
    expect(take(originalDates(s, '2027-02-01'), 1)).toEqual(['2027-02-28']);
    const days = spec({ monthDays: [29, 30, 31] });
    expect(take(originalDates(days, '2027-02-01'), 2)).toEqual(['2027-02-28', '2027-03-29']);
  });

  it('weekly on Fridays and quarterly from the start month', () => {
    expect(take(originalDates(spec({ rule: ScheduleRule.WEEKLY, weekday: 5, startDate: '2026-12-01' }), '2026-12-03'), 3)).toEqual(['2026-12-04', '2026-12-11', '2026-12-18']);
    expect(take(originalDates(spec({ rule: ScheduleRule.QUARTERLY, monthDays: [31], startDate: '2027-02-15' }), '2027-03-01'), 3)).toEqual(['2027-05-31', '2027-08-31', '2027-11-30']);
  });

  it('a skipped date drops out and a moved one keeps the rest of the series in place', () => {
    const s = spec({});
    const changes = [{ originalDate: '2027-03-13', movedTo: '2027-03-15' }, { originalDate: '2027-03-23', movedTo: null }];
    expect(upcoming(s, changes, '2027-03-01', 4).map((o) => [o.originalDate, o.date])).toEqual([
      ['2027-03-03', '2027-03-03'], ['2027-03-13', '2027-03-15'], ['2027-04-03', '2027-04-03'], ['2027-04-13', '2027-04-13'],
    ]);
    // a date moved past later ones is ordered by its new date
    expect(upcoming(s, [{ originalDate: '2027-03-03', movedTo: '2027-03-20' }], '2027-03-01', 3).map((o) => o.date)).toEqual(['2027-03-13', '2027-03-20', '2027-03-23']);
  });

  it('stops at the end date', () => {
    expect([...originalDates(spec({ endDate: '2027-02-13' }), '2027-01-20')]).toEqual(['2027-01-23', '2027-02-03', '2027-02-13']);
  });
});
