export { startPostgres, createDatabase, dropDatabase, freePort, isPortFree, urlWithDatabase } from './postgres.js';
export type { Database, StartPostgresOptions } from './postgres.js';
export { findChromium, chromiumArgs, warnSkipped } from './browser.js';
export { startPlatform, repoRoot, readableLogLine } from './platform.js';
export type { Platform, StartPlatformOptions, AppName } from './platform.js';
