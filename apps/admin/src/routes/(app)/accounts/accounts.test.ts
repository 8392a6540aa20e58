/**
 * Accounts in real Chromium against the built API and site: a worker changes their password (errors beside the
 * fields, then success; the old password no longer signs in); a committee admin disables an account only after
 * confirming, that account's open session is signed out on its next page, and enabling lets it sign in again.
 * Axe on each screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const enabled = browserTestsEnabled('account browser tests');

describe.skipIf(!enabled)('accounts in the browser', () => {
  let harness: Harness;
  beforeAll(async () => { harness = await startHarness(); }, 180_000);
  afterAll(async () => { await harness?.close(); });

  it('changes one’s password from the account menu', async () => {
    const page = await harness.newPage();
    await signIn(page, 'hongkang-grid5');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('link', { name: '修改密码' }).click();
    await page.waitForURL('**/account/password');
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('当前密码').fill('tongxin-demo');
    await page.getByLabel('新密码', { exact: true }).fill('abc');
    await page.getByLabel('再次输入新密码').fill('abc');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => page.locator('#next-error').textContent()).toContain('至少 10 个字符');
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('当前密码').fill('wrong-password');
    await page.getByLabel('新密码', { exact: true }).fill('Blue-river-2026');
    await page.getByLabel('再次输入新密码').fill('Blue-river-2026');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => page.locator('#current-error').textContent()).toContain('当前密码不正确');
    await page.getByLabel('当前密码').fill('tongxin-demo');
    await page.getByLabel('新密码', { exact: true }).fill('Blue-river-2026');
    await page.getByLabel('再次输入新密码').fill('Blue-river-2026');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('密码已修改');
    await page.context().close();

    const again = await harness.newPage();
    await signIn(again, 'hongkang-grid5');
    await expect.poll(() => again.locator('[role="alert"]').first().textContent()).toBeTruthy();
    expect(new URL(again.url()).pathname).toBe('/login');
    await signIn(again, 'hongkang-grid5', 'Blue-river-2026');
    await again.waitForURL((url) => !url.pathname.startsWith('/login'));
    await again.context().close();
  }, 240_000);

  it('lets a committee admin disable an account after confirming, which signs it out at once, and enable it again', async () => {
    const worker = await harness.newPage();
    await signIn(worker, 'hongkang-grid6');
    await worker.waitForURL((url) => !url.pathname.startsWith('/login'));

    const admin = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(admin, COMMUNITY_ADMIN);
    await admin.waitForURL((url) => !url.pathname.startsWith('/login'));
    await admin.goto('/accounts');
    await expect.poll(() => admin.locator('h1').textContent()).toBe('账号');
    await expectNoSeriousA11yIssues(admin);
    const row = admin.locator('tr[data-account="hongkang-grid6"]');
    await expect.poll(() => row.textContent()).toContain('正常');
    await row.getByRole('link', { name: '停用…' }).click();
    // without ticking the confirmation nothing happens
    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => admin.locator('#form-error').textContent()).toContain('请确认停用');
    await expect.poll(() => admin.locator('tr[data-account="hongkang-grid6"]').textContent()).toContain('正常');
    await expectNoSeriousA11yIssues(admin);
    await admin.locator('tr[data-account="hongkang-grid6"]').getByLabel(/确认停用/).check();
    await admin.locator('tr[data-account="hongkang-grid6"]').getByRole('button', { name: '停用' }).click();
    await expect.poll(() => admin.locator('p.ok[role="status"]').textContent()).toContain('已停用 hongkang-grid6');
    await expect.poll(() => admin.locator('tr[data-account="hongkang-grid6"]').textContent()).toContain('已停用');

    // the worker's open session is over on its next page
    await worker.goto('/demands');
    await worker.waitForURL((url) => url.pathname.startsWith('/login'));

    await admin.locator('tr[data-account="hongkang-grid6"]').getByRole('button', { name: '启用' }).click();
    await expect.poll(() => admin.locator('p.ok[role="status"]').textContent()).toContain('已启用 hongkang-grid6');
    await signIn(worker, 'hongkang-grid6');
    await worker.waitForURL((url) => !url.pathname.startsWith('/login'));
    await worker.context().close();
    await admin.context().close();
  }, 240_000);
});
