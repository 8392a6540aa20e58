/**
 * The co-building unit screens in real Chromium, as a committee admin: the list filtered by kind; a unit's page
 * with its seats and double-report members; a partner token created and shown once, used against the API,
 * revoked, and refused on the next call; renewing an agreement; axe on the list and the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

let harness: Harness;

/** A GraphQL call as a partner program makes it: the token in the Authorization header. */
async function asPartner(token: string, document: string): Promise<{ status: number; body: { data?: any; errors?: { extensions?: { code?: string } }[] } }> {
  const res = await fetch(harness.platform.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document }),
  });
  return { status: res.status, body: await res.json() };
}

async function signedIn(username = COMMUNITY_ADMIN, width = 1366): Promise<Page> {
  const page = await harness.newPage({ viewport: { width, height: 900 } });
  await signIn(page, username);
  await page.waitForURL((url) => url.pathname === '/');
  return page;
}

async function openUnit(page: Page, name: string) {
  await page.goto('/units');
  await page.locator('.units a.name', { hasText: name }).click();
  await page.waitForURL((url) => /^\/units\/[^/]+$/.test(url.pathname));
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe.skipIf(!browserTestsEnabled('admin co-building units'))('co-building units (Chromium)', () => {
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('lists the community\'s units, filters them by kind, and opens one with its seats and members', async () => {
    const page = await signedIn();
    await page.getByRole('link', { name: '共建单位' }).first().click();
    await page.waitForURL((url) => url.pathname === '/units');
    const names = await page.locator('.units a.name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['昆明市口腔医院', '五华区第二幼儿园', '昆明有色冶金设计研究院股份公司', '云南言之文化传媒有限公司']));
    await expectNoSeriousA11yIssues(page);

    await page.getByLabel('单位类型').selectOption('HOSPITAL');
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL((url) => url.searchParams.get('kind') === 'HOSPITAL');
    expect(await page.locator('.units a.name').allTextContents()).toEqual(['昆明市口腔医院']);
    expect(await page.locator('a', { hasText: '导出 Excel' }).getAttribute('href')).toBe('/export/units.xlsx?kind=HOSPITAL');

    await page.locator('.units a.name').first().click();
    await page.getByRole('heading', { level: 1, name: '昆明市口腔医院' }).waitFor();
    const seats = page.getByRole('region', { name: /兼职委员/ });
    expect(await seats.getByText('在任').count()).toBeGreaterThanOrEqual(1);
    const reports = page.getByRole('region', { name: '双报到党员名单' });
    expect(await reports.locator('tbody tr').count()).toBe(6);
    // the contact phone is masked until asked for
    expect(await page.getByTestId('phone').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$|未登记/);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it('creates a partner token shown once, which the API accepts until it is revoked', async () => {
    const page = await signedIn();
    await openUnit(page, '五华区第二幼儿园');
    const tokens = page.getByRole('region', { name: /接口令牌/ });
    await tokens.locator('summary', { hasText: '签发新令牌' }).click();
    await page.getByLabel('令牌名称').fill('园所预约系统');
    await page.getByRole('button', { name: '签发令牌' }).click();
    const secretBox = page.getByTestId('secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())!.trim();
    expect(secret.length).toBeGreaterThan(20);
    expect(await tokens.getByRole('button', { name: '复制' }).count()).toBe(1);
    await expectNoSeriousA11yIssues(page);

    // the unit's program calls the API with it
    const ok = await asPartner(secret, '{ partnerUnit { name } }');
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.partnerUnit.name).toBe('五华区第二幼儿园');

    // shown once: after a reload the secret is gone, the token is listed with its hint and last use
    await page.reload();
    expect(await page.getByTestId('secret').count()).toBe(0);
    expect(await page.textContent('body')).not.toContain(secret);
    const row = page.locator('[data-token="园所预约系统"]');
    expect(await row.textContent()).toContain('有效');
    expect(await row.textContent()).not.toContain('从未使用');

    // revoking asks first, then the next call is refused
    await row.locator('summary', { hasText: '吊销' }).click();
    await row.getByRole('button', { name: '确认吊销「园所预约系统」' }).click();
    await page.getByRole('status').filter({ hasText: '令牌已吊销' }).waitFor();
    expect(await page.locator('[data-token="园所预约系统"]').textContent()).toContain('已吊销');
    const refused = await asPartner(secret, '{ partnerUnit { name } }');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.context().close();
  });

  it('rotates a token: the new secret is shown once and works, the old one is refused', async () => {
    const page = await signedIn();
    await openUnit(page, '昆明市口腔医院');
    const tokens = page.getByRole('region', { name: /接口令牌/ });
    await tokens.locator('summary', { hasText: '签发新令牌' }).click();
    await page.getByLabel('令牌名称').fill('口腔医院挂号系统');
    await page.getByRole('button', { name: '签发令牌' }).click();
    const first = (await page.getByTestId('secret').textContent())!.trim();
    const row = page.locator('[data-token="口腔医院挂号系统"]');
    await row.locator('summary', { hasText: '更换密钥' }).click();
    await row.getByRole('button', { name: '确认更换' }).click();
    await expect.poll(async () => (await page.getByTestId('secret').textContent())?.trim()).not.toBe(first);
    const second = (await page.getByTestId('secret').textContent())!.trim();
    expect((await asPartner(first, '{ partnerUnit { name } }')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await asPartner(second, '{ partnerUnit { name } }')).body.data.partnerUnit.name).toBe('昆明市口腔医院');
    await page.context().close();
  });

  it("records a property firm's evaluation, with the error beside a bad period, and ranks it", async () => {
    const page = await signedIn('zhenxing-admin', 390);
    await openUnit(page, '振兴小区物业服务中心');
    const section = page.getByRole('region', { name: /物业测评/ });
    await section.locator('summary', { hasText: '记录测评' }).click();
    await page.getByLabel('测评期').fill('2026年');
    for (const label of ['服务', '环境', '安全', '响应']) await section.getByLabel(label, { exact: true }).fill('95');
    await page.getByLabel('挂旗').selectOption('RED');
    await section.getByRole('button', { name: '记录', exact: true }).click();
    await page.locator('#period-error').waitFor();
    expect(await page.getByLabel('测评期').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('测评期').fill('2027-Q1');
    await section.getByRole('button', { name: '记录', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已记录 2027-Q1 测评，总分 95' }).waitFor();
    expect(await page.getByTestId('ranking').textContent()).toContain('2027-Q1 测评：第 1 名 / 共 1 家物业');
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  });

  it('renews an agreement once: the new term starts the day after the old one ends', async () => {
    const page = await signedIn(COMMUNITY_ADMIN, 390);
    await openUnit(page, '云南言之文化传媒有限公司');
    const section = page.getByRole('region', { name: /共建协议/ });
    const before = await section.locator('[data-agreement]').count();
    const first = section.locator('[data-agreement]').first();
    const oldEnd = (await first.locator('.meta').first().textContent())!.match(/(\d{4}-\d{2}-\d{2}) 到期/)![1];
    await first.locator('summary', { hasText: '续签' }).click();
    await first.getByRole('button', { name: '确认续签' }).click();
    const flash = page.getByRole('status').filter({ hasText: '已续签' });
    await flash.waitFor();
    const next = new Date(Date.parse(`${oldEnd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await flash.textContent()).toContain(`${next} 起`);
    expect(await section.locator('[data-agreement]').count()).toBe(before + 1);
    expect(await section.getByText('已续签', { exact: true }).count()).toBe(1);
    await page.context().close();
  });
});
