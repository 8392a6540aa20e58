/**
 * The resident's side of a demand (诉求) in real Chromium with JavaScript off: the "我要反映" form with Chinese
 * errors, one demand for a double submit, the look-up by ticket code, the private and unindexed ticket page,
 * a low rating that reopens, and accessibility. The admin site's demands.test.ts follows the whole loop.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium, startPlatform, warnSkipped, type Platform } from '@tongxin/launcher';
import { graphql } from '$lib/gql';
import { callApi, TestSignIn, TestViewer } from './api';

const TestResolvedOnSpot = graphql(`
  mutation DemandTestResolvedOnSpot($input: CreateDemandInput!) {
    createDemand(input: $input) {
      demand {
        ticketCode
        state
      }
      userErrors {
        message
      }
    }
  }
`);

const executablePath = findChromium();
if (!executablePath) warnSkipped('apps/events (report a problem, ticket page, rating)', 'no Chromium found');

/**
 * Axe runs its script inside the page, which a page without JavaScript refuses: check the same address (and the
 * same form state, through `prepare`) in a second page with JavaScript on.
 */
async function expectAccessible(page: Page, prepare?: (page: Page) => Promise<void>): Promise<void> {
  const context = await page.context().browser()!.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
  const twin = await context.newPage();
  await twin.goto(page.url());
  await prepare?.(twin);
  const results = await new AxeBuilder({ page: twin }).analyze();
  await context.close();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(serious).toEqual([]);
}

describe.skipIf(!executablePath)('resident demands on the events site (Chromium, JavaScript off)', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform({ apps: ['api', 'events'], seedDemo: true });
    browser = await chromium.launch({ executablePath: executablePath!, args: chromiumArgs });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function phone(): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 }, locale: 'zh-CN' });
    return context.newPage();
  }

  it('explains every missing field in Chinese, keeps what was typed, and files one demand for a double submit', async () => {
    const page = await phone();
    const response = await page.goto(`${platform.eventsUrl}/report`);
    expect(response?.headers()['cache-control']).toContain('no-store');
    expect(await page.locator('script[src]').count()).toBe(0);
    await expectAccessible(page);

    await page.getByLabel('问题描述').fill('路灯坏了');
    await page.getByLabel('手机号').fill('12345');
    await page.getByRole('button', { name: '提交' }).click();
    const alert = await page.getByRole('alert').first().textContent();
    expect(alert).toMatch(/还有 \d+ 处需要修改/);
    for (const message of ['请选择您所在的社区', '请选择问题类别', '请描述遇到的问题，至少 5 个字', '请填写问题所在的位置', '请填写您的称呼', '请填写 11 位中国大陆手机号']) {
      expect(await page.getByText(message).count(), message).toBe(1);
    }
    expect(await page.getByLabel('问题描述').inputValue()).toBe('路灯坏了');
    expect(await page.getByLabel('手机号').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, async (twin) => {
      await twin.getByRole('button', { name: '提交' }).click();
      await twin.getByText('请选择问题类别').waitFor();
    });

    // Complete it, then send the very same form twice: one ticket code.
    const community = (await page.locator('#report-communityId option', { hasText: '红康' }).first().getAttribute('value'))!;
    await page.getByLabel('所在社区').selectOption(community);
    await page.getByLabel('问题类别').selectOption({ label: '公共设施' });
    await page.getByLabel('问题描述').fill('小区东门的路灯坏了三天，晚上很黑，老人出门不方便。');
    await page.getByLabel('位置').fill('茉莉苑东门');
    await page.getByLabel('您的称呼').fill('王先生');
    await page.getByLabel('手机号').fill('13800138000');
    const form = Object.fromEntries(
      await page.locator('form[method="POST"]').evaluate((f) => [...new FormData(f as HTMLFormElement).entries()].map(([k, v]) => [k, String(v)])),
    ) as Record<string, string>;
    expect(form.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const post = () =>
      page.request.post(`${platform.eventsUrl}/report`, { form, headers: { origin: platform.eventsUrl, accept: 'text/html' }, maxRedirects: 0 });
    const first = await post();
    const second = await post();
    expect(first.status()).toBe(303);
    expect(first.headers()['location']).toMatch(/^\/d\/[A-Z0-9]{8}\?new=1$/);
    expect(second.headers()['location']).toBe(first.headers()['location']);

    const ticket = await page.goto(`${platform.eventsUrl}${first.headers()['location']}`);
    expect(ticket?.headers()['x-robots-tag']).toBe('noindex');
    expect(ticket?.headers()['cache-control']).toContain('private');
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('已经收到您的反映');
    expect(text).toContain('居民提交了反映');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('王先生');
    await expectAccessible(page);
    await page.context().close();
  });

  it('finds a ticket by code however it is typed, and says so plainly when there is none', async () => {
    const page = await phone();
    await page.goto(`${platform.eventsUrl}/d`);
    await page.getByLabel('受理编号').fill('ZZZZ ZZZZ');
    await page.getByRole('button', { name: '查询' }).click();
    expect(await page.getByText('没有找到受理编号 ZZZZZZZZ').count()).toBe(1);
    await expectAccessible(page);
    const missing = await page.goto(`${platform.eventsUrl}/d/ZZZZZZZZ`);
    expect(missing?.status()).toBe(404);
    await page.context().close();
  });

  it('reopens a resolved demand rated 1 or 2, and says so', async () => {
    const { sessionCreate } = await callApi(platform.graphqlUrl, TestSignIn, { input: { username: 'hongkang-admin', password: 'tongxin-demo' } });
    const token = sessionCreate.token!;
    const { viewer } = await callApi(platform.graphqlUrl, TestViewer, {}, token);
    const committee = viewer!.grants.find((g) => g.role === 'COMMITTEE_ADMIN')!.node;
    const { createDemand } = await callApi(
      platform.graphqlUrl,
      TestResolvedOnSpot,
      {
        input: {
          orgNodeId: committee.id,
          channel: 'GRID_PATROL',
          category: 'ENVIRONMENT',
          title: '垃圾桶满溢',
          resolvedOnSpot: true,
          resolution: '已联系保洁当场清运',
          residentName: '赵大爷',
          residentPhone: '13700137000',
        },
      },
      token,
    );
    expect(createDemand.userErrors).toEqual([]);
    expect(createDemand.demand!.state).toBe('RESOLVED');
    const code = createDemand.demand!.ticketCode;

    const page = await phone();
    await page.goto(`${platform.eventsUrl}/d/${code.toLowerCase()}`);
    expect(new URL(page.url()).pathname).toBe(`/d/${code}`);
    expect(await page.locator('#demand-state').textContent()).toBe('已办结');
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交评价' }).click();
    expect(await page.getByText('请选择 1 到 5 分').count()).toBe(1);
    await page.getByLabel('2 分 不满意').check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForURL(/rated=2/);
    expect(await page.getByRole('status').textContent()).toContain('已经重新打开');
    expect(await page.locator('#demand-state').textContent()).toBe('重新办理');
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toContain('赵大爷');
    await page.context().close();
  });
});
