import AxeBuilder from '@axe-core/playwright';
import { chromiumArgs, findChromium, startPlatform, warnSkipped, type AppName, type Platform } from '@tongxin/launcher';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const DEMO_PASSWORD = 'tongxin-demo';
export const COMMUNITY_ADMIN = 'hongkang-admin';
export const BRANCH_SECRETARY = 'hongkang-branch1';

export const chromiumPath = findChromium();

/** Browser tests need a real Chromium; without one they are skipped loudly, never silently passed. */
export function browserTestsEnabled(what: string): boolean {
  if (!chromiumPath) warnSkipped(what, 'no Chromium found (set CHROMIUM_PATH or install chromium)');
  return chromiumPath !== null;
}

export interface Harness {
  platform: Platform;
  browser: Browser;
  /** A fresh browser profile at phone width. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/** The API and this site; a test that follows a resident too adds `events`. */
export async function startHarness(options: { apps?: AppName[] } = {}): Promise<Harness> {
  const platform = await startPlatform({ apps: options.apps ?? ['api', 'admin'] });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath!, args: chromiumArgs });
  } catch (error) {
    await platform.stop();
    throw error;
  }
  const opened = browser;
  return {
    platform,
    browser: opened,
    async newPage(options = {}) {
      const context = await opened.newContext({
        baseURL: platform.adminUrl,
        viewport: { width: 390, height: 844 },
        locale: 'zh-CN',
        ...options,
      });
      return context.newPage();
    },
    async close() {
      await opened.close().catch(() => undefined);
      await platform.stop();
    },
  };
}

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Axe findings a screen-reader or keyboard user would be blocked by. */
export async function expectNoSeriousA11yIssues(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}
