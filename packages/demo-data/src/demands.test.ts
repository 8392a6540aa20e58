import { describe, expect, it } from 'vitest';
import { buildDemoDataset } from './generate.js';
import { buildDemoDemands, shanghaiYearStart, type DemoDemand } from './demands.js';

const HOURS = { firstResponse: 24, resolution: { SAFETY: 72, NEIGHBOUR_DISPUTE: 72, ELDERLY_CARE: 72, ENVIRONMENT: 120, PROPERTY: 168, OTHER: 168, FACILITIES: 360 } };
const OPEN = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'];
const done = (ds: DemoDemand[]) => ds.filter((d) => d.state === 'RESOLVED' || d.state === 'CLOSED').length;

describe.each(['2026-12-03T10:00:00Z', '2027-03-01T01:00:00Z', '2026-01-01T00:10:00+08:00'])('demo demands at %s', (at) => {
  const now = new Date(at);
  const demands = buildDemoDemands(buildDemoDataset({ today: now }), now, HOURS);
  const of = (key: string) => demands.filter((d) => d.communityKey === key && d.state !== 'DUPLICATE');

  it('give 红棉 22 collected this year, 7 solved, 15 in progress', () => {
    const thisYear = of('hongmian').filter((d) => d.createdAt >= shanghaiYearStart(now));
    expect([thisYear.length, done(thisYear), thisYear.filter((d) => OPEN.includes(d.state)).length]).toEqual([22, 7, 15]);
  });

  it('give 七贤 220+ solved with more than 90% satisfied, 红康 60+ noise, fire-safety and dispute cases', () => {
    const qixian = of('qixian');
    expect(done(qixian)).toBeGreaterThanOrEqual(220);
    const rated = qixian.filter((d) => d.rating != null);
    expect(rated.filter((d) => d.rating! >= 4).length / rated.length).toBeGreaterThan(0.9);
    expect(of('hongkang').filter((d) => ['ENVIRONMENT', 'SAFETY', 'NEIGHBOUR_DISPUTE'].includes(d.category)).length).toBeGreaterThanOrEqual(60);
  });

  it('keep every timeline within the year before now, ordered, ending in the demand\'s state', () => {
    const yearAgo = now.getTime() - 366 * 86_400_000;
    for (const d of demands) {
      expect(d.createdAt.getTime()).toBeGreaterThan(yearAgo);
      const times = d.events.map((e) => e.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]).toBe(d.createdAt.getTime());
      expect(times.at(-1)!).toBeLessThanOrEqual(now.getTime());
      expect(d.events.filter((e) => e.toState).at(-1)!.toState).toBe(d.state);
      expect(d.events.filter((e) => e.kind === 'ESCALATED').length).toBe(d.escalationLevel);
    }
    expect(new Set(demands.map((d) => d.ticketCode)).size).toBe(demands.length);
  });
});
