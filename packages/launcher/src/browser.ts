import { accessSync, constants, statSync } from 'node:fs';

/** Path of a Chromium usable by playwright-core: env CHROMIUM_PATH, else /usr/bin/chromium, /usr/bin/chromium-browser; null when none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) {
    if (candidate && isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** Launch flags that work as root on this closed network. */
export const chromiumArgs: string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Print a loud multi-line warning to stderr saying which browser tests were skipped and how to enable them. */
export function warnSkipped(what: string, why: string): void {
  const bar = '!'.repeat(78);
  const lines = [
    '',
    bar,
    `!!  已跳过浏览器测试 / BROWSER TESTS SKIPPED: ${what}`,
    `!!  原因 / reason: ${why}`,
    '!!',
    '!!  启用方法 / to run them:',
    '!!      apt-get install -y chromium fonts-noto-cjk',
    '!!  or point CHROMIUM_PATH at a Chromium / Chrome binary.',
    bar,
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');
  // CI installs Chromium: there a missing browser is a broken setup, not a reason to skip
  if (process.env.CI && process.env.CI !== 'false') throw new Error(`CI must run the browser tests (${what}): ${why}`);
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
