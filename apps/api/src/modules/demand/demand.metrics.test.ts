/**
 * Demand metrics against a crafted data set: demands inserted with fixed timestamps under two new branches of
 * 红康社区 (the demo seed's demands all lie after 2025-11), whose figures are worked out by hand below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';

let api: TestApi;
let admin: string;
let b1: number;
let g1: number;
let b2: number;
let unitId: number;
let accountId: number;
let seq = 0;

const H = 3_600_000;
/** A Shanghai wall-clock time, e.g. '2025-03-01 00:30'. */
const sh = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * H);

interface Spec {
  node: number; created: Date; category: string; state: string;
  respondedH?: number; resolvedH?: number; dueRespH?: number; dueResH?: number; due?: [Date, Date];
  rating?: number; unit?: number; account?: number; branch?: number; escalated?: boolean; duplicateOf?: number;
}

/** A distinct ticket code in the demand table's alphabet. */
function ticket(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  let n = ++seq;
  let code = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 24)) code += alphabet[n % 24];
  return `MT${code}`;
}

async function demand(s: Spec): Promise<number> {
  const [community] = await api.sql<{ community_id: number }>(`select community_id from org_node where id = ?`, [s.node]);
  const code = ticket();
  const [row] = await api.sql<{ id: number }>(
    `insert into demand (community_id, org_node_id, ticket_code, title, channel, category, state, source,
       first_response_due_at, resolution_due_at, first_responded_at, resolved_at, rating, rated_at,
       assigned_unit_id, assigned_account_id, assigned_branch_id, escalation_level, duplicate_of_id, created_at, updated_at)
     values (?, ?, ?, ?, 'VISIT', ?, ?, 'STAFF', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id`,
    [community.community_id, s.node, code, `测试诉求${seq}`, s.category, s.state,
      s.due?.[0] ?? plus(s.created, s.dueRespH ?? 24), s.due?.[1] ?? plus(s.created, s.dueResH ?? 72),
      s.respondedH == null ? null : plus(s.created, s.respondedH), s.resolvedH == null ? null : plus(s.created, s.resolvedH),
      s.rating ?? null, s.rating == null ? null : plus(s.created, (s.resolvedH ?? 0) + 1),
      s.unit ?? null, s.account ?? null, s.branch ?? null, s.escalated ? 1 : 0, s.duplicateOf ?? null, s.created, s.created]);
  return row.id;
}

async function node(parent: number, level: string, name: string, kind: string | null): Promise<number> {
  const [p] = await api.sql<{ path: string; depth: number; community_id: number }>(`select path, depth, community_id from org_node where id = ?`, [parent]);
  const [row] = await api.sql<{ id: number }>(
    `insert into org_node (parent_id, community_id, level, branch_kind, name, path, depth) values (?, ?, ?, ?, ?, ?, ?) returning id`,
    [parent, p.community_id, level, kind, name, `${p.path}tmp${name}/`, p.depth + 1]);
  await api.sql(`update org_node set path = ? where id = ?`, [`${p.path}${row.id}/`, row.id]);
  return row.id;
}

const METRICS = `query($id: ID!, $from: Date!, $to: Date!, $groupBy: DemandMetricsGroup) {
  demandMetrics(orgNodeId: $id, from: $from, to: $to, groupBy: $groupBy) {
    group key label category month assigneeKind assigneeId
    received resolved open rejected overdue escalated respondedWithinDeadline responseRate resolutionRate
    onTimeResolutionRate rated satisfactionRate avgFirstResponseHours p90FirstResponseHours avgResolutionHours p90ResolutionHours } }`;

