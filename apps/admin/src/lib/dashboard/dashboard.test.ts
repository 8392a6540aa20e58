import { describe, expect, it } from 'vitest';
import { activitiesAndHours, demandRates, demandsByState, evaluationHistory, formatValue, membersByBranch, monthLabel, toOption, twelveMonths } from './charts';
import { activitiesLink, coverageLink, demandsInState, meetingsLink, overdueDemands, shanghaiWeek, weekActivityLink } from './links';

describe('dashboard links', () => {
  it('open the demand list with its own filters', () => {
    expect(overdueDemands('Q29tbTox')).toBe('/demands?overdue=1&node=Q29tbTox');
    expect(demandsInState('Q29tbTox', 'IN_PROGRESS')).toBe('/demands?state=IN_PROGRESS&node=Q29tbTox');
  });

  it('open the activity list with window, q and status', () => {
    expect(activitiesLink()).toBe('/activities');
    expect(activitiesLink({ window: 'PAST', status: 'FINISHED' })).toBe('/activities?window=PAST&status=FINISHED');
    expect(weekActivityLink('河畔集市')).toBe(`/activities?window=UPCOMING&q=${encodeURIComponent('河畔集市')}`);
  });
});

describe('this week', () => {
  it('runs Monday 00:00 to next Monday 00:00 in Asia/Shanghai, as the API counts it', () => {
    // Thursday 3 December 2026, 23:30 in Beijing (15:30 UTC)
    expect(shanghaiWeek(new Date('2026-12-03T15:30:00Z'))).toEqual({
      from: '2026-11-29T16:00:00.000Z',
      to: '2026-12-06T16:00:00.000Z',
      monday: '2026-11-30',
      sunday: '2026-12-06',
    });
    // Sunday 23:59 Beijing is still the same week; Monday 00:00 Beijing (Sunday 16:00 UTC) starts the next
    expect(shanghaiWeek(new Date('2026-12-06T15:59:00Z')).monday).toBe('2026-11-30');
    expect(shanghaiWeek(new Date('2026-12-06T16:00:00Z')).monday).toBe('2026-12-07');
  });

  it('links meetings to their month and coverage to its report', () => {
    expect(meetingsLink('2026-11-30')).toBe('/meetings?month=2026-11');
    expect(coverageLink('Tm9kZTox', '#loads')).toBe('/coverage?node=Tm9kZTox#loads');
  });
});

describe('dashboard charts', () => {
  it('label months in Chinese, with the year where it starts', () => {
    expect(monthLabel('2026-03', 0)).toBe('2026年3月');
    expect(monthLabel('2026-03', 4)).toBe('3月');
    expect(monthLabel('2027-01', 4)).toBe('2027年1月');
  });

  it('show rates as percentages and a missing rate as a dash', () => {
    expect(formatValue(0.8214, true)).toBe('82.1%');
    expect(formatValue(null, true)).toBe('—');
    expect(formatValue(12.5)).toBe('12.5');
  });

  it('draw demand states that have demands, each bar linking to the list in that state', () => {
    const spec = demandsByState([{ state: 'SUBMITTED', count: 3 }, { state: 'CLOSED', count: 0 }, { state: 'RESOLVED', count: 5 }], (s) => `/demands?state=${s}`);
    expect(spec.categories).toEqual(['待受理', '已办结']);
    expect(spec.series[0].data.map((d) => d.href)).toEqual(['/demands?state=SUBMITTED', '/demands?state=RESOLVED']);
  });

  it('keep rates on their own axis, gaps where a month has nothing to judge', () => {
    const spec = demandRates([
      { month: '2026-01', received: 2, resolved: 1, open: 1, responseRate: 1, resolutionRate: 0.5, satisfactionRate: null },
      { month: '2026-02', received: 0, resolved: 0, open: 0, responseRate: null, resolutionRate: null, satisfactionRate: null },
    ]);
    expect(spec.series.map((s) => s.data.map((d) => d.value))).toEqual([[1, null], [0.5, null], [null, null]]);
    const option = toOption(spec) as { yAxis: { max?: number }[] };
    expect(option.yAxis).toHaveLength(1);
    expect(option.yAxis[0].max).toBe(1);
  });

  it('match volunteer hours to the activity months, and sort branches by members', () => {
    const spec = activitiesAndHours(
      [{ month: '2026-10', activityCount: 3, checkedInCount: 40 }, { month: '2026-11', activityCount: 5, checkedInCount: 90 }],
      [{ month: '2026-11', hours: 104.5, volunteerCount: 20 }],
    );
    expect(spec.series[2].data.map((d) => d.value)).toEqual([0, 104.5]);
    const members = membersByBranch([{ id: 'a', name: '第一支部', memberCount: 30 }, { id: 'b', name: '第二支部', memberCount: 58 }], (id) => `/org/${id}`);
    expect(members.categories).toEqual(['第二支部', '第一支部']);
    expect(members.series[0].data[0].href).toBe('/org/b');
  });

  it("orders a firm's evaluations by period, with their flags", () => {
    const spec = evaluationHistory([{ period: '2026-Q2', total: 87, flag: 'RED' }, { period: '2025-Q4', total: 66, flag: 'YELLOW' }]);
    expect(spec.categories).toEqual(['2025-Q4 黄旗', '2026-Q2 红旗']);
  });

  it('cover the last twelve Beijing months up to today', () => {
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing
    expect(twelveMonths(new Date('2026-12-31T20:00:00Z'))).toEqual({ from: '2026-02-01', to: '2027-01-02' });
    expect(twelveMonths(new Date('2026-12-03T04:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-04' });
  });
});
