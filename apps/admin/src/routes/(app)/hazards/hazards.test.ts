/**
 * The hazard board in real Chromium on a 375 px phone: a worker reports a hazard with a photo from the camera,
 * sees its thumbnail under the hazard, adds a second photo to it with the shared photo block; and the board reads
 * in English after the language switch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

/** A 48×36 JPEG as a phone camera writes it. */
const PHOTO = Buffer.from('/9j/4QD+RXhpZgAASUkqAAgAAAAHABIBAwABAAAAAQAAABoBBQABAAAAYgAAABsBBQABAAAAagAAACgBAwABAAAAAgAAABMCAwABAAAAAQAAAGmHBAABAAAAcgAAACWIBAABAAAAwAAAAAAAAAA4YwAA6AMAADhjAADoAwAABgAAkAcABAAAADAyMTABkQcABAAAAAECAwAAoAcABAAAADAxMDABoAMAAQAAAP//AAACoAQAAQAAADAAAAADoAQAAQAAACQAAAAAAAAAAgABAAIAAgAAAE4AAAACAAUAAwAAAN4AAAAAAAAAGQAAAAEAAAACAAAAAQAAAB4AAAABAAAA/9sAQwANCQoLCggNCwoLDg4NDxMgFRMSEhMnHB4XIC4pMTAuKS0sMzpKPjM2RjcsLUBXQUZMTlJTUjI+WmFaUGBKUVJP/9sAQwEODg4TERMmFRUmTzUtNU9PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P/8AAEQgAJAAwAwEiAAIRAQMRAf/EABUAAQEAAAAAAAAAAAAAAAAAAAAD/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/EABYBAQEBAAAAAAAAAAAAAAAAAAABAv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/ALAMqAAAAAAAAAAAAAAAA//Z', 'base64');

describe.skipIf(!browserTestsEnabled('admin hazards (photos, English)'))('hazards (Chromium)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('reports a hazard with a photo, adds another to it, and reads in English after the switch', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/hazards');

    const title = `电动车楼道充电 ${Date.now() % 100000}`;
    await page.getByLabel('隐患（一句话）').fill(title);
    await page.getByLabel('位置', { exact: true }).fill('康宁小区 5 栋');
    const photo = page.getByLabel('照片（可不填）');
    expect(await photo.getAttribute('capture')).toBe('environment');
    await photo.setInputFiles({ name: 'stairs.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.getByRole('button', { name: '登记隐患' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('已登记');

    const item = page.locator('li', { has: page.getByText(title, { exact: true }) });
    await expect.poll(() => item.getByText('照片（1）').count()).toBe(1);
    await item.getByText('照片（1）').click();
    const thumbs = item.locator('.thumbs img');
    await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);

    await item.getByLabel(/添加照片/).setInputFiles({ name: 'stairs-2.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await item.getByRole('button', { name: '上传照片' }).click();
    await expect.poll(() => item.locator('.thumbs img').count(), { timeout: 20_000 }).toBe(2);
    expect(await item.getByText('照片已上传。').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoSeriousA11yIssues(page);

    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Safety hazards');
    expect(await page.getByRole('heading', { name: /^Hazard register \(\d+\)$/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Report a hazard' }).count()).toBe(1);
    expect(await item.getByText('Photos (2)').count()).toBe(1);
    const text = (await page.textContent('main'))!;
    for (const word of ['安全隐患', '隐患台账', '登记隐患', '巡查日志', '今年发现', '未整改', '所属组织', '照片']) expect(text, word).not.toContain(word);
    await page.context().close();
  });
});
