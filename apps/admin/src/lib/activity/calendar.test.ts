import { describe, expect, it } from 'vitest';
import { monthBounds, monthGrid, parseMonth, shiftMonth } from './calendar';
import { fromLocalInput, toLocalInput } from './time';

describe('the activity calendar', () => {
  it('lays December 2026 out in Monday-first weeks, with activities on their Beijing day', () => {
    // 2026-12-04 16:30 UTC is Saturday 5 December 00:30 in Beijing
    const items = [{ startsAt: '2026-12-04T16:30:00Z', title: '河畔集市' }, { startsAt: '2026-12-04T06:00:00Z', title: '周五志愿服务' }];
    const weeks = monthGrid({ year: 2026, month: 12 }, items, (i) => i.startsAt, new Date('2026-12-03T04:00:00Z'));
    expect(weeks).toHaveLength(5);
    expect(weeks[0][0]).toMatchObject({ date: '2026-11-30', inMonth: false });
    expect(weeks[0][1]).toMatchObject({ date: '2026-12-01', inMonth: true });
    expect(weeks[0][3].today).toBe(true);
    expect(weeks[0][4].items.map((i) => i.title)).toEqual(['周五志愿服务']);
    expect(weeks[0][5].items.map((i) => i.title)).toEqual(['河畔集市']);
    expect(weeks[4][6]).toMatchObject({ date: '2027-01-03', inMonth: false });
  });

  it('reads months from links and moves across years', () => {
    expect(parseMonth('2026-02')).toEqual({ year: 2026, month: 2 });
    expect(parseMonth('2026-13', new Date('2026-12-31T17:00:00Z'))).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(monthBounds({ year: 2026, month: 12 }).from.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('reads and writes form times as Beijing time', () => {
    expect(fromLocalInput('2026-12-05T14:00')?.toISOString()).toBe('2026-12-05T06:00:00.000Z');
    expect(toLocalInput('2026-12-05T06:00:00.000Z')).toBe('2026-12-05T14:00');
    expect(fromLocalInput('明天下午')).toBeNull();
  });
});
