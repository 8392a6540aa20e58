import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../test/browser';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };

async function signedIn(harness: Harness, viewport: { width: number; height: number }, javaScriptEnabled = true): Promise<Page> {
  const page = await harness.newPage({ viewport, javaScriptEnabled });
  await signIn(page, COMMUNITY_ADMIN);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

describe.skipIf(!browserTestsEnabled('admin layout and navigation'))('layout and navigation (Chromium)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('on a 375 px phone, the nav is a tab bar at the bottom that leads to 签到', async () => {
    const page = await signedIn(harness, PHONE);
    const nav = page.getByRole('navigation', { name: '主要功能' });
    const box = (await nav.boundingBox())!;
    expect(box.width).toBe(PHONE.width);
    expect(Math.round(box.y + box.height)).toBe(PHONE.height);
    // Every tab is a thumb-sized target, and nothing spills out sideways.
    for (const tab of await nav.getByRole('link').all()) expect((await tab.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await nav.getByRole('link', { name: '首页' }).getAttribute('aria-current')).toBe('page');
    // The signed-in name and sign-out stay in the header.
    const name = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('，您好', '').trim();
    expect(await page.getByRole('banner').textContent()).toContain(name);
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);
    await expectNoSeriousA11yIssues(page);

    await nav.getByRole('link', { name: '签到', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/checkin');
    expect(await nav.getByRole('link', { name: '签到', exact: true }).getAttribute('aria-current')).toBe('page');
    const crumbs = page.getByRole('navigation', { name: '当前位置' });
    expect(await crumbs.getByRole('listitem').allTextContents()).toEqual(['首页', '活动签到']);
    expect(await crumbs.getByRole('link').allTextContents()).toEqual(['首页']);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it('at desktop width, the nav is a column on the left with full names', async () => {
    const page = await signedIn(harness, DESKTOP);
    const nav = page.getByRole('navigation', { name: '主要功能' });
    const box = (await nav.boundingBox())!;
    expect(box.x).toBe(0);
    expect(box.width).toBeLessThan(300);
    expect(box.height).toBeGreaterThan(DESKTOP.height / 2);
    const main = (await page.locator('main').boundingBox())!;
    expect(main.x).toBeGreaterThanOrEqual(box.x + box.width);
    const checkin = nav.getByRole('link', { name: '活动签到' });
    expect(await checkin.isVisible()).toBe(true);
    // Home has no breadcrumbs: it is the top.
    expect(await page.getByRole('navigation', { name: '当前位置' }).count()).toBe(0);
    await expectNoSeriousA11yIssues(page);
    await checkin.click();
    await page.waitForURL((url) => url.pathname === '/checkin');
    await page.context().close();
  });

  it('breadcrumbs of an org page show its path from home, linking what the user may open', async () => {
    const page = await signedIn(harness, PHONE);
    const community = page.getByRole('region', { name: '组织架构' }).locator('.name').first();
    const communityName = (await community.textContent())!.trim();
    await community.click();
    await page.waitForURL((url) => url.pathname.startsWith('/org/'));
    const communityUrl = page.url();
    const branch = page.getByRole('region', { name: /下级组织/ }).getByRole('link').first();
    const branchName = (await branch.locator('.child-name').textContent())!.trim();
    await branch.click();
    await page.waitForURL((url) => url.pathname.startsWith('/org/') && url.href !== communityUrl);
    const crumbs = page.getByRole('navigation', { name: '组织层级' });
    await expect.poll(() => crumbs.getByRole('listitem').last().textContent()).toBe(branchName);
    const steps = await crumbs.getByRole('listitem').allTextContents();
    expect(steps[0]).toBe('首页');
    expect(steps.slice(-2)).toEqual([communityName, branchName]);
    expect(await crumbs.locator('[aria-current="page"]').textContent()).toBe(branchName);
    // The community is within the admin's grant: a link; the street above it is not.
    expect(await crumbs.getByRole('link').allTextContents()).toEqual(['首页', communityName]);
    // Under 首页 in the nav while on an org page.
    expect(await page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '首页' }).getAttribute('aria-current')).toBe('true');
    await crumbs.getByRole('link', { name: communityName }).click();
    await page.waitForURL((url) => url.href === communityUrl);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(communityName);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it('works with JavaScript off: the tab bar and breadcrumbs are plain links', async () => {
    const page = await signedIn(harness, PHONE, false);
    await page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '签到', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/checkin');
    await page.getByRole('navigation', { name: '当前位置' }).getByRole('link', { name: '首页' }).click();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });
});
