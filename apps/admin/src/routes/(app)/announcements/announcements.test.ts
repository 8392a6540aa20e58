/**
 * Announcements (公告) in real Chromium against the built API and site: a committee admin is told what is missing
 * beside the field, publishes a notice and sees it listed; in English the screen, the audience labels and the
 * dates follow the language. Axe in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

describe.skipIf(!browserTestsEnabled('admin announcements'))('announcements (Chromium)', () => {
  let harness: Harness;
  beforeAll(async () => { harness = await startHarness(); }, 180_000);
  afterAll(async () => { await harness?.close(); });

  it('publishes a notice, in Chinese and in English', async () => {
    const page = await harness.newPage();
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/announcements');
    expect(await page.getByRole('heading', { name: '公告', level: 1 }).count()).toBe(1);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.locator('#title-error').textContent()).toContain('请填写标题');
    await expectNoSeriousA11yIssues(page);

    const title = `停水通知${Date.now() % 100000}`;
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('正文').fill('明日 9:00-12:00 检修管道，请提前储水。');
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toBe(`已发布：${title}`);
    expect(await page.locator('.list li', { hasText: title }).locator('.badge').first().textContent()).toBe('居民（公开）');

    await page.context().addCookies([{ name: 'tongxin-lang', value: 'en', url: page.url() }]);
    await page.goto('/announcements');
    expect(await page.getByRole('heading', { name: 'Announcements', level: 1 }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Publish an announcement' }).count()).toBe(1);
    expect(await page.locator('.list li', { hasText: title }).locator('.badge').first().textContent()).toBe('Residents (public)');
    const body = (await page.textContent('main'))!;
    for (const word of ['发布公告', '全部公告', '发布单位', '居民（公开）', '删除']) expect(body).not.toContain(word);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });
});
