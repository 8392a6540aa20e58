import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, DEMO_PASSWORD, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../test/browser';

/** Live updates: a change made in one browser shows up in another without reloading. */
async function gql(harness: Harness, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const res = await fetch(harness.platform.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function signedInPage(harness: Harness, path: string): Promise<Page> {
  const page = await harness.newPage();
  await signIn(page, COMMUNITY_ADMIN);
  await page.waitForURL((url) => url.pathname === '/');
  await page.goto(path);
  return page;
}

/** Count of full page loads, to prove an update came without one. */
async function countLoads(page: Page): Promise<() => number> {
  let loads = 0;
  page.on('load', () => loads++);
  return () => loads;
}

describe.skipIf(!browserTestsEnabled('admin live updates'))('live updates (Chromium)', () => {
  let harness: Harness;
  let token: string;
  let community: string;

  beforeAll(async () => {
    harness = await startHarness();
    token = (await gql(harness, `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token } }`, { input: { username: COMMUNITY_ADMIN, password: DEMO_PASSWORD } })).sessionCreate.token;
    const found = (await gql(harness, `query($q: String!) { orgSearch(query: $q, first: 10) { edges { node { id level } } } }`, { q: '红康社区' }, token)).orgSearch.edges;
    community = found.find((e: any) => e.node.level === 'COMMUNITY').node.id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows a check-in made at one door on the other door’s screen', async () => {
    const title = `实时签到测试 ${Date.now()}`;
    const startsAt = new Date(Date.now() + 30 * 60_000);
    const activity = (await gql(harness, `mutation($input: ActivityCreateInput!) { activityCreate(input: $input) { activity { id } userErrors { message } } }`, {
      input: { organizerId: community, title, category: 'VOLUNTEER_SERVICE', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString() },
    }, token)).activityCreate.activity.id;
    await gql(harness, `mutation($input: ActivityPublishInput!) { activityPublish(input: $input) { userErrors { message } } }`, { input: { id: activity } }, token);
    const code = (await gql(harness, `mutation($input: RegistrationCreateInput!) { registrationCreate(input: $input) { registration { code } } }`, {
      input: { activityId: activity, name: '陈国强', phone: `139${String(Date.now()).slice(-8)}` },
    })).registrationCreate.registration.code;

    const doorA = await signedInPage(harness, '/checkin');
    const doorB = await signedInPage(harness, '/checkin');
    const loadsB = await countLoads(doorB);
    const feed = doorB.getByRole('region', { name: '各入口实时签到' });
    await expect.poll(() => feed.textContent(), { timeout: 10_000 }).toContain('暂无新的签到');

    await doorA.getByLabel('确认码').fill(code);
    await doorA.getByRole('button', { name: '签到', exact: true }).click();
    await expect.poll(() => doorA.getByRole('status').textContent()).toContain('已签到');

    await expect.poll(() => feed.textContent(), { timeout: 10_000 }).toContain('陈*强');
    const row = (await feed.textContent()) ?? '';
    expect(row).toContain(title);
    expect(row).toContain('已签到');
    expect(loadsB()).toBe(0);
    await expectNoSeriousA11yIssues(doorB);
    await Promise.all([doorA.context().close(), doorB.context().close()]);
  });

  it('updates the demand board when a demand is taken in elsewhere', async () => {
    const board = await signedInPage(harness, '/demands');
    const loads = await countLoads(board);
    await expect.poll(() => board.locator('[data-live]').getAttribute('data-live'), { timeout: 10_000 }).toBe('on');
    const title = `实时诉求 ${Date.now()}`;
    // another member of staff takes one in (through the API, as the intake form or a partner program would)
    const other = (await gql(harness, `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token } }`, { input: { username: COMMUNITY_ADMIN, password: DEMO_PASSWORD } })).sessionCreate.token;
    const made = await gql(harness, `mutation($input: CreateDemandInput!) { createDemand(input: $input) { userErrors { message } } }`, {
      input: { orgNodeId: community, channel: 'HOTLINE', category: 'ENVIRONMENT', title, description: '路灯不亮，晚上看不清路', place: { text: '东门' }, residentName: '刘芳', residentPhone: '13600002222' },
    }, other);
    expect(made.createDemand.userErrors).toEqual([]);
    await expect.poll(() => board.getByRole('main').textContent(), { timeout: 10_000 }).toContain(title);
    expect(loads()).toBe(0);
    await board.context().close();
  });

  it('still works without the live stream (JavaScript off)', async () => {
    const page = await harness.newPage({ javaScriptEnabled: false });
    await signIn(page, COMMUNITY_ADMIN);
    await page.goto('/demands');
    expect(await page.getByRole('heading', { name: '诉求', level: 1 }).count()).toBe(1);
    expect(await page.getByRole('region', { name: '各入口实时签到' }).count()).toBe(0);
    await page.context().close();
  });
});
