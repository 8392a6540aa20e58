/** OrgNode.activityMonths and OrgNode.serviceHoursMonths: the dashboard's monthly series, checked against the tables. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId, startTestApi, type TestApi } from '../../test/harness.js';
import { recentMonths } from './activity.months.js';

let api: TestApi;
let admin: string;
let hongkang: { id: string; rowId: number; path: string };

const SERIES = `query($id: ID!, $months: Int) { orgNode(id: $id) {
  activityMonths(months: $months) { month activityCount checkedInCount }
  serviceHoursMonths(months: $months) { month hours volunteerCount } } }`;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.login('hongkang-admin');
  const [c] = await api.sql<{ id: number; path: string }>(`select id, path from org_node where name = '红康社区' and level = 'COMMUNITY'`);
  hongkang = { id: globalId('PartyCommittee', c.id), rowId: c.id, path: c.path };
});
afterAll(() => api?.close());

describe('monthly series of an org node', () => {
  it('counts the published activities and hours of each of the last twelve months, as the tables hold them', async () => {
    const res = await api.gql(SERIES, { id: hongkang.id }, admin);
    expect(res.errors).toBeUndefined();
    const { activityMonths, serviceHoursMonths } = res.data.orgNode;
    const months = recentMonths(12).map((m) => m.month);
    expect(activityMonths.map((m: { month: string }) => m.month)).toEqual(months);
    expect(serviceHoursMonths.map((m: { month: string }) => m.month)).toEqual(months);

    const activities = await api.sql<{ month: string; count: string }>(
      `select to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*) from activity a join org_node o on o.id = a.organizer_id
       where o.path like ? and a.status in ('PUBLISHED', 'FINISHED') group by 1`, [`${hongkang.path}%`]);
    const hours = await api.sql<{ month: string; hours: string }>(
      `select to_char(served_on, 'YYYY-MM') as month, sum(hours) as hours from service_record where community_id = ? group by 1`, [hongkang.rowId]);
    for (const m of activityMonths) expect(m.activityCount, m.month).toBe(Number(activities.find((r) => r.month === m.month)?.count ?? 0));
    for (const m of serviceHoursMonths) expect(m.hours, m.month).toBeCloseTo(Number(hours.find((r) => r.month === m.month)?.hours ?? 0), 2);
    // the demo community has activities and hours this year: the series is not all zeros
    expect(activityMonths.some((m: { activityCount: number }) => m.activityCount > 0)).toBe(true);
    expect(serviceHoursMonths.some((m: { hours: number }) => m.hours > 0)).toBe(true);
  });

  it('moves with new activities and refuses a silly number of months', async () => {
    const [branch] = await api.sql<{ id: number }>(`select id from org_node where parent_id = ? and level = 'BRANCH' order by id limit 1`, [hongkang.rowId]);
    const before = (await api.gql(SERIES, { id: globalId('Branch', branch.id), months: 1 }, admin)).data.orgNode.activityMonths[0].activityCount;
    await api.sql(`insert into activity (community_id, organizer_id, title, category, starts_at, ends_at, status)
                   values (?, ?, '月度统计测试', 'OTHER', now(), now() + interval '1 hour', 'PUBLISHED'),
                          (?, ?, '草稿不计', 'OTHER', now(), now() + interval '1 hour', 'DRAFT')`, [hongkang.rowId, branch.id, hongkang.rowId, branch.id]);
    const after = (await api.gql(SERIES, { id: globalId('Branch', branch.id), months: 1 }, admin)).data.orgNode.activityMonths[0].activityCount;
    expect(after).toBe(before + 1);
    const bad = await api.gql(SERIES, { id: hongkang.id, months: 99 }, admin);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads the series of a page of nodes in statements that do not grow with the page', async () => {
    const q = `query($id: ID!, $first: Int!) { orgNode(id: $id) { children(first: $first) { edges { node { id
      activityMonths { month activityCount } serviceHoursMonths { month hours } } } } } }`;
    const small = await api.countStatements(() => api.gql(q, { id: hongkang.id, first: 2 }, admin));
    const large = await api.countStatements(() => api.gql(q, { id: hongkang.id, first: 10 }, admin));
    expect((large.result as any).data.orgNode.children.edges).toHaveLength(10);
    expect(large.statements).toBe(small.statements);
  });
});
