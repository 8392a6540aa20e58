import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { ACTIVITY_FIELDS, communityId, firstBranchId, makeActivity, partnerToken, phone, SIGN_UP, testUnit, venueId } from './activity.fixtures.js';
import { monthRange, occurrenceStarts, recurrenceLabel, weekRange, windowBounds, MonthlyBy } from './activity.time.js';
import { RecurrenceFrequency } from './activity.entity.js';

let api: TestApi;
let admin: string;
let hongkang: string;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

const LIST = `query($filter: ActivityFilter, $first: Int, $after: String) { activities(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${ACTIVITY_FIELDS} } } } }`;
const UPDATE = `mutation($input: ActivityUpdateInput!) { activityUpdate(input: $input) { activity { id title capacity version } userErrors { field message code } } }`;
const CREATE = `mutation($input: ActivityCreateInput!) { activityCreate(input: $input) { activity { id } activities { id startsAt recurrence status } userErrors { field message code } } }`;

const list = async (filter: Record<string, unknown>, token?: string, first = 100) => {
  const res = await api.gql(LIST, { filter, first }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.activities;
};
const titlesOf = (conn: any) => conn.edges.map((e: any) => e.node.title);

async function seededActivity(title: string): Promise<{ id: string; rowId: number }> {
  const [row] = await api.sql<{ id: number }>(`select id from activity where title = ? order by starts_at limit 1`, [title]);
  return { id: globalId('Activity', row.id), rowId: row.id };
}

describe('the public list', () => {
  it('shows anonymous callers published and finished public activities only, by start time', async () => {
    const all = await list({}, undefined, 100);
    expect(all.totalCount).toBeGreaterThan(20);
    const nodes = all.edges.map((e: any) => e.node);
    expect(nodes.every((n: any) => n.audience === 'PUBLIC' && ['PUBLISHED', 'FINISHED'].includes(n.status))).toBe(true);
    const starts = nodes.map((n: any) => n.startsAt);
    expect([...starts].sort()).toEqual(starts);
    const [{ count }] = await api.sql<{ count: string }>(`select count(*) from activity where audience = 'PUBLIC' and status in ('PUBLISHED', 'FINISHED')`);
    expect(all.totalCount).toBe(Number(count));

    const upcoming = await list({ window: 'UPCOMING', communityId: hongkang });
    expect(upcoming.edges.length).toBeGreaterThan(0);
    for (const { node } of upcoming.edges) {
      expect(node.community.name).toBe('红康社区');
      expect(new Date(node.endsAt).getTime()).toBeGreaterThan(Date.now());
      expect(node.status).toBe('PUBLISHED');
    }
    const past = await list({ window: 'PAST', category: 'SERVICE_FAIR' });
    expect(past.edges.every((e: any) => e.node.status === 'FINISHED' && e.node.category === 'SERVICE_FAIR')).toBe(true);
    expect(past.edges.length).toBeGreaterThan(0);

    const communities = (await api.gql(`{ publicCommunities { id name level } }`)).data.publicCommunities;
    expect(communities.map((c: any) => c.name)).toContain('红康社区');
    expect(communities.every((c: any) => c.level === 'COMMUNITY')).toBe(true);
  });

  it('shows the seeded series, co-hosts, venue and seat counts', async () => {
    const fair = (await list({ search: '河畔集市', window: 'UPCOMING' })).edges[0].node;
    expect(fair.recurrence).toBe('每月');
    expect(fair.venue.name).toBe('盘龙江畔河畔集市');
    expect(fair.coHosts.map((u: any) => u.name).sort()).toEqual(['云南言之文化传媒有限公司', '昆明市口腔医院'].sort());
    expect(fair.capacity).toBeNull();
    expect(fair.seatsLeft).toBeNull();
    expect(fair.registrationOpen).toBe(true);
    const tea = (await list({ search: '普法茶水铺', window: 'UPCOMING' })).edges[0].node;
    expect(tea).toMatchObject({ capacity: 20, confirmedCount: 20, waitlistCount: 2, seatsLeft: 0 });
  });

  it('pages with cursors and refuses pages over 100', async () => {
    const page1 = await api.gql(LIST, { filter: {}, first: 7 });
    const page2 = await api.gql(LIST, { filter: {}, first: 7, after: page1.data.activities.pageInfo.endCursor });
    const ids = [...page1.data.activities.edges, ...page2.data.activities.edges].map((e: any) => e.node.id);
    expect(new Set(ids).size).toBe(14);
    expect((await api.gql(LIST, { filter: {}, first: 101 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('batches every list field: the same few statements for 5 activities as for 20', async () => {
    // 20 weekly occurrences, each with co-hosts, a venue, an organiser and sign-ups
    const units = [await testUnit(api, '批量测试单位甲'), await testUnit(api, '批量测试单位乙')];
    const series = await makeActivity(api, admin, {
      organizerId: hongkang, title: '批量加载测试', capacity: 10, venueId: await venueId(api, '红康社区'),
      coHostIds: units.map((u) => u.globalId), recurrence: { frequency: 'WEEKLY', count: 20 },
    });
    await api.gql(SIGN_UP, { input: { activityId: series.id, name: '孙七', phone: phone() } });
    const run = (first: number) => api.countStatements(() => api.gql(LIST, { filter: { search: '批量加载测试' }, first }));
    const small = await run(5);
    const big = await run(20);
    expect(big.result.errors).toBeUndefined();
    expect(big.result.data.activities.edges).toHaveLength(20);
    expect(big.result.data.activities.edges.every((e: any) => e.node.coHosts.length === 2 && e.node.venue && e.node.recurrence)).toBe(true);
    expect(big.statements).toBe(small.statements);
    // list, total, co-hosts, venues, org nodes (organisers and communities together), seat counts, series
    expect(big.statements).toBeLessThanOrEqual(7);
    // the whole public list, 100 at a time, of every kind: still the same handful
    const all = await api.countStatements(() => api.gql(LIST, { filter: {}, first: 100 }));
    expect(all.statements).toBeLessThanOrEqual(7);
  });
});

describe('round trips', () => {
  it('reads an activity with its venue and organiser in one statement, by id and in the public list', async () => {
    const PLACES = `id title venue { name address } organizer { id name level }`;
    const listed = await api.gql(`{ activities(first: 20, filter: { window: UPCOMING }) { edges { node { ${PLACES} } } } }`);
    expect(listed.errors).toBeUndefined();
    const first = listed.data.activities.edges.find((e: any) => e.node.venue)?.node;
    expect(first).toBeTruthy();
    const byId = await api.countStatements(() => api.gql(`query($id: ID!) { node(id: $id) { ... on Activity { ${PLACES} } } }`, { id: first.id }));
    expect(byId.result.errors).toBeUndefined();
    expect(byId.result.data.node).toEqual(first);
    expect(byId.statements).toBe(1);
    const page = await api.countStatements(() => api.gql(`{ activities(first: 20, filter: { window: UPCOMING }) { edges { node { ${PLACES} } } } }`));
    expect(page.result.data).toEqual(listed.data);
    expect(page.statements).toBe(1);
  });
});

describe('members-only activities and drafts', () => {
  it('are hidden from anonymous callers in lists, by id and through node(id); staff in scope see them', async () => {
    const party = await seededActivity('联合主题党日：参观朱德旧居纪念馆');
    const draft = await seededActivity('邻里欢聚迎新年');
    for (const token of [undefined, await api.login('zhenxing-admin')]) {
      const seen = await api.gql(`query($a: ID!) { activity(id: $a) { id } node(id: $a) { id } }`, { a: party.id }, token);
      expect(seen.data).toEqual({ activity: null, node: null });
    }
    expect((await list({ search: '朱德旧居' })).totalCount).toBe(0);
    expect((await list({ search: '邻里欢聚' })).totalCount).toBe(0);
    const anonDraft = await api.gql(`query($a: ID!) { activity(id: $a) { id } node(id: $a) { id } }`, { a: draft.id });
    expect(anonDraft.data).toEqual({ activity: null, node: null });

    const mine = await api.gql(`query($a: ID!) { activity(id: $a) { audience status registrations(first: 5) { totalCount } } }`, { a: party.id }, admin);
    expect(mine.data.activity).toMatchObject({ audience: 'MEMBERS_ONLY', status: 'PUBLISHED', registrations: { totalCount: expect.any(Number) } });
    expect((await list({ search: '朱德旧居' }, admin)).totalCount).toBe(1);
    const zhenxing = await api.login('zhenxing-admin');
    expect((await list({ status: 'DRAFT' }, zhenxing)).edges.map((e: any) => e.node.title)).toContain('邻里欢聚迎新年');
    expect((await list({ status: 'DRAFT' }, admin)).edges.map((e: any) => e.node.title)).not.toContain('邻里欢聚迎新年');
    // anonymous sign-up to a members-only activity reads as a missing activity
    const res = await api.gql(SIGN_UP, { input: { activityId: party.id, name: '王五', phone: phone() } });
    expect(res.data.registrationCreate.userErrors[0].code).toBe('NOT_FOUND');
  });
});

describe('time windows in Asia/Shanghai', () => {
  it('starts weeks on Monday 00:00 Beijing time, whatever the UTC day', () => {
    // Sunday 23:59:59 in Beijing is Sunday 15:59:59 UTC: still the week that began Monday the 16th
    expect(weekRange(new Date('2026-11-22T15:59:59Z'))).toEqual({ from: new Date('2026-11-15T16:00:00Z'), to: new Date('2026-11-22T16:00:00Z') });
    // Monday 00:00 in Beijing is still Sunday in UTC: a new week
    expect(weekRange(new Date('2026-11-22T16:00:00Z'))).toEqual({ from: new Date('2026-11-22T16:00:00Z'), to: new Date('2026-11-29T16:00:00Z') });
    // Monday 07:59 Beijing (Sunday 23:59 UTC) and Monday 08:00 Beijing (Monday 00:00 UTC) are the same week
    expect(weekRange(new Date('2026-11-22T23:59:00Z'))).toEqual(weekRange(new Date('2026-11-23T00:00:00Z')));
    expect(monthRange(new Date('2026-11-30T15:59:59Z'))).toEqual({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') });
    expect(monthRange(new Date('2026-11-30T16:00:00Z')).from).toEqual(new Date('2026-11-30T16:00:00Z'));
    expect(windowBounds('UPCOMING', new Date('2026-01-01T00:00:00Z'))).toEqual({ endsAfter: new Date('2026-01-01T00:00:00Z') });
  });

  it('lists exactly the activities starting this week, edges included', async () => {
    // the week computed independently: Beijing "now", back to Monday, back to UTC
    const beijing = new Date(Date.now() + 8 * 3_600_000);
    const midnight = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate()) - 8 * 3_600_000;
    const monday = midnight - ((beijing.getUTCDay() + 6) % 7) * 86_400_000;
    const nextMonday = monday + 7 * 86_400_000;
    const at = { 周界测试A: monday - 1000, 周界测试B: monday, 周界测试C: nextMonday - 1000, 周界测试D: nextMonday };
    for (const [title, start] of Object.entries(at)) {
      const res = await api.gql(CREATE, { input: { organizerId: hongkang, title, category: 'OTHER', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() } }, admin);
      await api.gql(`mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { userErrors { code } } }`, { input: { id: res.data.activityCreate.activity.id } }, admin);
    }
    expect(titlesOf(await list({ window: 'THIS_WEEK', search: '周界测试' }))).toEqual(['周界测试B', '周界测试C']);
    const thisMonth = titlesOf(await list({ window: 'THIS_MONTH', search: '周界测试' }));
    for (const [title, start] of Object.entries(at)) {
      const month = new Date(start + 8 * 3_600_000).getUTCMonth() === beijing.getUTCMonth();
      expect(thisMonth.includes(title), title).toBe(month);
    }
    expect(titlesOf(await list({ search: '周界测试', from: new Date(monday).toISOString(), to: new Date(nextMonday).toISOString() }))).toEqual(['周界测试B', '周界测试C']);
  });

  it('lists as upcoming the activities under way, then those starting later, by start time, never those that are over', async () => {
    const hour = 3_600_000;
    const now = Date.now();
    // [start, end] relative to now; created in the future and published, then moved in time
    const at: Record<string, [number, number]> = {
      窗口测试B: [now - hour, now + 5 * hour], 窗口测试A: [now - 3 * hour, now + hour], 窗口测试C: [now - 3 * hour, now - hour],
      窗口测试E: [now + 2 * hour, now + 3 * hour], 窗口测试D: [now + hour, now + 2 * hour], 窗口测试F: [now - 30 * 86_400_000, now - 29 * 86_400_000],
    };
    for (const [title, [start, end]] of Object.entries(at)) {
      const res = await api.gql(CREATE, { input: { organizerId: hongkang, title, category: 'OTHER', startsAt: new Date(now + 86_400_000).toISOString(), endsAt: new Date(now + 86_400_000 + hour).toISOString() } }, admin);
      const id = res.data.activityCreate.activity.id;
      await api.gql(`mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { userErrors { code } } }`, { input: { id } }, admin);
      await api.sql(`update activity set starts_at = ?, ends_at = ? where title = ?`, [new Date(start), new Date(end), title]);
    }
    const expected = ['窗口测试A', '窗口测试B', '窗口测试D', '窗口测试E'];
    for (const token of [undefined, admin]) {
      const upcoming = await list({ window: 'UPCOMING', search: '窗口测试' }, token);
      expect(titlesOf(upcoming)).toEqual(expected);
      expect(upcoming.totalCount).toBe(4);
      expect(titlesOf(await list({ window: 'UPCOMING', search: '窗口测试', communityId: hongkang }, token))).toEqual(expected);
    }
    // pages across the boundary between those under way and the later ones
    const first = (await api.gql(LIST, { filter: { window: 'UPCOMING', search: '窗口测试' }, first: 3 })).data.activities;
    expect(titlesOf(first)).toEqual(expected.slice(0, 3));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await api.gql(LIST, { filter: { window: 'UPCOMING', search: '窗口测试' }, first: 3, after: first.pageInfo.endCursor })).data.activities;
    expect(titlesOf(second)).toEqual(expected.slice(3));
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(titlesOf(await list({ window: 'PAST', search: '窗口测试' }))).toEqual(['窗口测试F', '窗口测试C']);
  });
});

describe('creating, publishing and cancelling', () => {
  it('creates a weekly series as drafts in one go and publishes it', async () => {
    // next Friday 09:00 Beijing
    const beijing = new Date(Date.now() + 8 * 3_600_000);
    const daysAhead = ((5 - beijing.getUTCDay() + 7) % 7) || 7;
    const start = Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + daysAhead, 9) - 8 * 3_600_000;
    const input = {
      organizerId: hongkang, title: '周五志愿服务（测试）', category: 'VOLUNTEER_SERVICE', venueId: await venueId(api, '红康社区'), capacity: 30,
      startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2.5 * 3_600_000).toISOString(),
      registrationClosesAt: new Date(start - 3_600_000).toISOString(),
      recurrence: { frequency: 'WEEKLY', count: 4 },
    };
    const created = (await api.gql(CREATE, { input }, admin)).data.activityCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.activities).toHaveLength(4);
    expect(created.activities.map((a: any) => new Date(a.startsAt).getTime() - start)).toEqual([0, 1, 2, 3].map((w) => w * 7 * 86_400_000));
    expect(created.activities.every((a: any) => a.recurrence === '每周五' && a.status === 'DRAFT')).toBe(true);
    expect((await list({ search: '周五志愿服务（测试）' })).totalCount).toBe(0);

    const published = (await api.gql(`mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { activities { status } userErrors { code } } }`,
      { input: { id: created.activity.id, includeLaterOccurrences: true } }, admin)).data.activityPublish;
    expect(published.activities.map((a: any) => a.status)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
    const again = await api.gql(`mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { userErrors { code } } }`, { input: { id: created.activity.id } }, admin);
    expect(again.data.activityPublish.userErrors[0].code).toBe('INVALID_STATE');
    const anon = await list({ search: '周五志愿服务（测试）' });
    expect(anon.totalCount).toBe(4);
    const series = await api.gql(`query($id: ID!) { activity(id: $id) { series { recurrence frequency occurrences(first: 10) { totalCount } } } }`, { id: created.activity.id });
    expect(series.data.activity.series).toEqual({ recurrence: '每周五', frequency: 'WEEKLY', occurrences: { totalCount: 4 } });

    // cancel the third and later
    const third = created.activities[2].id;
    const cancelled = (await api.gql(`mutation($input: ActivityCancelInput!) { activityCancel(input: $input) { activities { id status } userErrors { code } } }`,
      { input: { id: third, includeLaterOccurrences: true } }, admin)).data.activityCancel;
    expect(cancelled.activities.map((a: any) => a.id)).toEqual([third, created.activities[3].id]);
    expect(titlesOf(await list({ search: '周五志愿服务（测试）' }))).toHaveLength(2);
  });

  it('computes monthly series on the same weekday of the month, and caps series at 52', () => {
    const first = new Date('2026-12-05T01:00:00Z'); // Saturday 5 December 2026, 09:00 Beijing: the first Saturday
    const starts = occurrenceStarts(first, { frequency: RecurrenceFrequency.MONTHLY, interval: 1, monthlyBy: MonthlyBy.WEEKDAY_OF_MONTH }, { count: 3 }, 52);
    expect(starts.map((d) => d.toISOString())).toEqual(['2026-12-05T01:00:00.000Z', '2027-01-02T01:00:00.000Z', '2027-02-06T01:00:00.000Z']);
    expect(recurrenceLabel({ frequency: RecurrenceFrequency.MONTHLY, interval: 1, monthlyBy: MonthlyBy.WEEKDAY_OF_MONTH }, first)).toBe('每月第一个周六');
    expect(recurrenceLabel({ frequency: RecurrenceFrequency.WEEKLY, interval: 2 }, first)).toBe('每两周周六');
    const byDay = occurrenceStarts(new Date('2027-01-30T16:00:00Z'), { frequency: RecurrenceFrequency.MONTHLY, interval: 1, monthlyBy: MonthlyBy.DAY_OF_MONTH }, { count: 3 }, 52);
    // the 31st in Beijing: February and April have none
    expect(byDay.map((d) => d.toISOString().slice(0, 10))).toEqual(['2027-01-30', '2027-03-30', '2027-05-30']);
    expect(occurrenceStarts(first, { frequency: RecurrenceFrequency.WEEKLY, interval: 1 }, { until: new Date('2028-12-31T00:00:00Z') }, 52)).toHaveLength(53);
  });

  it('refuses bad input with the field named, and series over 52 occurrences', async () => {
    const start = Date.now() + 86_400_000;
    const base = { organizerId: hongkang, title: '校验', category: 'OTHER', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() };
    const cases: [Record<string, unknown>, string[]][] = [
      [{ title: '' }, ['input', 'title']],
      [{ endsAt: new Date(start - 1).toISOString() }, ['input', 'endsAt']],
      [{ capacity: 0 }, ['input', 'capacity']],
      [{ coverImageUrl: 'javascript:alert(1)' }, ['input', 'coverImageUrl']],
      [{ recurrence: { frequency: 'WEEKLY', count: 60 } }, ['input', 'recurrence', 'count']],
      [{ recurrence: { frequency: 'WEEKLY', until: new Date(start + 400 * 86_400_000).toISOString() } }, ['input', 'recurrence', 'until']],
      [{ venueId: await venueId(api, '振兴社区') }, ['input', 'venueId']],
    ];
    for (const [change, field] of cases) {
      const res = (await api.gql(CREATE, { input: { ...base, ...change } }, admin)).data.activityCreate;
      expect(res.userErrors[0]?.field, JSON.stringify(change)).toEqual(field);
      expect(res.activity).toBeNull();
    }
    const anonymous = await api.gql(CREATE, { input: base });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets a branch secretary run activities of their branch only', async () => {
    const secretary = await api.login('hongkang-branch1');
    const branch = await firstBranchId(api, '红康社区');
    const mine = await makeActivity(api, secretary, { organizerId: branch, title: '支部活动' });
    expect(mine.organizer.id).toBe(branch);
    expect(mine.community.name).toBe('红康社区');
    const start = Date.now() + 86_400_000;
    const forCommittee = await api.gql(CREATE, { input: { organizerId: hongkang, title: '越权', category: 'OTHER', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() } }, secretary);
    expect(forCommittee.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const committeeActivity = await makeActivity(api, admin, { organizerId: hongkang, title: '社区活动' });
    const edit = await api.gql(UPDATE, { input: { id: committeeActivity.id, title: '被改' } }, secretary);
    expect(edit.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // the committee admin above the branch may change the branch's activity
    const adminEdit = await api.gql(UPDATE, { input: { id: mine.id, title: '支部活动（改）', expectedVersion: mine.version + 1 } }, admin);
    expect(adminEdit.data.activityUpdate.userErrors).toEqual([]);
    const stale = await api.gql(UPDATE, { input: { id: mine.id, title: '过时', expectedVersion: mine.version } }, admin);
    expect(stale.data.activityUpdate.userErrors[0].code).toBe('CONFLICT');
  });

  it('counts published activities of the month in the org stats', async () => {
    const { from, to } = (() => {
      const b = new Date(Date.now() + 8 * 3_600_000);
      return { from: new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), 1) - 8 * 3_600_000), to: new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth() + 1, 1) - 8 * 3_600_000) };
    })();
    const stats = async () => (await api.gql(`query($id: ID!) { orgNode(id: $id) { stats { activitiesThisMonth } } }`, { id: hongkang })).data.orgNode.stats.activitiesThisMonth;
    const [{ count }] = await api.sql<{ count: string }>(
      `select count(*) from activity a where a.community_id = (select id from org_node where name = '红康社区') and a.status in ('PUBLISHED', 'FINISHED') and a.starts_at >= ? and a.starts_at < ?`, [from, to]);
    const before = await stats();
    expect(before).toBe(Number(count));
    // half an hour into the month: always this month, whatever today is
    const startsInHours = (from.getTime() + 1_800_000 - Date.now()) / 3_600_000;
    await makeActivity(api, admin, { organizerId: hongkang, title: '本月新增', startsInHours, durationHours: 1 });
    await makeActivity(api, admin, { organizerId: hongkang, title: '本月草稿', startsInHours, durationHours: 1, publish: false });
    expect(await stats()).toBe(before + 1);
  });
});

describe('partner tokens', () => {
  it('may update activities their unit co-hosts (title, times, capacity, venue) with activities:write, nothing else', async () => {
    const unit = await testUnit(api, '测试共建单位甲');
    const hosted = await makeActivity(api, admin, { organizerId: hongkang, title: '共建活动', capacity: 10, coHostIds: [unit.globalId] });
    const other = await makeActivity(api, admin, { organizerId: hongkang, title: '非共建活动' });
    const hiddenDraft = await makeActivity(api, admin, { organizerId: hongkang, title: '共建草稿', coHostIds: [unit.globalId], publish: false });
    const writer = await partnerToken(api, unit.id, ['public:read', 'unit:read', 'activities:write']);
    const reader = await partnerToken(api, unit.id, ['public:read', 'unit:read']);

    const ok = await api.gql(UPDATE, { input: { id: hosted.id, title: '共建活动（单位修改）', capacity: 12, venueId: await venueId(api, '红康社区') } }, writer);
    expect(ok.data.activityUpdate.userErrors).toEqual([]);
    expect(ok.data.activityUpdate.activity).toMatchObject({ title: '共建活动（单位修改）', capacity: 12 });
    expect((await api.gql(UPDATE, { input: { id: other.id, title: '越权' } }, writer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(UPDATE, { input: { id: hosted.id, category: 'SPORTS' } }, writer)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(UPDATE, { input: { id: hosted.id, title: '无权' } }, reader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const publish = await api.gql(`mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { userErrors { code } } }`, { input: { id: hiddenDraft.id } }, writer);
    expect(publish.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // reads: its co-hosted draft, counts but never registrants
    await api.gql(SIGN_UP, { input: { activityId: hosted.id, name: '赵六', phone: phone() } });
    const q = `query($a: ID!, $d: ID!) { a: activity(id: $a) { confirmedCount viewerCanUpdate registrations(first: 5) { totalCount } } d: activity(id: $d) { title status } }`;
    const seen = await api.gql(q, { a: hosted.id, d: hiddenDraft.id }, writer);
    expect(seen.data).toEqual({ a: { confirmedCount: 1, viewerCanUpdate: true, registrations: null }, d: { title: '共建草稿', status: 'DRAFT' } });
    expect((await api.gql(q, { a: hosted.id, d: hiddenDraft.id })).data.d).toBeNull();
    const mine = await list({ coHostId: unit.globalId }, writer);
    expect(titlesOf(mine).sort()).toEqual(['共建活动（单位修改）', '共建草稿'].sort());
    const byCode = await api.gql(`query { registrationByCode(code: "AAAAAAAA") { code } }`, {}, writer);
    expect(byCode.errors).toBeUndefined();
  });
});
