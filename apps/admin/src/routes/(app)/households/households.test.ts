/**
 * Households in real Chromium against the built API and site: a committee admin finds a care household in the
 * 联户 coverage report and links it in one click (it leaves the report); on the household page the phone is
 * masked until a reveal with a reason shows it; an import with one bad row names the row and column and writes
 * nothing, the fixed file imports. Axe on each screen.
 */
import ExcelJS from 'exceljs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, COMMUNITY_ADMIN, expectNoSeriousA11yIssues, signIn, startHarness, type Harness } from '../../../test/browser';

const enabled = browserTestsEnabled('households browser tests');

describe.skipIf(!enabled)('households, coverage and reveal in the browser', () => {
  let harness: Harness;
  beforeAll(async () => { harness = await startHarness(); }, 180_000);
  afterAll(async () => { await harness?.close(); });

  it('links a care household from the coverage report, then reveals its phone with a reason', async () => {
    const page = await harness.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/coverage');
    const count = Number(await page.locator('[data-uncovered]').textContent());
    expect(count).toBeGreaterThan(0);
    await expectNoSeriousA11yIssues(page);

    const gap = page.locator('ul.gaps > li').first();
    const householdId = await gap.getAttribute('data-household');
    const address = (await gap.locator('a').first().textContent())!.trim();
    const select = gap.locator('select');
    const option = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(option!);
    await gap.getByRole('button', { name: '联户' }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('已联户');
    await expect.poll(async () => Number(await page.locator('[data-uncovered]').textContent())).toBe(count - 1);
    expect(await page.locator(`ul.gaps > li[data-household="${householdId}"]`).count()).toBe(0);

    // the member household's side lists it, with a way to let it go
    await page.goto(`/households?node=${encodeURIComponent(option!)}`);
    await expect.poll(() => page.locator('#member-title').textContent()).toContain('的联系户');
    await expect.poll(() => page.locator('table').textContent()).toContain(address);
    expect(await page.getByRole('button', { name: `解除 ${address} 的联户` }).count()).toBe(1);
    await expectNoSeriousA11yIssues(page);

    await page.goto(`/households/${encodeURIComponent(householdId!)}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(address);
    expect(await page.locator('[data-field="phone"]').textContent()).toMatch(/^1\d{2}\*{4}\d{4}$/);
    await expect.poll(() => page.locator('#link-title + p').textContent()).toContain('党员中心户');
    await expectNoSeriousA11yIssues(page);
    // without a reason nothing is shown
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await expect.poll(() => page.locator('#reason-error').textContent()).toContain('原因');
    await page.getByLabel('查看原因').fill('上门走访需要联系');
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await expect.poll(() => page.locator('[data-revealed="phone"]').textContent()).toMatch(/^1\d{10}$/);
    await page.close();
  });

  it('imports households: one bad row names its row and column and writes nothing; the fixed file imports', async () => {
    const page = await harness.newPage({ viewport: { width: 375, height: 800 } });
    await signIn(page, COMMUNITY_ADMIN);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/households');
    const dir = await mkdtemp(join(tmpdir(), 'households-'));
    const file = async (size: string | number) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('住户');
      ws.addRow(['小区', '楼栋', '单元', '房号', '户主姓名', '人口数', '联系电话', '关爱类别', '关爱说明']);
      ws.addRow(['浏览器测试小区', '2幢', '1单元', '301', '周秀兰', 1, '13700001234', '独居老人', '']);
      ws.addRow(['浏览器测试小区', '2幢', '1单元', '302', '吴建军', size, '', '', '']);
      const path = join(dir, `import-${size}.xlsx`);
      await writeFile(path, Buffer.from(await wb.xlsx.writeBuffer()));
      return path;
    };
    await page.getByText('从 Excel 导入住户').click();
    await page.getByLabel('Excel 文件（.xlsx）').setInputFiles(await file('三'));
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.locator('.import-errors').textContent()).toContain('第 3 行「人口数」');
    await expectNoSeriousA11yIssues(page);
    await page.getByLabel('Excel 文件（.xlsx）').setInputFiles(await file(3));
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.locator('p.ok[role="status"]').textContent()).toContain('已导入 2 户');
    await page.goto('/households?q=周秀兰');
    await expect.poll(() => page.locator('table').textContent()).toContain('浏览器测试小区2幢1单元301');
    await page.close();
  });
});