const metrics = (id: number, groupBy = 'NONE', token: string | null = admin, from = '2025-03-01', to = '2025-05-01') =>
  api.gql(METRICS, { id: globalId('Branch', id), from, to, groupBy }, token);

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  const [community] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
  b1 = await node(community.id, 'BRANCH', '指标测试第一支部', 'GRID');
  g1 = await node(b1, 'BUILDING_GROUP', '指标测试楼栋党小组', null);
  b2 = await node(community.id, 'BRANCH', '指标测试第二支部', 'GRID');
  [{ id: unitId }] = await api.sql<{ id: number }>(`select id from co_building_unit where name = '昆明市口腔医院'`);
  [{ id: accountId }] = await api.sql<{ id: number }>(`select id from account where username = 'hongkang-admin'`);

  // in the cohort (B1 and its building group), received March-April 2025, Shanghai time
  const d1 = await demand({ node: g1, created: sh('2025-03-01 00:30'), category: 'SAFETY', state: 'CLOSED', respondedH: 2, resolvedH: 10, rating: 5, unit: unitId });
  await demand({ node: b1, created: sh('2025-03-10 09:00'), category: 'ENVIRONMENT', state: 'CLOSED', respondedH: 4, resolvedH: 30, rating: 3, account: accountId });
  await demand({ node: b1, created: sh('2025-03-15 10:00'), category: 'SAFETY', state: 'CLOSED', respondedH: 30, resolvedH: 100, rating: 4, unit: unitId, escalated: true });
  await demand({ node: g1, created: sh('2025-04-02 08:00'), category: 'NEIGHBOUR_DISPUTE', state: 'IN_PROGRESS', respondedH: 1, branch: b1 });
  await demand({ node: b1, created: sh('2025-04-20 12:00'), category: 'OTHER', state: 'REJECTED', respondedH: 6 });
  // deadlines not reached yet: its response and resolution cannot be judged
  await demand({ node: b1, created: sh('2025-04-25 12:00'), category: 'ENVIRONMENT', state: 'SUBMITTED', due: [new Date('2100-01-01T00:00:00Z'), new Date('2100-01-02T00:00:00Z')] });
  // never in the cohort: a duplicate; just before and just after the period in Shanghai (inside it in UTC); the sibling's
  await demand({ node: b1, created: sh('2025-03-20 12:00'), category: 'SAFETY', state: 'DUPLICATE', duplicateOf: d1 });
  await demand({ node: b1, created: sh('2025-02-28 23:30'), category: 'SAFETY', state: 'CLOSED', respondedH: 1, resolvedH: 2, rating: 1 });
  await demand({ node: g1, created: sh('2025-05-01 00:10'), category: 'SAFETY', state: 'CLOSED', respondedH: 1, resolvedH: 2, rating: 1 });
  await demand({ node: b2, created: sh('2025-03-05 12:00'), category: 'SAFETY', state: 'CLOSED', respondedH: 50, resolvedH: 500, rating: 1 });
});
afterAll(async () => api?.close());

