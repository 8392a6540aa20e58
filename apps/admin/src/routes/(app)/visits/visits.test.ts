/**
 * A grid worker's visit on a phone (375 px): the quick entry raises a demand in the same step; the demand opens
 * with the visit in its timeline, and the ledger counts the visit. A photo taken on the visit shows on its own page
 * and counts in the recent list. Axe finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

/** A 48×36 JPEG as a phone camera writes it. */
const PHOTO = Buffer.from('/9j/4QD+RXhpZgAASUkqAAgAAAAHABIBAwABAAAAAQAAABoBBQABAAAAYgAAABsBBQABAAAAagAAACgBAwABAAAAAgAAABMCAwABAAAAAQAAAGmHBAABAAAAcgAAACWIBAABAAAAwAAAAAAAAAA4YwAA6AMAADhjAADoAwAABgAAkAcABAAAADAyMTABkQcABAAAAAECAwAAoAcABAAAADAxMDABoAMAAQAAAP//AAACoAQAAQAAADAAAAADoAQAAQAAACQAAAAAAAAAAgABAAIAAgAAAE4AAAACAAUAAwAAAN4AAAAAAAAAGQAAAAEAAAACAAAAAQAAAB4AAAABAAAA/9sAQwANCQoLCggNCwoLDg4NDxMgFRMSEhMnHB4XIC4pMTAuKS0sMzpKPjM2RjcsLUBXQUZMTlJTUjI+WmFaUGBKUVJP/9sAQwEODg4TERMmFRUmTzUtNU9PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P/8AAEQgAJAAwAwEiAAIRAQMRAf/EABUAAQEAAAAAAAAAAAAAAAAAAAAD/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/EABYBAQEBAAAAAAAAAAAAAAAAAAABAv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/ALAMqAAAAAAAAAAAAAAAA//Z', 'base64');

// the demo has no grid worker account yet: the community's own staff account takes visits the same way
const WORKER = 'sanwanjie-admin';

describe.runIf(browserTestsEnabled('visit quick entry'))('visit quick entry (民情日记)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('records a visit that raises a demand on a 375 px screen', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, WORKER);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/visits');
    await expectNoSeriousA11yIssues(page);
    const before = Number(await page.getByTestId('visit-totals').locator('b').first().textContent());

    // the visitor picker lists the branches' members
    const visitor = page.getByLabel('走访人');
    const options = await visitor.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(3);
    await visitor.selectOption({ index: 1 });
    await page.getByLabel('住户或地点').fill('三湾街一号院 2 号楼 1 单元 302');
    await page.getByLabel('走访类型').selectOption('CARE');
    await page.getByLabel('走访情况').fill('独居老人，厨房水管漏水');
    await page.getByLabel('诉求（一句话）').fill('厨房水管漏水需维修');
    await page.getByLabel('诉求类别').selectOption('FACILITIES');
    // the form fits the phone: no sideways scrolling
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.getByRole('button', { name: '登记走访' }).click();

    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('厨房水管漏水需维修');
    expect(Number(await page.getByTestId('visit-totals').locator('b').first().textContent())).toBe(before + 1);

    await status.getByRole('link').click();
    await page.waitForURL(/\/demands\//);
    await expect.poll(() => page.locator('main').textContent()).toContain('厨房水管漏水需维修');
    expect(await page.locator('main').textContent()).toContain('时登记，见民情日记');
  }, 120_000);

  it('takes a photo of a just recorded visit on its own page; the recent list counts it', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 812 } });
    await signIn(page, WORKER);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/visits');
    await page.getByLabel('走访人').selectOption({ index: 1 });
    await page.getByLabel('住户或地点').fill('三湾街二号院 5 号楼 101');
    await page.getByLabel('走访情况').fill('楼道堆放杂物，已拍照');
    await page.getByRole('button', { name: '登记走访' }).click();
    const add = page.getByRole('link', { name: '为这次走访添加照片' });
    await expect.poll(() => add.count(), { timeout: 15_000 }).toBe(1);
    await add.click();
    await page.waitForURL(/\/visits\/[^/]+$/);
    expect(await page.locator('h1').textContent()).toBe('走访：三湾街二号院 5 号楼 101');
    expect(await page.locator('main').textContent()).toContain('楼道堆放杂物，已拍照');
    const input = page.getByLabel(/添加照片/);
    expect(await input.getAttribute('capture')).toBe('environment');
    await input.setInputFiles({ name: 'corridor.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await page.getByRole('button', { name: '上传照片' }).click();
    const thumb = page.locator('.photos img').first();
    await expect.poll(() => thumb.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoSeriousA11yIssues(page);

    await page.goto('/visits');
    const item = page.locator('.list li', { hasText: '楼道堆放杂物，已拍照' });
    await expect.poll(() => item.textContent()).toContain('照片 1 张');

    // in English: the ledger's figures keep their numbers in bold, headings and labels read in English
    await page.getByRole('button', { name: /语言 \/ Language/ }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.locator('h1').textContent()).toBe("Visits (residents' diary)");
    for (const name of ['Quick entry', 'Visit ledger']) expect(await page.getByRole('heading', { name }).count(), name).toBe(1);
    expect(await page.getByTestId('visit-totals').textContent()).toMatch(/^\s*Visits: \d+ · households: \d+ · people reached: \d+ · opinions collected: \d+ · fixed on the spot: \d+ · turned into demands: \d+\s*$/);
    expect(await page.getByLabel('Household or place').count()).toBe(1);
    expect(await item.textContent()).toContain('photos: 1');
    const english = (await page.textContent('main'))!;
    for (const word of ['快速登记', '走访台账', '走访人', '住户或地点', '登记走访', '最近走访', '入户', '当场解决', '照片']) expect(english, word).not.toContain(word);
    await expectNoSeriousA11yIssues(page);
    await page.context().close();
  }, 120_000);
});
