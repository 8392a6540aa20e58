import { env } from '$env/dynamic/private';
import { TtlCache } from './ttl-cache';

/**
 * What every visitor may share: the API's anonymous answers for the activity list and detail pages,
 * and those pages as rendered for a visitor without the device cookie (see hooks.server.ts). Nothing
 * personal goes in here: the API is asked without any resident's cookie or token, and pages that
 * consulted a resident's device cookie are never stored.
 *
 * Both live in this process only. With several instances of this site, a sign-up drops the copies of
 * the instance that handled it; the others catch up within the time-to-live.
 */

/** A cached answer: the data plus the activity ids it shows, so a sign-up can drop exactly those. */
export interface CachedAnswer {
  data: unknown;
  activityIds: string[];
  partial: boolean;
}

/** A rendered page, kept as bytes: every visitor gets a new Response made from them. */
export interface PageSnapshot {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string | null;
  storedAt: number;
  /** The page consulted the device cookie (e.g. to offer "查看报名"): only visitors without one may get it. */
  readsDeviceCookie: boolean;
  /** May go to other visitors: a 200 without Set-Cookie. */
  shareable: boolean;
  /** The gzip form, made once on first demand. */
  gzipped?: Promise<Uint8Array<ArrayBuffer>>;
}

function seconds(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw} is not a number of seconds`);
  return n;
}

export interface CacheSettings {
  /** How long shared answers and pages count as fresh (env CACHE_TTL_SECONDS, default 5; 0 turns caching off). */
  ttlSeconds: number;
  /** How much longer a stale answer may be served while one refresh runs (env CACHE_STALE_SECONDS, default 15). */
  staleSeconds: number;
  /** Cache-Control for the public list and detail pages. */
  publicCacheControl: string;
}

let settings: CacheSettings | undefined;

/** Read on first use: $env/dynamic/private is only filled once the server has started. */
export function cacheSettings(): CacheSettings {
  if (!settings) {
    const ttlSeconds = seconds('CACHE_TTL_SECONDS', 5);
    const staleSeconds = seconds('CACHE_STALE_SECONDS', 15);
    settings = {
      ttlSeconds,
      staleSeconds,
      publicCacheControl: `public, max-age=${Math.floor(ttlSeconds)}, stale-while-revalidate=${Math.floor(staleSeconds)}`,
    };
  }
  return settings;
}

let answers: TtlCache<CachedAnswer> | undefined;
let pages: TtlCache<PageSnapshot> | undefined;

export function answerCache(): TtlCache<CachedAnswer> {
  const { ttlSeconds, staleSeconds } = cacheSettings();
  return (answers ??= new TtlCache<CachedAnswer>({
    ttlMs: ttlSeconds * 1000,
    staleMs: staleSeconds * 1000,
    maxEntries: 500,
    // an answer with partial errors is shown to the one visitor who got it, never kept for the next
    cacheable: (answer) => !answer.partial,
    tags: (answer) => answer.activityIds,
    onRefreshError: (key, error) =>
      console.warn(`Refreshing the cached answer ${key.split('\n')[0]} failed; the stale one stays for now`, error),
  }));
}

export function pageCache(): TtlCache<PageSnapshot> {
  const { ttlSeconds } = cacheSettings();
  // No stale period: a page is rendered again when it runs out, from the (stale-while-revalidate) answers.
  return (pages ??= new TtlCache<PageSnapshot>({
    ttlMs: ttlSeconds * 1000,
    staleMs: 0,
    maxEntries: 200,
    cacheable: (page) => page.shareable,
  }));
}

/**
 * After a sign-up or a cancellation: drop every shared answer that shows the activity, so the next view
 * shows the new count, and every stored page (pages are cheap to render again from the answers).
 */
export function invalidateActivity(...activityIds: (string | null | undefined)[]): void {
  for (const id of new Set(activityIds)) if (id) answers?.invalidateTag(id);
  pages?.clear();
}
