/**
 * The home dashboard in real Chromium: a committee admin sees their community's real figures (checked against the
 * API with their own session), each figure a link to the list behind it, charts drawn by ECharts; a branch
 * secretary sees their branch's figures only, cannot open a sibling branch by its address, and on the community's
 * page reads 无权查看 where the secretary is hidden from them, never 未设置. Axe on both.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiWeek } from '../../lib/dashboard/links';
import {
  BRANCH_SECRETARY,
  browserTestsEnabled,
  COMMUNITY_ADMIN,
  DEMO_PASSWORD,
  expectNoSeriousA11yIssues,
  signIn,
  startHarness,
  type Harness,
} from '../../test/browser';

let harness: Harness;

async function api<T = any>(document: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await fetch(harness.platform.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function session(username: string): Promise<string> {
  const data = await api<{ sessionCreate: { token: string } }>(
    `mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token } }`,
    { input: { username, password: DEMO_PASSWORD } },
  );
  return data.sessionCreate.token;
}

/** The figures the API gives this person for their widest grant. */
async function figuresOf(token: string) {
  const { viewer } = await api(`{ viewer { grants { role node { id name level } } } }`, {}, token);
  const depth: Record<string, number> = { STREET: 0, COMMUNITY: 1, BRANCH: 2, BUILDING_GROUP: 3, MEMBER_HOUSEHOLD: 4 };
  const top = [...viewer.grants].sort((a: any, b: any) => depth[a.node.level] - depth[b.node.level])[0].node;
  const week = shanghaiWeek(new Date());
  const data = await api(
    `query($id: ID!, $from: DateTime!, $to: DateTime!) { orgNode(id: $id) { id name stats { memberCount openDemandCount overdueDemandCount } }
       activities(filter: { organizerId: $id, window: THIS_WEEK }, first: 1) { totalCount }
       meetings(filter: { orgNodeId: $id, from: $from, to: $to }, first: 1) { totalCount }
       householdCoverage(orgNodeId: $id) { careCount uncoveredCount memberHouseholds { load } } }`,
    { id: top.id, from: week.from, to: week.to },
    token,
  );
  const loads = (load: string) => data.householdCoverage.memberHouseholds.filter((m: { load: string }) => m.load === load).length;
  return {
    node: data.orgNode,
    weekActivities: data.activities.totalCount as number,
    weekMeetings: data.meetings.totalCount as number,
    coverage: { care: data.householdCoverage.careCount, uncovered: data.householdCoverage.uncoveredCount, idle: loads('NONE'), overloaded: loads('TOO_MANY') },
  };
}

