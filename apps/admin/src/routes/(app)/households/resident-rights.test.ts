/**
 * A resident's personal data on request, in real Chromium against the built API and site: a committee admin
 * downloads the resident's data as JSON with a reason, then erases it (reason and confirmation required); the
 * resident shows as 已删除 and the audit log lists the erasure with its reason. Axe on each screen.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const enabled = browserTestsEnabled('resident rights browser tests');

describe.skipIf(!enabled)('a resident\'s data: export and erasure in the browser', () => {
  let harness: Harness;
  beforeAll(async () => { harness = await startHarness(); }, 180_000);
  afterAll(async () => { await harness?.close(); });

  it('exports a resident\'s data, erases it with a reason and confirmation, and the audit log shows it', async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/households');
    const href = await page.locator('table a[href^="/households/"]').first().getAttribute('href');
    await page.goto(href!);
    const rights = page.locator('section[aria-labelledby="rights-title"]');
    const first = rights.locator('details.rights').first();
    const name = (await first.locator('summary').textContent())!.trim();
    expect(name).not.toBe('已删除');
    await first.locator('summary').click();
    await expectNoSeriousA11yIssues(page);

    // export: the JSON download holds the resident in clear
    await first.getByLabel('导出原因').fill('本人书面申请查阅');
    const [download] = await Promise.all([page.waitForEvent('download'), first.getByRole('button', { name: '导出个人信息' }).click()]);
    const body = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(body.resident.name).toBe(name);
    expect(body.alsoHeld.searched.length + body.alsoHeld.notSearched.length).toBeGreaterThan(0);

    // erase: without the confirmation nothing happens
    await first.getByLabel('删除原因').fill('本人书面申请删除');
    await first.getByRole('button', { name: '删除个人信息' }).click();
    await expect.poll(() => first.locator('#confirm-error').textContent()).toContain('确认');
    expect(await page.locator('div[aria-label="家庭成员"] table').textContent()).toContain(name);
    await first.getByLabel(/我确认删除/).check();
    await first.getByRole('button', { name: '删除个人信息' }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('已删除');
    await expect.poll(() => page.locator('div[aria-label="家庭成员"] table').textContent()).toContain('已删除');
    expect(await page.locator('div[aria-label="家庭成员"] table').textContent()).not.toContain(name);
    await expectNoSeriousA11yIssues(page);

    await page.goto('/audit');
    await expect.poll(() => page.locator('table').textContent()).toContain('删除个人信息：本人书面申请删除');
    expect(await page.locator('table').textContent()).toContain('本人书面申请查阅');
    await expectNoSeriousA11yIssues(page);
    await page.close();
  });
});
