/**
 * Screenshots of the signed-in home page, on a phone (375 px) and on a desktop:
 *   npm run screenshots -w @tongxin/admin      (starts the API with demo data and this site; build it first)
 *   ADMIN_URL=http://127.0.0.1:3001 npm run screenshots -w @tongxin/admin   (uses a running site)
 * Writes docs/screenshots/admin-home.png (phone) and admin-home-desktop.png, and the demand board and a demand's
 * page on a phone (admin-demands.png, admin-demand.png), the member roll and a member's profile (admin-members.png,
 * admin-member.png); the dashboard and a co-building unit's page at 1366 and 375 px
 * (admin-dashboard*.png, admin-unit*.png). `SHOTS=dashboard,unit` takes only the pictures whose names contain one
 * of those words; the activity editor filled in for a weekly series at 1366 px and 375 px
 * (admin-activity-editor-desktop.png, admin-activity-editor.png, whole page).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, findChromium, repoRoot, startPlatform, type Platform } from '@tongxin/launcher';

const executablePath = findChromium();
if (!executablePath) {
  console.error('No Chromium found: apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH.');
  process.exit(1);
}

const outDir = process.env.SCREENSHOT_DIR ?? path.join(repoRoot(), 'docs/screenshots');
await mkdir(outDir, { recursive: true });

let platform: Platform | undefined;
const adminUrl = process.env.ADMIN_URL ?? (platform = await startPlatform({ apps: ['api', 'admin'], seedDemo: true })).adminUrl;

async function shoot(
  browser: Browser,
  file: string,
  viewport: { width: number; height: number },
  phone: boolean,
  /** After signing in: go where the picture is taken (default: stay on the home page). */
  open?: (page: Page) => Promise<void>,
  fullPage = false,
  username = 'hongkang-admin',
) {
  const only = process.env.SHOTS?.split(',').filter(Boolean);
  if (only && !only.some((word) => file.includes(word))) return;
  const page = await browser.newPage({
    viewport,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await page.goto(`${adminUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('tongxin-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await open?.(page);
  await page.screenshot({ path: path.join(outDir, file), fullPage });
  await page.close();
}

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  await shoot(browser, 'admin-home.png', { width: 375, height: 812 }, true);
  await shoot(browser, 'admin-home-desktop.png', { width: 1280, height: 800 }, false);
  // the demand board (figures, counts by state, the list) and one demand being worked on, on a phone
  await shoot(browser, 'admin-demands.png', { width: 375, height: 812 }, true, async (page) => {
    await page.goto(`${adminUrl}/demands`);
  });
  await shoot(browser, 'admin-demand.png', { width: 375, height: 812 }, true, async (page) => {
    await page.goto(`${adminUrl}/demands?state=IN_PROGRESS`);
    const first = page.locator('.rows a.title').first();
    if ((await first.count()) > 0) {
      await first.click();
    } else {
      // no demo demands being worked on: take one in at the door, as a worker would
      await page.goto(`${adminUrl}/demands/new?channel=WALK_IN`);
      await page.getByLabel('问题（一句话）').fill('3 单元楼道电动车充电，存在火灾隐患');
      await page.getByLabel('类别').selectOption('SAFETY');
      await page.getByLabel('小区').fill('茉莉苑');
      await page.getByLabel('楼栋').fill('5 栋');
      await page.getByLabel('姓名').fill('刘桂英');
      await page.getByLabel('手机号').fill('13912345678');
      await page.getByRole('button', { name: '登记' }).click();
      await page.waitForURL((url) => url.searchParams.has('new'));
      await page.getByRole('button', { name: '受理', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已受理' }).waitFor();
    }
    await page.waitForURL((url) => /^\/demands\/[^/]+$/.test(url.pathname));
  });
  // the member roll and one member's profile with positions and transfers, on a phone
  await shoot(browser, 'admin-members.png', { width: 375, height: 812 }, true, async (page) => {
    await page.goto(`${adminUrl}/members`);
  });
  await shoot(browser, 'admin-member.png', { width: 375, height: 812 }, true, async (page) => {
    await page.goto(`${adminUrl}/members?position=SECRETARY`);
    await page.locator('table tbody a').first().click();
    await page.waitForURL((url) => /^\/members\/[^/]+$/.test(url.pathname));
  });
  // the dashboard with its charts drawn (ECharts loads in the browser), whole page
  const charted = async (page: Page) => {
    await page.locator('[data-chart] svg').first().waitFor();
  };
  await shoot(browser, 'admin-dashboard.png', { width: 375, height: 812 }, true, charted, true);
  await shoot(browser, 'admin-dashboard-desktop.png', { width: 1366, height: 900 }, false, charted, true);
  // a co-building unit with its agreement, cross-appointments and red/yellow evaluations: a property firm of 振兴社区
  const unitPage = async (page: Page) => {
    await page.goto(`${adminUrl}/units?kind=PROPERTY_MANAGEMENT`);
    await page.locator('.units a.name', { hasText: '桂竹花园物业服务中心' }).click();
    await page.waitForURL((url) => /^\/units\/[^/]+$/.test(url.pathname));
    await page.locator('[data-chart] svg').first().waitFor({ timeout: 5000 }).catch(() => undefined);
  };
  await shoot(browser, 'admin-unit.png', { width: 375, height: 812 }, true, unitPage, true, 'zhenxing-admin');
  await shoot(browser, 'admin-unit-desktop.png', { width: 1366, height: 900 }, false, unitPage, true, 'zhenxing-admin');
  // the activity editor, filled in as a worker plans the Friday volunteer service: every week, eight times
  const editor = async (page: Page) => {
    await page.goto(`${adminUrl}/activities/new`);
    const friday = new Date();
    friday.setUTCDate(friday.getUTCDate() + ((5 - friday.getUTCDay() + 7) % 7 || 7));
    const day = friday.toISOString().slice(0, 10);
    await page.getByLabel('活动标题').fill('周五志愿服务：楼道清洁和消防通道清理');
    await page.getByLabel('类别').selectOption('VOLUNTEER_SERVICE');
    await page.getByLabel('开始时间（北京时间）').fill(`${day}T15:00`);
    await page.getByLabel('结束时间').fill(`${day}T17:00`);
    await page.getByLabel('重复方式').selectOption('WEEKLY');
    await page.getByLabel('一共几次').fill('8');
    const venues = page.getByLabel('地点（阵地）').locator('option');
    if ((await venues.count()) > 1) await page.getByLabel('地点（阵地）').selectOption({ index: 1 });
    await page.getByLabel('名额').fill('30');
    await page.getByLabel('活动介绍（居民可见）').fill('周五志愿服务队和共建单位的志愿者一起清理楼道杂物、疏通消防通道，张贴安全提示。欢迎居民一起参加，请穿方便活动的衣服。');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  };
  // the whole editor fits a tall desktop window; on a phone the picture starts at the times and the repetition
  await shoot(browser, 'admin-activity-editor-desktop.png', { width: 1366, height: 1560 }, false, editor);
  await shoot(browser, 'admin-activity-editor.png', { width: 375, height: 812 }, true, async (page) => {
    await editor(page);
    await page.getByLabel('主办组织').evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -110);
    });
  });
  console.log(`wrote admin-home.png, admin-home-desktop.png, admin-demands.png, admin-demand.png, admin-members.png, admin-member.png, admin-dashboard*.png, admin-unit*.png, admin-activity-editor.png and admin-activity-editor-desktop.png in ${outDir}`);
} finally {
  await browser.close();
  await platform?.stop();
}