async function signedIn(username: string): Promise<Page> {
  const page = await harness.newPage();
  await signIn(page, username);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] strong`);

describe.skipIf(!browserTestsEnabled('admin dashboard'))('home dashboard (Chromium)', () => {
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("shows a committee admin the community's real figures, each linking to its list, with charts", async () => {
    const expected = await figuresOf(await session(COMMUNITY_ADMIN));
    const page = await signedIn(COMMUNITY_ADMIN);
    expect(await page.getByRole('heading', { name: `${expected.node.name} · 工作概览` }).count()).toBe(1);
    expect(await figure(page, 'open-demands').textContent()).toBe(String(expected.node.stats.openDemandCount));
    expect(await figure(page, 'overdue-demands').textContent()).toBe(String(expected.node.stats.overdueDemandCount));
    expect(await figure(page, 'members').textContent()).toBe(String(expected.node.stats.memberCount));
    expect(await figure(page, 'week-activities').textContent()).toBe(String(expected.weekActivities));
    expect(expected.node.stats.memberCount).toBe(429);

    // this week's meetings: the figure and one row per meeting, each opening that meeting
    expect(await figure(page, 'week-meetings').textContent()).toBe(String(expected.weekMeetings));
    const meetingRows = page.locator('#meetings .rows a');
    expect(await meetingRows.count()).toBe(Math.min(expected.weekMeetings, 20));
    for (const href of await meetingRows.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^\/meetings\/[^/?]+$/);
    expect(new URL((await page.locator('#meetings a.more').getAttribute('href'))!, harness.platform.adminUrl).pathname).toBe('/meetings');

    // the 联户 gaps, as the coverage report counts them, each number opening the report
    expect(expected.coverage.care).toBeGreaterThan(0);
    expect(await figure(page, 'uncovered').textContent()).toBe(String(expected.coverage.uncovered));
    const gap = (name: string) => page.locator(`[data-coverage="${name}"]`);
    expect(await gap('uncovered').locator('.count').textContent()).toBe(String(expected.coverage.uncovered));
    expect(await gap('idle').locator('.count').textContent()).toBe(String(expected.coverage.idle));
    expect(await gap('overloaded').locator('.count').textContent()).toBe(String(expected.coverage.overloaded));
    const gapHref = new URL((await gap('uncovered').getAttribute('href'))!, harness.platform.adminUrl);
    expect([gapHref.pathname, gapHref.searchParams.get('node'), gapHref.hash]).toEqual(['/coverage', expected.node.id, '#gaps']);

    // the overdue figure opens the demand list filtered to the overdue demands of the community
    const overdue = page.locator('[data-figure="overdue-demands"]');
    const href = new URL((await overdue.getAttribute('href'))!, harness.platform.adminUrl);
    expect(href.pathname).toBe('/demands');
    expect(href.searchParams.get('overdue')).toBe('1');
    expect(href.searchParams.get('node')).toBe(expected.node.id);

    // ECharts draws in the browser; the data tables carry the same numbers with their links
    await page.locator('[data-chart="各支部党员人数"] svg').first().waitFor();
    const membersTable = page.getByRole('region', { name: '各支部党员人数数据' });
    await page.locator('summary', { hasText: '查看数据' }).last().click();
    const branchLinks = membersTable.getByRole('link');
    expect(await branchLinks.count()).toBe(10);
    const sum = (await branchLinks.allTextContents()).reduce((n, t) => n + Number(t), 0);
    expect(sum).toBeLessThanOrEqual(429);
    expect(sum).toBeGreaterThan(300);
    await expectNoSeriousA11yIssues(page);

    await overdue.click();
    await page.waitForURL((url) => url.pathname === '/demands' && url.searchParams.get('overdue') === '1');
    await page.context().close();
  });

  it("shows a branch secretary their branch's figures only, and no sibling by its address", async () => {
    const token = await session(BRANCH_SECRETARY);
    const expected = await figuresOf(token);
    const page = await signedIn(BRANCH_SECRETARY);
    expect(await page.getByRole('heading', { name: `${expected.node.name} · 工作概览` }).count()).toBe(1);
    expect(await figure(page, 'members').textContent()).toBe(String(expected.node.stats.memberCount));
    expect(expected.node.stats.memberCount).toBeLessThan(100);
    expect(await figure(page, 'open-demands').textContent()).toBe(String(expected.node.stats.openDemandCount));
    expect(await page.locator('[data-figure="expiring-agreements"]').count()).toBe(0);
    expect(await figure(page, 'week-meetings').textContent()).toBe(String(expected.weekMeetings));
    expect(await page.getByText('429').count()).toBe(0);
    await expectNoSeriousA11yIssues(page);

    // a sibling branch of the same community, by its address: not found
    const admin = await session(COMMUNITY_ADMIN);
    const { orgNode } = await api(`query($id: ID!) { orgNode(id: $id) { parent { id children(first: 20) { edges { node { id name } } } } } }`, { id: expected.node.id }, admin);
    const sibling = orgNode.parent.children.edges.map((e: any) => e.node).find((n: any) => n.id !== expected.node.id);
    const response = await page.goto(`/org/${encodeURIComponent(sibling.id)}`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('body')).not.toContain(sibling.name);

    // the community's own page: its secretary is hidden from a branch secretary, not missing; totals say whose they are
    await page.goto(`/org/${encodeURIComponent(orgNode.parent.id)}`);
    const facts = page.locator('dl.facts');
    expect(await facts.textContent()).toContain('无权查看');
    expect(await facts.textContent()).not.toContain('未设置');
    expect(await page.getByTestId('stats-scope').textContent()).toContain('含您职责范围以外的组织');
    expect(await page.getByRole('heading', { name: /下级组织/ }).textContent()).toMatch(/您可查看 1 \/ 共 10/);
    await page.context().close();
  });
});
