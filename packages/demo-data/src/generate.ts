/**
 * Turns the specs in `communities.ts` into a full DemoDataset: generated names, phones, join dates, building
 * groups, 党员中心户 and their linked households, and activity dates around `today` (Asia/Shanghai).
 */
import type {
  CareCategory, DemoAccount, DemoActivity, DemoAddress, DemoBranch, DemoBuildingGroup, DemoCommunity, DemoDataset,
  DemoMember, DemoMemberHousehold, DemoHousehold, DemoUnit, DemoVolunteerTeam, Position,
} from './types.js';
import {
  BRANCH_ACCOUNTS, EVALUATION_PERIODS, SLOTS, STREETS,
  type ActivitySpec, type BranchSpec, type CommunitySpec, type Person, type UnitSpec,
} from './communities.js';

export const DEFAULT_SEED = 20231201;
export const DEMO_PASSWORD = 'tongxin-demo';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = {
  MALE: [...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁浩凯健俊帆旭宇林峰建国志文海东亮成龙新春永庆德胜江山荣祥福贵'],
  FEMALE: [...'芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳燕雪慧莉婷倩颖洁云凤琴蓉佳晶丹月翠淑珍金玉'],
};
/** Probationary members (预备党员, one year) joined in this year; fixed so the output does not depend on today. */
const PROBATION_YEAR = 2026;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Seeded random source: mulberry32, plus the name and phone pools that must stay unique across the dataset. */
class Random {
  private state: number;
  private readonly names = new Set<string>();
  private readonly phones = new Set<string>();
  constructor(seed: number, reservedNames: Iterable<string>) {
    this.state = seed >>> 0;
    for (const n of reservedNames) this.names.add(n);
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  pick<T>(items: readonly T[]): T { return items[Math.floor(this.next() * items.length)]; }
  chance(p: number): boolean { return this.next() < p; }
  gender(): 'MALE' | 'FEMALE' { return this.chance(0.52) ? 'MALE' : 'FEMALE'; }
  /** A name not used anywhere else in the dataset; common surnames come up more often. */
  name(gender = this.gender()): string {
    for (;;) {
      const surname = SURNAMES[Math.floor(SURNAMES.length * this.next() ** 1.6)];
      const pool = GIVEN[gender];
      let given = this.pick(pool);
      if (this.chance(0.7)) {
        let second: string;
        do second = this.pick(pool); while (second === given);
        given += second;
      }
      const name = surname + given;
      if (!this.names.has(name)) { this.names.add(name); return name; }
    }
  }
  /** A mainland mobile number (1[3-9]x…) not used anywhere else in the dataset. */
  phone(): string {
    for (;;) {
      let phone = this.pick(['13', '13', '15', '15', '18', '18', '17', '19', '16', '14']);
      for (let i = 0; i < 9; i++) phone += this.int(0, 9);
      if (!this.phones.has(phone)) { this.phones.add(phone); return phone; }
    }
  }
}

function reservedNames(): string[] {
  const names: string[] = [];
  const person = (p?: Person) => { if (p) names.push(p.name, ...(p.links ?? []).map((l) => l.headName)); };
  for (const c of STREETS.flatMap((s) => s.communities)) {
    c.committee.named.forEach(([p]) => person(p));
    c.branches.forEach((b) => { person(b.secretary); b.householdHeads?.forEach(person); });
    c.units.forEach((u) => { if (u.contactName) names.push(u.contactName); u.cross?.forEach((x) => x.personName && names.push(x.personName)); });
    c.teams.forEach((t) => names.push(...(t.include ?? [])));
  }
  return names;
}

function member(r: Random, key: string, positions: Position[], person?: Person): DemoMember {
  const gender = person?.gender ?? r.gender();
  const name = person?.name ?? r.name(gender);
  const probationary = !person && positions.length === 0 && r.chance(0.04);
  const joinedOn = person?.joinedOn
    ?? (probationary ? `${PROBATION_YEAR}-${pad(r.int(1, 10))}-${pad(r.int(1, 28))}`
      : `${1968 + Math.floor(57 * r.next() ** 0.8)}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`);
  return { key, name, gender, joinedOn, status: probationary ? 'PROBATIONARY' : 'FULL', phone: r.phone(), positions };
}

function careCategories(r: Random): CareCategory[] {
  if (!r.chance(0.15)) return [];
  const roll = r.next();
  if (roll < 0.35) return r.chance(0.3) ? ['ELDERLY', 'EMPTY_NEST'] : ['ELDERLY'];
  if (roll < 0.65) return ['EMPTY_NEST'];
  if (roll < 0.77) return ['LOW_INCOME'];
  if (roll < 0.89) return ['DISABLED'];
  return ['HARDSHIP'];
}

function householdSize(r: Random, care: CareCategory[]): number {
  if (care.includes('EMPTY_NEST')) return r.int(1, 2);
  if (care.includes('ELDERLY')) return r.int(1, 3);
  return r.pick([1, 2, 2, 3, 3, 3, 4, 4, 5]);
}

/** Everything built for one community shares these: the compounds' free rooms and unclaimed buildings. */
class Estate {
  private readonly taken = new Set<string>();
  private readonly nextBuilding = new Map<string, number>();
  constructor(private readonly c: CommunitySpec, readonly compounds: { name: string; buildings: string[] }[]) {}
  /** The next n buildings of a compound not yet covered by a building group (wrapping round if all are). */
  claim(compound: string, n: number): string[] {
    const { buildings } = this.compounds.find((x) => x.name === compound)!;
    const start = this.nextBuilding.get(compound) ?? 0;
    this.nextBuilding.set(compound, start + n);
    return Array.from({ length: Math.min(n, buildings.length) }, (_, i) => buildings[(start + i) % buildings.length]);
  }
  /** A free flat in the given building. */
  address(r: Random, compound: string, building: string): DemoAddress {
    const floors = this.c.compounds.find(([name]) => name === compound)![2];
    const units = floors > 12 ? 2 : 3;
    for (;;) {
      const address = { compound, building, unit: `${r.int(1, units)}单元`, room: `${r.int(1, floors)}${pad(r.int(1, 4))}` };
      const id = `${compound}/${building}/${address.unit}/${address.room}`;
      if (!this.taken.has(id)) { this.taken.add(id); return address; }
    }
  }
}

function buildBranch(r: Random, estate: Estate, spec: BranchSpec, key: string): DemoBranch {
  const members: DemoMember[] = [];
  const add = (positions: Position[], person?: Person) => {
    const m = member(r, `${key}-m${pad(members.length + 1, 3)}`, positions, person);
    members.push(m);
    return m;
  };
  const secretary = add(['SECRETARY'], spec.secretary);
  if (spec.size >= 15) add(['DEPUTY_SECRETARY']);
  for (let i = spec.size >= 30 ? 3 : spec.size >= 12 ? 1 : 0; i > 0; i--) add(['COMMITTEE_MEMBER']);

  const named = [...(spec.householdHeads ?? [])];
  const groupCount = Math.min(4, Math.max(1, Math.round(spec.size / 14)));
  const buildingGroups: DemoBuildingGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const compound = spec.compounds[g % spec.compounds.length];
    const buildings = estate.claim(compound, r.int(1, 2));
    const groupKey = `${key}-g${g + 1}`;
    const head = add(['BUILDING_HEAD']);
    const memberHouseholds: DemoMemberHousehold[] = [];
    for (let h = 0, n = spec.size < 20 ? r.int(1, 2) : r.int(1, 4); h < n; h++) {
      const person = named.shift();
      const headMember = add(['HOUSEHOLD_HEAD'], person);
      const building = buildings[h % buildings.length];
      const mhKey = `${groupKey}-h${h + 1}`;
      const wanted = r.int(5, 10);
      const linkedHouseholds: DemoHousehold[] = [];
      for (const link of person?.links ?? []) {
        linkedHouseholds.push({ key: `${mhKey}-l${linkedHouseholds.length + 1}`, address: estate.address(r, compound, building),
          headName: link.headName, size: link.size, phone: r.phone(), careCategories: link.careCategories });
      }
      while (linkedHouseholds.length < wanted) {
        const care = careCategories(r);
        linkedHouseholds.push({ key: `${mhKey}-l${linkedHouseholds.length + 1}`, address: estate.address(r, compound, building),
          headName: r.name(), size: householdSize(r, care), phone: r.phone(), careCategories: care });
      }
      memberHouseholds.push({ key: mhKey, name: `${headMember.name}党员中心户`, headKey: headMember.key,
        address: estate.address(r, compound, building), linkedHouseholds });
    }
    const groupName = `${compound}${buildings.join('、')}党小组`;
    buildingGroups.push({ key: groupKey, name: groupName, headKey: head.key, buildings, memberHouseholds });
  }
  while (members.length < spec.size) add([]);
  if (members.length !== spec.size || named.length > 0) throw new Error(`${spec.name}: size ${spec.size} too small for its officers`);
  return { key, name: spec.name, kind: spec.kind, secretaryKey: secretary.key, members, buildingGroups };
}

function buildCommittee(r: Random, c: CommunitySpec): DemoMember[] {
  const members = c.committee.named.map(([person, position], i) => member(r, `${c.key}-c${pad(i + 1)}`, [position], person));
  const has = (p: Position) => members.some((m) => m.positions.includes(p));
  if (!has('SECRETARY')) members.push(member(r, `${c.key}-c${pad(members.length + 1)}`, ['SECRETARY']));
  if (!has('DEPUTY_SECRETARY')) members.push(member(r, `${c.key}-c${pad(members.length + 1)}`, ['DEPUTY_SECRETARY']));
  while (members.length < c.committee.size) members.push(member(r, `${c.key}-c${pad(members.length + 1)}`, ['COMMITTEE_MEMBER']));
  return members;
}

function buildUnit(r: Random, spec: UnitSpec, key: string): DemoUnit {
  const { name, kind, partyOrgName, agreement } = spec;
  const unit: DemoUnit = { key, name, kind, contactName: spec.contactName ?? r.name(), contactPhone: r.phone() };
  if (partyOrgName) unit.partyOrgName = partyOrgName;
  if (spec.seat) unit.committeeSeat = { representativeName: r.name(), ...spec.seat };
  if (agreement) unit.agreement = agreement;
  if (spec.cross) unit.crossAppointments = spec.cross.map((x) => ({ personName: x.personName ?? r.name(), role: x.role, since: x.since }));
  if (spec.ratings) {
    // four scores that average to the rating, spread differently each quarter
    const spread = [[3, -2, 1, -2], [-1, 2, -3, 2], [2, 1, -2, -1], [0, -3, 2, 1]];
    unit.evaluations = spec.ratings.map((avg, i) => {
      const [service, environment, safety, response] = spread[i % 4].map((d) => Math.min(100, avg + d));
      return { period: EVALUATION_PERIODS[i], scores: { service, environment, safety, response }, flag: avg >= 85 ? 'RED' : 'YELLOW' };
    });
  }
  if (spec.doubleReport) unit.doubleReportMemberNames = Array.from({ length: spec.doubleReport }, () => r.name());
  return unit;
}

function buildTeam(r: Random, spec: CommunitySpec['teams'][number], key: string, memberNames: string[]): DemoVolunteerTeam {
  const names = [...(spec.include ?? [])];
  const pool = memberNames.filter((n) => !names.includes(n));
  for (let i = Math.floor(spec.size * 0.4); i > 0 && pool.length > 0; i--) names.push(pool.splice(Math.floor(r.next() * pool.length), 1)[0]);
  while (names.length < spec.size) names.push(r.name());
  return { key, name: spec.name, skills: spec.skills, memberNames: names };
}

const DAY = 86_400_000;

/** Activities are the only part that depends on `today`; they use no randomness. */
function buildActivities(c: CommunitySpec, today: Date): DemoActivity[] {
  const shanghaiMidnight = Math.floor((today.getTime() + 8 * 3_600_000) / DAY) * DAY; // UTC ms of today's date in UTC+8
  const weekday = new Date(shanghaiMidnight).getUTCDay();
  const offsetOf = (spec: ActivitySpec, n: number) => {
    if (spec.weekday === undefined) return n;
    const ahead = (spec.weekday - weekday + 7) % 7 || 7;
    const behind = (weekday - spec.weekday + 7) % 7 || 7;
    return n > 0 ? ahead + (n - 1) * 7 : -(behind + (-n - 1) * 7);
  };
  const activities: DemoActivity[] = [];
  for (const spec of c.activities) {
    for (const n of spec.when) {
      const offset = offsetOf(spec, n);
      const day = new Date(shanghaiMidnight + offset * DAY).toISOString().slice(0, 10);
      const [from, to] = SLOTS[spec.slot];
      const activity: DemoActivity = {
        key: `${c.key}-a${pad(activities.length + 1)}`,
        title: spec.title, category: spec.category, description: spec.description,
        venueKey: `${c.key}-v${spec.venue + 1}`,
        coHostUnitKeys: (spec.coHosts ?? []).map((u) => `${c.key}-u${u + 1}`),
        startsAt: `${day}T${from}:00+08:00`, endsAt: `${day}T${to}:00+08:00`,
        capacity: spec.capacity, audience: spec.membersOnly ? 'MEMBERS_ONLY' : 'PUBLIC',
        status: spec.status ?? (offset < 0 ? 'FINISHED' : 'PUBLISHED'),
      };
      if (spec.branch !== undefined) activity.organizerBranchKey = `${c.key}-b${spec.branch + 1}`;
      if (spec.recurrence) activity.recurrence = spec.recurrence;
      activities.push(activity);
    }
  }
  return activities;
}

function buildCommunity(r: Random, c: CommunitySpec, today: Date): DemoCommunity {
  const compounds = c.compounds.map(([name, count]) => ({
    name, buildings: Array.from({ length: count }, (_, i) => `${i + 1}${c.buildingSuffix}`),
  }));
  const estate = new Estate(c, compounds);
  const committeeMembers = buildCommittee(r, c);
  const branches = c.branches.map((b, i) => buildBranch(r, estate, b, `${c.key}-b${i + 1}`));
  const units = c.units.map((u, i) => buildUnit(r, u, `${c.key}-u${i + 1}`));
  const memberNames = [...committeeMembers, ...branches.flatMap((b) => b.members)].map((m) => m.name);
  const volunteerTeams = c.teams.map((t, i) => buildTeam(r, t, `${c.key}-t${i + 1}`, memberNames));
  const community: DemoCommunity = {
    key: c.key, name: c.name, partyOrgName: c.partyOrgName, address: c.address,
    committeeMembers, compounds, branches, units,
    venues: c.venues.map((v, i) => ({ key: `${c.key}-v${i + 1}`, ...v })),
    activities: buildActivities(c, today),
    volunteerTeams,
  };
  if (c.brand) community.brand = c.brand;
  return community;
}

function buildAccounts(communities: DemoCommunity[]): DemoAccount[] {
  const secretaryName = (members: DemoMember[]) => members.find((m) => m.positions.includes('SECRETARY'))!.name;
  const accounts: DemoAccount[] = communities.map((c) => ({
    username: `${c.key}-admin`, password: DEMO_PASSWORD, displayName: secretaryName(c.committeeMembers),
    role: 'COMMITTEE_ADMIN', scopeKey: c.key, description: `${c.partyOrgName}管理员`,
  }));
  for (const [communityKey, index] of BRANCH_ACCOUNTS) {
    const branch = communities.find((c) => c.key === communityKey)!.branches[index];
    accounts.push({
      username: `${communityKey}-branch${index + 1}`, password: DEMO_PASSWORD, displayName: secretaryName(branch.members),
      role: 'BRANCH_SECRETARY', scopeKey: branch.key, description: `${branch.name}书记`,
    });
  }
  return accounts;
}

/**
 * Builds the whole demo dataset. The same seed always gives the same people, households and units;
 * activity dates are placed around `today` (default: now), everything else ignores it.
 */
export function buildDemoDataset(options: { today?: Date; seed?: number } = {}): DemoDataset {
  const today = options.today ?? new Date();
  const r = new Random(options.seed ?? DEFAULT_SEED, reservedNames());
  const streets = STREETS.map((s) => ({
    key: s.key, name: s.name, district: s.district, city: s.city,
    communities: s.communities.map((c) => buildCommunity(r, c, today)),
  }));
  return { streets, accounts: buildAccounts(streets.flatMap((s) => s.communities)) };
}
