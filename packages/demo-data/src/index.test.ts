import { describe, it, expect } from 'vitest';
import { buildDemoDataset, DEMO_PASSWORD, type DemoActivity, type DemoCommunity, type DemoDataset, type DemoMember } from './index.js';

const today = new Date('2026-11-23T02:00:00Z'); // a Monday, 10:00 in Shanghai
const data = buildDemoDataset({ today });
const communities = data.streets.flatMap((s) => s.communities);
const community = (key: string) => communities.find((c) => c.key === key)!;
const allMembers = (c: DemoCommunity): DemoMember[] => [...c.committeeMembers, ...c.branches.flatMap((b) => b.members)];
const households = (c: DemoCommunity) =>
  c.branches.flatMap((b) => b.buildingGroups.flatMap((g) => g.memberHouseholds.flatMap((mh) => mh.linkedHouseholds)));
const withoutDates = (d: DemoDataset) =>
  JSON.stringify(d, (k, v) => (k === 'startsAt' || k === 'endsAt' ? undefined : v));

describe('the communities from the published accounts', () => {
  it('红康 has 10 branches and 429 Party members', () => {
    const hk = community('hongkang');
    expect(hk.branches).toHaveLength(10);
    expect(allMembers(hk)).toHaveLength(429);
    expect(hk.brand).toContain('康宁喜乐');
    expect(hk.units.filter((u) => u.committeeSeat && u.agreement).map((u) => u.name)).toEqual([
      '昆明有色冶金设计研究院股份公司', '昆明市口腔医院', '五华区第二幼儿园', '云南言之文化传媒有限公司',
    ]);
    expect(hk.volunteerTeams.map((t) => t.name)).toEqual(expect.arrayContaining(['周五志愿服务队', '爱心义诊团', '非遗守艺人']));
  });

  it('振兴 has 2 courtyard branches and 103 members, and rates its property firms', () => {
    const zx = community('zhenxing');
    expect(zx.branches.map((b) => b.kind)).toEqual(['COURTYARD', 'COURTYARD']);
    expect(allMembers(zx)).toHaveLength(103);
    const flags = zx.units.flatMap((u) => u.evaluations ?? []).map((e) => e.flag);
    expect(flags).toContain('RED');
    expect(flags).toContain('YELLOW');
    const firms = zx.units.filter((u) => u.kind === 'PROPERTY_MANAGEMENT');
    expect(firms.length).toBeGreaterThanOrEqual(3);
    for (const period of firms[0].evaluations!.map((e) => e.period)) {
      const averages = firms.map((u) => {
        const { service, environment, safety, response } = u.evaluations!.find((e) => e.period === period)!.scores;
        return (service + environment + safety + response) / 4;
      });
      expect(new Set(averages).size, period).toBe(firms.length); // a clear ranking, no ties
    }
  });

  it('红棉 has its three compounds and secretary 张维杰', () => {
    const hm = community('hongmian');
    expect(hm.compounds.map((c) => c.name)).toEqual(['梧桐花园', '中海大山地', '振业城']);
    expect(hm.committeeMembers.find((m) => m.positions.includes('SECRETARY'))?.name).toBe('张维杰');
  });

  it('keeps the whole dataset small enough to seed quickly', () => {
    expect(communities.flatMap(allMembers).length).toBeLessThan(2500);
    expect(communities.flatMap(households).length).toBeLessThan(5000);
    for (const c of communities) expect(c.units.length).toBeGreaterThan(0);
  });
});

