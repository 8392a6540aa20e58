/**
 * Languages in real Chromium and against the built server: Chinese by default, English per user through the
 * 语言 / Language switch in the top bar (a cookie; works without JavaScript too), axe clean in English, and no
 * language leaking between concurrent server renders.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, DEMO_PASSWORD, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../test/browser';

const DESKTOP = { width: 1280, height: 800 };

async function signedIn(harness: Harness, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const page = await harness.newPage(options);
  await signIn(page, COMMUNITY_ADMIN);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

// read from the DOM without running page scripts (works with JavaScript off)
const lang = (page: Page) => page.locator('html').getAttribute('lang');

describe.skipIf(!browserTestsEnabled('admin languages'))('languages (Chromium)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('switches a signed-in user to English and back, keeping the page, axe clean in English', async () => {
    const page = await signedIn(harness);
    expect(await lang(page)).toBe('zh-CN');
    const nav = page.getByRole('navigation', { name: '主要功能' });
    expect(await nav.getByRole('link', { name: '首页' }).count()).toBe(1);

    // from an org page, so the switch must bring the user back to where they were
    await page.locator('.tree a[href^="/org/"]').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/org/'));
    const orgUrl = page.url();
    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(page.url()).toBe(orgUrl);
    await page.goto('/');
    const english = page.getByRole('navigation', { name: 'Main' });
    expect(await english.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: /· Overview$/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Meetings this week' }).count()).toBe(1);
    const body = (await page.textContent('main'))!;
    for (const word of ['工作概览', '在办诉求', '本周活动', '组织架构', '退出登录']) expect(body).not.toContain(word);
    // the enum labels follow: the grants list shows roles in English
    expect(await page.getByRole('list', { name: 'My roles' }).textContent()).toContain('Committee admin');
    await expectNoSeriousA11yIssues(page);

    // the choice is remembered: a new page load stays English
    await page.goto('/coverage');
    expect(await lang(page)).toBe('en');
    await expectNoSeriousA11yIssues(page);

    await page.getByRole('button', { name: /Language \/ 语言/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    expect(new URL(page.url()).pathname).toBe('/coverage');
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('switches without JavaScript, on a desktop screen, and on the sign-in page', async () => {
    const page = await harness.newPage({ viewport: DESKTOP, javaScriptEnabled: false });
    await page.goto('/login');
    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await lang(page)).toBe('en');
    await page.getByLabel('Username').fill(COMMUNITY_ADMIN);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activities' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: /Language \/ 语言/ }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await lang(page)).toBe('zh-CN');
    expect(await page.getByRole('navigation', { name: '主要功能' }).getByRole('link', { name: '活动', exact: true }).isVisible()).toBe(true);
    await page.context().close();
  });

  it("shows the API's messages in English when the site is in English", async () => {
    const page = await signedIn(harness);
    await page.goto('/checkin');
    const field = page.locator('input[name="code"]');
    await field.fill('ZZZZ-ZZZZ');
    await field.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('找不到该确认码');

    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.goto('/checkin');
    await field.fill('ZZZZ-ZZZZ');
    await field.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Confirmation code not found');
    expect(await page.getByRole('alert').textContent()).not.toContain('找不到');
    await page.context().close();
  });

  it('renders 20 concurrent requests each in its own language', async () => {
    const res = await fetch(harness.platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { token } }',
        variables: { input: { username: COMMUNITY_ADMIN, password: DEMO_PASSWORD } },
      }),
    });
    const token = ((await res.json()) as { data: { sessionCreate: { token: string } } }).data.sessionCreate.token;
    const langs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'zh-CN' : 'en'));
    const pages = await Promise.all(
      langs.map(async (lang) => {
        const response = await fetch(new URL('/', harness.platform.adminUrl), { headers: { cookie: `tx_session=${token}; tongxin-lang=${lang}` } });
        expect(response.status).toBe(200);
        return response.text();
      }),
    );
    pages.forEach((html, i) => {
      if (langs[i] === 'en') {
        expect(html, `request ${i}`).toContain('<html lang="en">');
        expect(html, `request ${i}`).toContain('Sign out');
        expect(html, `request ${i}`).toContain('· Overview');
        expect(html, `request ${i}`).not.toContain('退出登录');
        expect(html, `request ${i}`).not.toContain('工作概览');
      } else {
        expect(html, `request ${i}`).toContain('<html lang="zh-CN">');
        expect(html, `request ${i}`).toContain('退出登录');
        expect(html, `request ${i}`).toContain('工作概览');
        expect(html, `request ${i}`).not.toContain('Sign out');
        expect(html, `request ${i}`).not.toContain('· Overview');
      }
    });
  });
});
