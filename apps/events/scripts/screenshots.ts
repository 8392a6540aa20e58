/**
 * Phone-sized screenshots of the list and a detail page for the docs:
 *   npm run screenshots -w @tongxin/events            (starts the API with demo data and this site)
 *   EVENTS_URL=http://127.0.0.1:3002 npm run screenshots -w @tongxin/events   (uses a running site)
 * Writes docs/screenshots/events-list.png and events-detail.png.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium, repoRoot, startPlatform, type Platform } from '@tongxin/launcher';

const executablePath = findChromium();
if (!executablePath) {
  console.error('No Chromium found: apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH.');
  process.exit(1);
}

const outDir = path.join(repoRoot(), 'docs/screenshots');
await mkdir(outDir, { recursive: true });

let platform: Platform | undefined;
const eventsUrl = process.env.EVENTS_URL ?? (platform = await startPlatform({ apps: ['api', 'events'], seedDemo: true })).eventsUrl;
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });

  await page.goto(`${eventsUrl}/`);
  await page.screenshot({ path: path.join(outDir, 'events-list.png') });

  // A detail page that shows what a resident sees before signing up: prefer one with seats left and a venue.
  const cards = page.locator('article:has(.seats-open, .seats-few)');
  const card = (await cards.count()) > 0 ? cards.first() : page.locator('article').first();
  await page.goto(new URL((await card.locator('h2 a').getAttribute('href'))!, eventsUrl).href);
  await page.screenshot({ path: path.join(outDir, 'events-detail.png'), fullPage: true });

  console.log(`wrote ${path.join(outDir, 'events-list.png')} and events-detail.png (${page.url()})`);
} finally {
  await browser.close();
  await platform?.stop();
}