describe('the org chain holds together', () => {
  it('every committee and branch has exactly one SECRETARY', () => {
    for (const c of communities) {
      expect(c.committeeMembers.filter((m) => m.positions.includes('SECRETARY'))).toHaveLength(1);
      for (const b of c.branches) {
        const secretaries = b.members.filter((m) => m.positions.includes('SECRETARY'));
        expect(secretaries.map((m) => m.key), b.name).toEqual([b.secretaryKey]);
      }
    }
  });

  it('building group heads and household heads are members of the same branch', () => {
    for (const b of communities.flatMap((c) => c.branches)) {
      const byKey = new Map(b.members.map((m) => [m.key, m]));
      expect(b.buildingGroups.length).toBeGreaterThanOrEqual(1);
      expect(b.buildingGroups.length).toBeLessThanOrEqual(4);
      for (const g of b.buildingGroups) {
        expect(byKey.get(g.headKey)?.positions, g.name).toContain('BUILDING_HEAD');
        for (const mh of g.memberHouseholds) {
          expect(byKey.get(mh.headKey)?.positions, mh.name).toContain('HOUSEHOLD_HEAD');
          expect(mh.linkedHouseholds.length).toBeGreaterThanOrEqual(5);
          expect(mh.linkedHouseholds.length).toBeLessThanOrEqual(10);
        }
      }
    }
  });

  it('keys are unique', () => {
    const keys: string[] = [];
    for (const c of communities) {
      keys.push(c.key, ...allMembers(c).map((m) => m.key), ...c.units.map((u) => u.key), ...c.venues.map((v) => v.key),
        ...c.activities.map((a) => a.key), ...c.volunteerTeams.map((t) => t.key));
      for (const b of c.branches) {
        keys.push(b.key);
        for (const g of b.buildingGroups) {
          keys.push(g.key);
          for (const mh of g.memberHouseholds) keys.push(mh.key, ...mh.linkedHouseholds.map((h) => h.key));
        }
      }
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('about one household in seven needs care', () => {
    const all = communities.flatMap(households);
    const share = all.filter((h) => h.careCategories.length > 0).length / all.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.22);
  });
});

describe('people', () => {
  it('phones are valid mainland mobiles and unique across the dataset', () => {
    const phones = communities.flatMap((c) => [
      ...allMembers(c).map((m) => m.phone), ...households(c).map((h) => h.phone), ...c.units.map((u) => u.contactPhone),
    ]);
    for (const p of phones) expect(p).toMatch(/^1[3-9]\d{9}$/);
    expect(new Set(phones).size).toBe(phones.length);
  });

  it('join dates are real dates in the past', () => {
    for (const m of communities.flatMap(allMembers)) {
      expect(m.joinedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.joinedOn < '2026-11-01').toBe(true);
    }
  });
});

describe('determinism', () => {
  it('the same seed and today give identical output', () => {
    expect(buildDemoDataset({ today, seed: 7 })).toEqual(buildDemoDataset({ today, seed: 7 }));
    expect(buildDemoDataset({ today })).toEqual(data);
  });

  it('only activity dates depend on today; another seed gives other people', () => {
    const later = buildDemoDataset({ today: new Date('2027-03-05T15:00:00Z') });
    expect(withoutDates(later)).toBe(withoutDates(data));
    expect(withoutDates(buildDemoDataset({ today, seed: 7 }))).not.toBe(withoutDates(data));
  });
});

describe('accounts', () => {
  it('every account scope resolves, with the demo password', () => {
    const scopes = new Map<string, string>();
    for (const c of communities) {
      scopes.set(c.key, 'community');
      for (const b of c.branches) scopes.set(b.key, 'branch');
    }
    for (const a of data.accounts) {
      expect(a.password).toBe(DEMO_PASSWORD);
      expect(scopes.get(a.scopeKey), a.username).toBe(a.role === 'COMMITTEE_ADMIN' ? 'community' : 'branch');
    }
    expect(data.accounts.filter((a) => a.role === 'COMMITTEE_ADMIN')).toHaveLength(communities.length);
    expect(data.accounts.map((a) => a.username)).toEqual(expect.arrayContaining(['hongkang-admin', 'hongmian-admin', 'zhenxing-admin', 'hongkang-branch1', 'hongmian-branch1']));
  });
});

describe('activities', () => {
  const inShanghai = (iso: string) => iso.slice(11, 16);
  const upcoming = (c: DemoCommunity, days: number) => c.activities.filter((a) => {
    const t = Date.parse(a.startsAt) - today.getTime();
    return a.status === 'PUBLISHED' && t > 0 && t <= days * 86_400_000;
  });

  it('every community has upcoming published activities', () => {
    for (const c of communities) expect(upcoming(c, 60).length, c.name).toBeGreaterThan(0);
  });

  it('红康 and 红棉 each have at least two public activities in the coming week, whatever the day', () => {
    for (let d = 0; d < 7; d++) {
      for (const hour of [0, 12, 23]) {
        const now = new Date(Date.UTC(2026, 10, 23 + d, hour));
        const set = buildDemoDataset({ today: now });
        for (const key of ['hongkang', 'hongmian']) {
          const c = set.streets.flatMap((s) => s.communities).find((x) => x.key === key)!;
          const soon = c.activities.filter((a) => a.status === 'PUBLISHED' && a.audience === 'PUBLIC'
            && Date.parse(a.startsAt) > now.getTime() && Date.parse(a.startsAt) <= now.getTime() + 7 * 86_400_000);
          expect(soon.length, `${key} on ${now.toISOString()}`).toBeGreaterThanOrEqual(2);
        }
      }
    }
  });

  it('past activities are finished, future ones published, times sensible and references valid', () => {
    const all: DemoActivity[] = [];
    for (const c of communities) {
      expect(c.activities.length, c.name).toBeGreaterThanOrEqual(6);
      expect(c.activities.length, c.name).toBeLessThanOrEqual(15);
      const venues = new Set(c.venues.map((v) => v.key));
      const units = new Set(c.units.map((u) => u.key));
      const branches = new Set(c.branches.map((b) => b.key));
      for (const a of c.activities) {
        all.push(a);
        expect(venues.has(a.venueKey)).toBe(true);
        for (const u of a.coHostUnitKeys) expect(units.has(u)).toBe(true);
        if (a.organizerBranchKey) expect(branches.has(a.organizerBranchKey)).toBe(true);
        expect(a.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
        expect(['09:00', '14:30', '19:00']).toContain(inShanghai(a.startsAt));
        expect(Date.parse(a.endsAt)).toBeGreaterThan(Date.parse(a.startsAt));
        const past = Date.parse(a.startsAt) < today.getTime();
        if (a.status === 'FINISHED') expect(past).toBe(true);
        if (a.status === 'PUBLISHED' || a.status === 'DRAFT') expect(past).toBe(false);
        if (a.recurrence === '每周五') expect(new Date(a.startsAt).getUTCDay()).toBe(5);
      }
    }
    expect(all.filter((a) => a.status === 'DRAFT')).toHaveLength(1);
    expect(all.filter((a) => a.status === 'CANCELLED').length).toBeGreaterThanOrEqual(1);
    expect(all.filter((a) => a.status === 'CANCELLED').length).toBeLessThanOrEqual(2);
    expect(all.filter((a) => a.capacity === null).length).toBeGreaterThanOrEqual(2);
  });
});
