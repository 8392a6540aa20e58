/**
 * The talent pool screen (人才库) in real Chromium at phone width: the six talent teams with their counts, the
 * 社区能人 calls, a pending applicant approved into a team (their count goes up), the search by skill; axe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

describe.skipIf(!browserTestsEnabled('admin talent pool'))('talent pool (Chromium)', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ apps: ['api', 'admin'] });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('reviews an applicant into a team and searches the pool', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/talent');
    expect(await page.getByRole('heading', { name: '治理人才库' }).count()).toBe(1);
    const row = page.getByRole('row', { name: /便民服务人才队/ });
    const before = Number(await row.locator('[data-metric="members"]').textContent());
    expect(await page.getByRole('link', { name: /社区能人.*第四期/ }).count()).toBe(1);
    await expectNoSeriousA11yIssues(page);

    // 马卫东 signed up in the current round: approve him into 便民服务人才队
    await page.goto('/talent?status=PENDING');
    const applicant = page.locator('li.applicant', { hasText: '马卫东' });
    await applicant.getByLabel('编入队伍').selectOption({ label: '便民服务人才队' });
    await applicant.getByRole('button', { name: '通过', exact: true }).click();
    await page.getByText('已通过，编入人才队伍并加入志愿者名册').waitFor();
    await page.goto('/talent');
    expect(Number(await page.getByRole('row', { name: /便民服务人才队/ }).locator('[data-metric="members"]').textContent())).toBe(before + 1);

    // search the pool by skill
    await page.getByLabel('特长', { exact: true }).fill('电脑');
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(/skill=/);
    expect(await page.locator('li.applicant', { hasText: '马卫东' }).count()).toBe(1);
    expect(await page.locator('li.applicant', { hasText: '杨桂芬' }).count()).toBe(0);
    await expectNoSeriousA11yIssues(page);

    // 导出 Excel: the same search as a spreadsheet
    const href = (await page.getByRole('link', { name: '导出 Excel' }).getAttribute('href'))!;
    expect(href).toMatch(/^\/export\/talent\.xlsx\?community=.+&skill=/);
    const file = await page.request.get(href);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');

    // in English: the screen's words and the status labels follow the language
    await page.context().addCookies([{ name: 'tongxin-lang', value: 'en', url: page.url() }]);
    await page.goto('/talent?status=APPROVED');
    expect(await page.getByRole('heading', { name: 'Governance talent pool' }).count()).toBe(1);
    expect(await page.locator('li.applicant .status').first().textContent()).toBe('In the pool');
    const body = (await page.textContent('main'))!;
    for (const word of ['人才队伍（', '报名与人才检索', '已入库', '导出 Excel']) expect(body).not.toContain(word);
    await expectNoSeriousA11yIssues(page);
  });
});
