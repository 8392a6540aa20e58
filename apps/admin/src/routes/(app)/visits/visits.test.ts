/**
 * A grid worker's visit on a phone (375 px): the quick entry raises a demand in the same step; the demand opens
 * with the visit in its timeline, and the ledger counts the visit. Axe finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

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
});
