/**
 * Screenshots of the signed-in home page, on a phone (375 px) and on a desktop:
 *   npm run screenshots -w @tongxin/admin      (starts the API with demo data and this site; build it first)
 *   ADMIN_URL=http://127.0.0.1:3001 npm run screenshots -w @tongxin/admin   (uses a running site)
 * Writes docs/screenshots/admin-home.png (phone) and admin-home-desktop.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

async function shoot(browser: Browser, file: string, viewport: { width: number; height: number }, phone: boolean) {
  const page = await browser.newPage({
    viewport,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  await page.goto(`${adminUrl}/login`);
  await page.getByLabel('用户名').fill('hongkang-admin');
  await page.getByLabel('密码').fill('tongxin-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.screenshot({ path: path.join(outDir, file) });
  await page.close();
}

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  await shoot(browser, 'admin-home.png', { width: 375, height: 812 }, true);
  await shoot(browser, 'admin-home-desktop.png', { width: 1280, height: 800 }, false);
  console.log(`wrote admin-home.png and admin-home-desktop.png in ${outDir}`);
} finally {
  await browser.close();
  await platform?.stop();
}