describe('demandMetrics on a crafted data set', () => {
  it('gives the hand-computed figures for the branch subtree and period', async () => {
    const res = await metrics(b1);
    expect(res.errors).toBeUndefined();
    const [m] = res.data.demandMetrics;
    // d1..d6: 3 resolved (d1 d2 d3), open d4 d6, rejected d5; d4 is past its resolution deadline
    expect(m).toMatchObject({ group: 'NONE', key: 'ALL', received: 6, resolved: 3, open: 2, rejected: 1, overdue: 1, escalated: 1 });
    // responded: d1 2h, d2 4h, d3 30h (late), d4 1h, d5 6h; d6 not yet due: 4 of 5 in time
    expect(m.respondedWithinDeadline).toBe(4);
    expect(m.responseRate).toBeCloseTo(0.8, 10);
    // resolved 3 of 6 - 1 rejected
    expect(m.resolutionRate).toBeCloseTo(0.6, 10);
    // judged: d1 (10h), d2 (30h) on time, d3 (100h) late, d4 past due unresolved: 2 of 4
    expect(m.onTimeResolutionRate).toBeCloseTo(0.5, 10);
    // ratings 5, 3, 4
    expect(m.rated).toBe(3);
    expect(m.satisfactionRate).toBeCloseTo(2 / 3, 10);
    // first response hours 1 2 4 6 30: mean 8.6; p90 at position 1 + 0.9 * 4 = 4.6 -> 6 + 0.6 * (30 - 6) = 20.4
    expect(m.avgFirstResponseHours).toBeCloseTo(8.6, 6);
    expect(m.p90FirstResponseHours).toBeCloseTo(20.4, 6);
    // resolution hours 10 30 100: mean 46.67; p90 at position 2.8 -> 30 + 0.8 * 70 = 86
    expect(m.avgResolutionHours).toBeCloseTo(140 / 3, 6);
    expect(m.p90ResolutionHours).toBeCloseTo(86, 6);
  });

  it('leaves out the sibling branch, and counts the sibling alone', async () => {
    const [m] = (await metrics(b2)).data.demandMetrics;
    expect(m).toMatchObject({ received: 1, resolved: 1, rated: 1, satisfactionRate: 0 });
    expect(m.p90ResolutionHours).toBeCloseTo(500, 6);
    const [sub] = (await metrics(g1)).data.demandMetrics;
    expect(sub).toMatchObject({ received: 2, resolved: 1, open: 1 }); // d1 and d4
  });

  it('splits by category: all seven, zeros included', async () => {
    const rows = (await metrics(b1, 'CATEGORY')).data.demandMetrics;
    expect(rows.map((r: { key: string }) => r.key)).toEqual(['ENVIRONMENT', 'PROPERTY', 'SAFETY', 'NEIGHBOUR_DISPUTE', 'FACILITIES', 'ELDERLY_CARE', 'OTHER']);
    const safety = rows.find((r: { key: string }) => r.key === 'SAFETY');
    expect(safety).toMatchObject({ category: 'SAFETY', label: '安全隐患', received: 2, resolved: 2, satisfactionRate: 1, respondedWithinDeadline: 1 });
    // 10 and 100 hours: 10 + 0.9 * 90
    expect(safety.p90ResolutionHours).toBeCloseTo(91, 6);
    expect(rows.find((r: { key: string }) => r.key === 'ENVIRONMENT')).toMatchObject({ received: 2, resolved: 1, open: 1 });
    expect(rows.find((r: { key: string }) => r.key === 'PROPERTY')).toMatchObject({ received: 0, responseRate: null, satisfactionRate: null, avgResolutionHours: null });
  });

  it('splits by month in Shanghai time, empty months included', async () => {
    const rows = (await metrics(b1, 'MONTH', admin, '2025-02-01', '2025-06-01')).data.demandMetrics;
    expect(rows.map((r: { month: string; label: string; received: number }) => [r.month, r.label, r.received])).toEqual([
      ['2025-02', '2025年2月', 1], ['2025-03', '2025年3月', 3], ['2025-04', '2025年4月', 3], ['2025-05', '2025年5月', 1],
    ]);
  });

  it('splits by assignee: unit, account, branch, unassigned', async () => {
    const rows = (await metrics(b1, 'ASSIGNEE')).data.demandMetrics;
    const by = Object.fromEntries(rows.map((r: { assigneeKind: string; received: number; label: string; assigneeId: string | null }) => [r.assigneeKind, r]));
    expect(by.UNIT).toMatchObject({ received: 2, label: '昆明市口腔医院', assigneeId: globalId('CoBuildingUnit', unitId) });
    expect(by.ACCOUNT).toMatchObject({ received: 1, assigneeId: globalId('Account', accountId) });
    expect(by.BRANCH).toMatchObject({ received: 1, label: '指标测试第一支部', assigneeId: globalId('Branch', b1) });
    expect(by.UNASSIGNED).toMatchObject({ received: 2, label: '未指派', assigneeId: null, key: 'UNASSIGNED' });
  });

  it('refuses anonymous callers, staff of other communities and branches, and bad periods', async () => {
    expect((await metrics(b1, 'NONE', null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await metrics(b1, 'NONE', await api.login('hongmian-admin'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await metrics(b1, 'NONE', await api.login('hongkang-branch1'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const backwards = await metrics(b1, 'NONE', admin, '2025-05-01', '2025-03-01');
    expect(backwards.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(backwards.status).toBe(400);
    expect((await metrics(b1, 'NONE', admin, '2020-01-01', '2025-01-01')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('gives a partner token with demands:read the figures of its unit\'s demands only', async () => {
    const [community] = await api.sql<{ id: number }>(`select id from org_node where name = '红康社区' and level = 'COMMUNITY'`);
    const create = await api.gql(`mutation($input: PartnerTokenCreateInput!) { partnerTokenCreate(input: $input) { secret userErrors { code message } } }`,
      { input: { unitId: globalId('CoBuildingUnit', unitId), name: '诉求统计', scopes: ['demands:read'] } }, admin);
    expect(create.data.partnerTokenCreate.userErrors).toEqual([]);
    const partner = create.data.partnerTokenCreate.secret as string;
    const res = await api.gql(METRICS, { id: globalId('PartyCommittee', community.id), from: '2025-03-01', to: '2025-05-01', groupBy: 'NONE' }, partner);
    expect(res.errors).toBeUndefined();
    expect(res.data.demandMetrics[0]).toMatchObject({ received: 2, resolved: 2, rated: 2, satisfactionRate: 1 }); // d1 and d3

    const other = await api.gql(METRICS, { id: globalId('PartyCommittee', (await api.sql<{ id: number }>(`select id from org_node where name = '红棉社区'`))[0].id), from: '2025-03-01', to: '2025-05-01' }, partner);
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('OrgNode.stats', () => {
  it('counts open, overdue and this year\'s demands of the subtree', async () => {
    const yearStart = `date_trunc('year', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'`;
    // received this year: one open (deadlines ahead), two closed and rated 5 and 2
    for (const [state, rating] of [['ACCEPTED', null], ['CLOSED', 5], ['CLOSED', 2]] as const) {
      await api.sql(`insert into demand (community_id, org_node_id, ticket_code, title, channel, category, state, source,
          first_response_due_at, resolution_due_at, first_responded_at, resolved_at, rating, created_at)
        select community_id, id, ?, '今年的诉求', 'HOTLINE', 'PROPERTY', ?, 'STAFF', now() + interval '1 day', now() + interval '3 days',
          ${yearStart} + interval '2 minutes', ${state === 'CLOSED' ? `${yearStart} + interval '3 minutes'` : 'null'}, ?, ${yearStart} + interval '1 minute'
        from org_node where id = ?`, [ticket(), state, rating, g1]);
    }
    const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on Branch { stats { openDemandCount overdueDemandCount demandsReceivedThisYear
      demandsResolvedThisYear demandsRatedThisYear demandSatisfactionRateThisYear } } } }`, { id: globalId('Branch', b1) }, admin);
    expect(res.errors).toBeUndefined();
    // open: d4, d6 and this year's ACCEPTED one; overdue: d4 only
    expect(res.data.node.stats).toEqual({ openDemandCount: 3, overdueDemandCount: 1, demandsReceivedThisYear: 3, demandsResolvedThisYear: 2,
      demandsRatedThisYear: 2, demandSatisfactionRateThisYear: 0.5 });
    const sibling = await api.gql(`query($id: ID!) { node(id: $id) { ... on Branch { stats { openDemandCount demandsReceivedThisYear demandSatisfactionRateThisYear } } } }`,
      { id: globalId('Branch', b2) }, admin);
    expect(sibling.data.node.stats).toEqual({ openDemandCount: 0, demandsReceivedThisYear: 0, demandSatisfactionRateThisYear: null });
  });
});

describe('the demo demands', () => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const yearAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
  const communityId = async (name: string) => globalId('PartyCommittee', (await api.sql<{ id: number }>(`select id from org_node where name = ? and level = 'COMMUNITY'`, [name]))[0].id);

  it('give 红棉社区 this year 22 collected, 7 solved, 15 being coordinated', async () => {
    const token = await api.login('hongmian-admin');
    const res = await api.gql(METRICS, { id: await communityId('红棉社区'), from: `${today.slice(0, 4)}-01-01`, to: tomorrow, groupBy: 'NONE' }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data.demandMetrics[0]).toMatchObject({ received: 22, resolved: 7, open: 15 });
    const stats = await api.gql(`query($id: ID!) { node(id: $id) { ... on PartyCommittee { stats { demandsReceivedThisYear demandsResolvedThisYear openDemandCount } } } }`,
      { id: await communityId('红棉社区') }, token);
    expect(stats.data.node.stats).toEqual({ demandsReceivedThisYear: 22, demandsResolvedThisYear: 7, openDemandCount: 15 });
  });

  it('give 七贤社区 220+ resolved over the year with satisfaction above 90%, and 红康社区 60+ noise, fire-safety and dispute cases', async () => {
    const qixian = await api.gql(METRICS, { id: await communityId('七贤社区'), from: yearAgo, to: tomorrow, groupBy: 'NONE' }, await api.login('qixian-admin'));
    expect(qixian.data.demandMetrics[0].resolved).toBeGreaterThanOrEqual(220);
    expect(qixian.data.demandMetrics[0].satisfactionRate).toBeGreaterThan(0.9);
    const hongkang = await api.gql(METRICS, { id: await communityId('红康社区'), from: yearAgo, to: tomorrow, groupBy: 'CATEGORY' }, admin);
    const cases = hongkang.data.demandMetrics.filter((r: { key: string }) => ['ENVIRONMENT', 'SAFETY', 'NEIGHBOUR_DISPUTE'].includes(r.key))
      .reduce((n: number, r: { received: number }) => n + r.received, 0);
    expect(cases).toBeGreaterThanOrEqual(60);
  });

  it('have timelines consistent with their states, timestamps and escalations', async () => {
    const inconsistent = await api.sql(`
      select d.id from demand d
       where d.ticket_code !~ '^MT' and (
         d.state <> (select e.to_state from demand_event e where e.demand_id = d.id and e.to_state is not null order by e.created_at desc, e.id desc limit 1)
         or exists (select 1 from demand_event e where e.demand_id = d.id and (e.created_at < d.created_at or e.created_at > now()))
         or d.escalation_level <> (select count(*) from demand_event e where e.demand_id = d.id and e.kind = 'ESCALATED')
         or (d.state in ('RESOLVED', 'CLOSED') and d.resolved_at is null)
         or (d.rating is not null) <> exists (select 1 from demand_event e where e.demand_id = d.id and e.kind = 'RATED')
         or (d.state = 'DUPLICATE') <> (d.duplicate_of_id is not null))`);
    expect(inconsistent).toEqual([]);
    const [mix] = await api.sql<{ channels: number; escalated: number; reopened: number; low: number; units: number; branches: number; accounts: number }>(`
      select count(distinct channel)::int as channels, count(*) filter (where escalation_level > 0)::int as escalated,
             count(*) filter (where exists (select 1 from demand_event e where e.demand_id = d.id and e.kind = 'REOPENED'))::int as reopened,
             count(*) filter (where rating <= 2)::int as low, count(assigned_unit_id)::int as units, count(assigned_branch_id)::int as branches,
             count(assigned_account_id)::int as accounts
        from demand d`);
    expect(mix.channels).toBe(6);
    for (const n of [mix.escalated, mix.reopened, mix.low, mix.units, mix.branches, mix.accounts]) expect(n).toBeGreaterThan(5);
  });
});
