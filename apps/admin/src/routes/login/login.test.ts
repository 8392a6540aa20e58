import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../test/browser';

describe.skipIf(!browserTestsEnabled('admin sign-in'))('sign in and out (Chromium)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('shows a Chinese error for a wrong password, and keeps the username', async () => {
    const page = await harness.newPage();
    await signIn(page, COMMUNITY_ADMIN, 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByLabel('用户名').inputValue()).toBe(COMMUNITY_ADMIN);
    expect(await page.getByLabel('密码').getAttribute('aria-invalid')).toBe('true');
    await page.context().close();
  });

  it('asks for missing fields in Chinese', async () => {
    const page = await harness.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.locator('#username-error').textContent()).toBe('请输入用户名');
    await page.context().close();
  });

  it('signs in, keeps the session in an httpOnly cookie, and signs out back to /login', async () => {
    const page = await harness.newPage();
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('您好');

    const cookie = (await page.context().cookies()).find((c) => c.name === 'tx_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await page.context().cookies()).some((c) => c.name === 'tx_session')).toBe(false);
    // The old page is gone for good: home sends us back to the login form.
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('works with JavaScript off', async () => {
    const page = await harness.newPage({ javaScriptEnabled: false });
    await signIn(page, COMMUNITY_ADMIN, 'wrong');
    expect(await page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(await page.getByLabel('用户名').inputValue()).toBe(COMMUNITY_ADMIN);
    await signIn(page, COMMUNITY_ADMIN);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('button', { name: '退出登录' }).click();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('returns to the page asked for after signing in', async () => {
    const page = await harness.newPage();
    await page.goto('/?open=x');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?open=x');
    await page.getByLabel('用户名').fill(COMMUNITY_ADMIN);
    await page.getByLabel('密码').fill('tongxin-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '?open=x');
    await page.context().close();
  });

  it('login page has no serious accessibility problems, also when showing an error', async () => {
    const page = await harness.newPage();
    await page.goto('/login');
    await expectNoSeriousA11yIssues(page);
    await signIn(page, COMMUNITY_ADMIN, 'wrong');
    await page.getByRole('alert').waitFor();
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });
});
