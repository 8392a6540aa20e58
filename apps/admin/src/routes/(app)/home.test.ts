import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRANCH_SECRETARY,
  browserTestsEnabled,
  COMMUNITY_ADMIN,
  expectNoSeriousA11yIssues,
  signIn,
  startHarness,
  type Harness,
} from '../../test/browser';

/** The org tree section and its top-level rows. */
function orgTree(page: Page) {
  const tree = page.getByRole('region', { name: '组织架构' });
  return { tree, roots: tree.getByRole('list', { name: '组织架构' }).locator(':scope > li') };
}

/** Names of the rows directly under the node called `name`, once expanded. */
async function childNames(page: Page, name: string): Promise<string[]> {
  const list = page.getByRole('list', { name: `${name}的下级组织`, exact: true });
  await list.waitFor();
  return list.locator(':scope > li .name').allTextContents();
}

async function signedIn(harness: Harness, username: string, options?: { javaScriptEnabled: boolean }): Promise<Page> {
  const page = await harness.newPage(options);
  await signIn(page, username);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

describe.skipIf(!browserTestsEnabled('admin home and org tree'))('home and org tree (Chromium)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows the community admin their grant and 红康社区 with its member count', async () => {
    const page = await signedIn(harness, COMMUNITY_ADMIN);
    const grants = page.getByRole('list', { name: '我的职责' });
    expect(await grants.textContent()).toContain('社区党委管理员');
    expect(await grants.textContent()).toContain('红康社区');

    const { roots } = orgTree(page);
    const community = roots.filter({ hasText: '红康社区' });
    expect(await community.count()).toBe(1);
    const text = (await community.textContent()) ?? '';
    expect(text).toContain('社区党委');
    expect(text).toContain('党员 429');
    await page.context().close();
  });

  it('expands 红康社区 in place to its 10 branches, and the URL keeps the state', async () => {
    const page = await signedIn(harness, COMMUNITY_ADMIN);
    const { roots } = orgTree(page);
    const community = roots.filter({ hasText: '红康社区' });
    const name = (await community.locator('.name').first().textContent())!.trim();
    const toggle = community.getByRole('link', { name: `${name}的下级组织`, exact: false }).first();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
    await toggle.click();
    const branches = await childNames(page, name);
    expect(branches).toHaveLength(10);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => 'stillTheSamePage' in window)).toBe(true);
    expect(await community.getByText('党支部').count()).toBeGreaterThanOrEqual(10);

    // The expanded state is in the URL: a reload renders the same tree on the server.
    await expect.poll(() => new URL(page.url()).searchParams.get('open')).toBeTruthy();
    await page.reload();
    expect(await childNames(page, name)).toEqual(branches);

    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('list', { name: `${name}的下级组织`, exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('expands the tree with JavaScript off, through links', async () => {
    const page = await signedIn(harness, COMMUNITY_ADMIN, { javaScriptEnabled: false });
    const community = orgTree(page).roots.filter({ hasText: '红康社区' });
    const name = (await community.locator('.name').first().textContent())!.trim();
    await community.getByRole('link', { name: `${name}的下级组织`, exact: false }).first().click();
    expect(new URL(page.url()).searchParams.get('open')).toBeTruthy();
    expect(await childNames(page, name)).toHaveLength(10);
    await page.context().close();
  });

  it('shows a branch secretary only their own branch', async () => {
    const admin = await signedIn(harness, COMMUNITY_ADMIN);
    const community = orgTree(admin).roots.filter({ hasText: '红康社区' });
    const communityName = (await community.locator('.name').first().textContent())!.trim();
    const communityHref = (await community.locator('.name').first().getAttribute('href'))!;
    await community.getByRole('link', { name: `${communityName}的下级组织`, exact: false }).first().click();
    const allBranches = await childNames(admin, communityName);
    await admin.context().close();

    const page = await signedIn(harness, BRANCH_SECRETARY);
    expect(await page.getByRole('list', { name: '我的职责' }).textContent()).toContain('支部书记');
    const { tree, roots } = orgTree(page);
    expect(await roots.count()).toBe(1);
    const own = (await roots.first().locator('.name').first().textContent())!.trim();
    expect(allBranches).toContain(own);
    const treeText = (await tree.textContent()) ?? '';
    for (const other of allBranches.filter((b) => b !== own)) expect(treeText).not.toContain(other);
    // Branch names often start with the community's name: look for the community row itself.
    expect(await tree.locator(`a[href="${communityHref}"]`).count()).toBe(0);
    expect(await tree.getByText('社区党委', { exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('opens a node page with breadcrumb, stats and children', async () => {
    const page = await signedIn(harness, COMMUNITY_ADMIN);
    const community = orgTree(page).roots.filter({ hasText: '红康社区' });
    const name = (await community.locator('.name').first().textContent())!.trim();
    await community.locator('.name').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/org/'));
    const communityUrl = page.url();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.locator('dl').textContent()).toContain('429');
    const children = page.getByRole('region', { name: /下级组织/ }).getByRole('listitem');
    expect(await children.count()).toBe(10);

    await children.first().getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/org/') && url.href !== communityUrl);
    const crumbs = page.getByRole('navigation', { name: '组织层级' });
    await expect.poll(() => crumbs.textContent()).toContain(name);
    expect(await crumbs.getByRole('link', { name, exact: true }).count()).toBe(1);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it('home has no serious accessibility problems, with the tree expanded', async () => {
    const page = await signedIn(harness, COMMUNITY_ADMIN);
    const community = orgTree(page).roots.filter({ hasText: '红康社区' });
    const name = (await community.locator('.name').first().textContent())!.trim();
    await community.getByRole('link', { name: `${name}的下级组织`, exact: false }).first().click();
    await childNames(page, name);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });
});
