/**
 * The activity and volunteer exports: workbooks with Chinese headers that hold the rows the screens show for the
 * same filter and caller, masked phones, and plain JSON errors for callers who may not have them.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test/harness.js';
import { communityId, makeActivity, phone, SIGN_UP } from './activity.fixtures.js';

let api: TestApi;
let admin: string;
let base: string;
let hongkang: string;
const marker = `导出活动${Date.now() % 100000}`;

beforeAll(async () => {
  api = await startTestApi();
  base = api.url.replace(/\/graphql$/, '');
  admin = await api.login('hongkang-admin');
  hongkang = await communityId(api, '红康社区');
});
afterAll(() => api?.close());

async function download(path: string, token: string | null) {
  return fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** The first sheet as objects keyed by the header row (read whole: the streaming reader garbles multibyte text). */
async function sheet(res: Response): Promise<Record<string, unknown>[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = workbook.worksheets[0];
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

describe('activity exports', () => {
  it('exports the filtered list with the same activities the list query returns', async () => {
    const a = await makeActivity(api, admin, { organizerId: hongkang, title: `${marker} 河畔集市`, capacity: 2 });
    await makeActivity(api, admin, { organizerId: hongkang, title: `${marker} 京剧班`, publish: false });
    await api.gql(SIGN_UP, { input: { activityId: a.id, name: '李四', phone: phone() } });
    const listed = (await api.gql(`query($f: ActivityFilter) { activities(filter: $f, first: 100) { edges { node { title } } } }`, { f: { window: 'UPCOMING', search: marker } }, admin))
      .data.activities.edges.map((e: any) => e.node.title);
    expect(listed).toHaveLength(2);

    const rows = await sheet(await download(`/export/activities.xlsx?window=UPCOMING&q=${encodeURIComponent(marker)}`, admin));
    expect(rows.map((r) => r['活动标题'])).toEqual(listed);
    const fair = rows.find((r) => String(r['活动标题']).includes('河畔集市'))!;
    expect(fair).toMatchObject({ 状态: '已发布', 名额: 2, 已报名: 1, 候补: 0, 主办: '红康社区' });
    expect(rows.find((r) => String(r['活动标题']).includes('京剧班'))!['状态']).toBe('草稿');

    const drafts = await sheet(await download(`/export/activities.xlsx?q=${encodeURIComponent(marker)}&status=DRAFT`, admin));
    expect(drafts.map((r) => r['活动标题'])).toEqual([`${marker} 京剧班`]);
    // the public sees no drafts, and a filter that cannot be right is a 400 with a JSON reason
    expect((await download('/export/activities.xlsx', null)).status).toBe(401);
    const bad = await download('/export/activities.xlsx?status=NOPE', admin);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('INVALID_FILTER');
  });

  it("exports an activity's sign-ups masked, for staff over the organiser only", async () => {
    const a = await makeActivity(api, admin, { organizerId: hongkang, title: `${marker} 义诊`, capacity: 1 });
    const p1 = phone();
    await api.gql(SIGN_UP, { input: { activityId: a.id, name: '王小明', phone: p1 } });
    await api.gql(SIGN_UP, { input: { activityId: a.id, name: '赵大海', phone: phone(), joinWaitlist: true } });
    const rows = await sheet(await download(`/export/activity-registrations.xlsx?activity=${encodeURIComponent(a.id)}`, admin));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ 姓名: '王*明', 手机号: `${p1.slice(0, 3)}****${p1.slice(-4)}`, 状态: '已报名' });
    expect(rows[1]).toMatchObject({ 状态: '候补中', 候补顺序: 1 });
    expect(JSON.stringify(rows)).not.toContain(p1);

    const outsider = await api.login('zhenxing-admin');
    expect((await download(`/export/activity-registrations.xlsx?activity=${encodeURIComponent(a.id)}`, outsider)).status).toBe(404);
    expect((await download(`/export/activity-registrations.xlsx?activity=nonsense`, admin)).status).toBe(404);
  });
});

describe('volunteer exports', () => {
  it('exports the roll with hours and the teams, for staff of the community only', async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const roll = (await api.gql(`query($c: ID!) { volunteers(communityId: $c, first: 100) { totalCount } volunteerTeams(communityId: $c, first: 100) { edges { node { name serviceHours(year: ${year}) } } } }`, { c: hongkang }, admin)).data;
    const rows = await sheet(await download(`/export/volunteers.xlsx?community=${encodeURIComponent(hongkang)}&year=${year}`, admin));
    expect(rows).toHaveLength(Math.min(roll.volunteers.totalCount, 20_000));
    expect(Object.keys(rows[0])).toEqual(['姓名', '手机号', '服务队', '共建单位', '技能', `${year}年服务时长（小时）`, '累计服务时长（小时）', `${year}年表彰`]);
    for (const r of rows) expect(String(r['手机号'])).toMatch(/^\d{3}\*{4}\d{4}$/);

    const teams = await sheet(await download(`/export/volunteer-teams.xlsx?community=${encodeURIComponent(hongkang)}&year=${year}`, admin));
    expect(teams.map((t) => [t['服务队'], t[`${year}年服务时长（小时）`]])).toEqual(roll.volunteerTeams.edges.map((e: any) => [e.node.name, e.node.serviceHours]));

    const outsider = await api.login('zhenxing-admin');
    expect((await download(`/export/volunteers.xlsx?community=${encodeURIComponent(hongkang)}`, outsider)).status).toBe(404);
    expect((await download(`/export/volunteers.xlsx?community=${encodeURIComponent(hongkang)}&year=1900`, admin)).status).toBe(400);
  });
});
