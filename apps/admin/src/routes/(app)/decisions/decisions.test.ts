/**
 * 一征三议两公开 end to end: a committee admin enters a matter on a phone, opens the solicitation; a resident sends
 * an opinion on the events site with JavaScript off (form POST, 303); the admin sees it with the phone masked,
 * records the proposal, the deliberation and the resolution with votes, is stopped once at the irreversible
 * publication until confirming, publishes; the 社区公示 page shows the published steps. The matter and the list read in
 * English after the language switch. Axe finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const TITLE = '红康小区停车位划线方案';

describe.runIf(browserTestsEnabled('public decisions (一征三议两公开)'))('public decisions (一征三议两公开)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ apps: ['api', 'admin', 'events'] });
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });

  const stepForm = (page: Page, action: string) => page.locator('section', { has: page.getByRole('heading', { name: `记录：${action}` }) });

  it('a committee admin records every step and publishes; residents give opinions without JavaScript and read the notice', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/decisions');
    await expectNoSeriousA11yIssues(page);
    await page.getByRole('link', { name: '新建事项' }).click();
    await page.waitForURL(/\/decisions\/new/);
    await expectNoSeriousA11yIssues(page);
    // the error shows beside its field
    await page.getByRole('button', { name: '保存草稿' }).click();
    await expect.poll(() => page.locator('#title-error').textContent()).toContain('请填写议事事项');
    await page.getByLabel('议事事项').fill(TITLE);
    await page.getByLabel('事项说明').fill('小区内乱停车堵塞消防通道，拟重新划线并按楼栋分配车位。');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/decisions\/(?!new)[^/]+$/);
    const adminUrl = page.url();
    const id = decodeURIComponent(new URL(adminUrl).pathname.split('/').at(-1)!);
    expect(await page.locator('main').textContent()).toContain('还没有记录任何步骤');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoSeriousA11yIssues(page);

    // 一征
    const solicit = stepForm(page, '征求意见');
    await solicit.getByLabel('记录内容').fill('就车位划线位置和分配办法征求居民意见');
    await solicit.getByRole('button', { name: '征求意见' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('征求意见中');

    // a resident, JavaScript off, sends an opinion through the events site's form
    const residentContext = await harness.browser.newContext({ baseURL: harness.platform.eventsUrl, javaScriptEnabled: false, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const resident = await residentContext.newPage();
    await resident.goto(`/gongshi/${encodeURIComponent(id)}`);
    expect(await resident.locator('h1').textContent()).toBe(TITLE);
    await resident.getByRole('button', { name: '提交意见' }).click();
    expect(await resident.locator('#opinion-body-error').textContent()).toContain('请写下您的意见建议');
    await resident.getByLabel('您的意见建议').fill('建议给老人和残疾人留出靠近楼门的车位');
    await resident.getByLabel('手机号（可不填）').fill('13912345678');
    await resident.getByRole('button', { name: '提交意见' }).click();
    await resident.waitForURL(/sent=1/);
    expect(await resident.getByRole('status').textContent()).toContain('意见已收到');

    // the admin sees the opinion, the phone masked
    await page.goto(adminUrl);
    const opinions = page.locator('section', { has: page.getByRole('heading', { name: /居民意见/ }) });
    expect(await opinions.textContent()).toContain('建议给老人和残疾人留出靠近楼门的车位');
    expect(await opinions.textContent()).toContain('139****5678');
    expect(await opinions.textContent()).not.toContain('13912345678');

    // 三议
    await stepForm(page, '党组织提议').getByLabel('记录内容').fill('按楼栋分配车位，靠近楼门留 4 个爱心车位');
    await stepForm(page, '党组织提议').getByRole('button', { name: '党组织提议' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已提议');
    await stepForm(page, '两委会商议').getByLabel('记录内容').fill('两委联席会议商议，同意方案，补充夜间临时停车区');
    await stepForm(page, '两委会商议').getByRole('button', { name: '两委会商议' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已商议');
    const resolve = stepForm(page, '会议决议');
    await resolve.getByLabel('记录内容').fill('居民代表会议表决通过停车位划线方案');
    await resolve.getByLabel('赞成').fill('30');
    await resolve.getByLabel('反对').fill('1');
    await resolve.getByLabel('弃权').fill('2');
    await resolve.getByRole('button', { name: '会议决议' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已决议');

    // 两公开: stopped once until confirmed
    const publish = stepForm(page, '决议公开');
    await publish.getByLabel('记录内容').fill('在小区公示栏和社区公示页公示 7 天');
    await publish.getByRole('button', { name: '决议公开' }).click();
    await expect.poll(() => page.locator('#confirm-error').textContent()).toContain('请勾选确认');
    await stepForm(page, '决议公开').getByLabel(/确认向居民公开/).check();
    await stepForm(page, '决议公开').getByRole('button', { name: '决议公开' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('决议已公开');
    expect(await page.locator('main').textContent()).toContain('表决：赞成 30 票，反对 1 票，弃权 2 票');

    // the same matter in English (the 语言 / Language switch): headings, steps and labels, none of the Chinese words
    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    for (const name of ['Steps taken', "Residents' opinions (1)", 'Record: Publish the result']) expect(await page.getByRole('heading', { name }).count(), name).toBe(1);
    const english = (await page.textContent('main'))!;
    for (const text of ['Vote: 30 for, 1 against, 2 abstaining', 'Resolution by the meeting', 'Decision published', 'Published']) expect(english).toContain(text);
    for (const word of ['办理过程', '居民意见（', '表决：', '已公开', '未公开', '记录：', '记录内容', '组织或会议', '征求意见：', '赞成', '已记录']) expect(english, word).not.toContain(word);
    await page.goto('/decisions');
    expect(await page.locator('h1').textContent()).toBe('Public decisions');
    expect(await page.getByRole('link', { name: 'New matter' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /^Matters \(\d+\)$/ }).count()).toBe(1);
    for (const word of ['一征三议两公开', '新建事项', '状态', '搜索', '筛选', '导出', '收到意见', '个事项']) expect((await page.textContent('main'))!, word).not.toContain(word);
    await expectNoSeriousA11yIssues(page);

    // the 社区公示 page shows it (its pages are cached a few seconds)
    const noticeContext = await harness.browser.newContext({ baseURL: harness.platform.eventsUrl, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    const notice = await noticeContext.newPage();
    await notice.goto('/');
    await notice.getByRole('link', { name: '社区公示' }).click();
    await notice.waitForURL(/\/gongshi/);
    const item = notice.locator('li', { has: notice.getByRole('link', { name: TITLE }) });
    await expect.poll(async () => {
      await notice.reload();
      return (await item.count()) ? await item.textContent() : '';
    }, { timeout: 20_000, interval: 1000 }).toContain('三议·会议决议');
    const text = await item.textContent();
    expect(text).toContain('赞成 30 票，反对 1 票，弃权 2 票');
    expect(text).toContain('一公开·决议公开');
    expect(text).not.toContain('13912345678');
    expect(await notice.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoSeriousA11yIssues(notice);
    await residentContext.close();
    await noticeContext.close();
  }, 180_000);
});
