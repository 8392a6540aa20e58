/**
 * The admin site's languages: Chinese by default, English per user (the tongxin-lang cookie, set by POST /language).
 * Components read messages as `m.key()`; on the server each request's language comes from the Paraglide
 * middleware's AsyncLocalStorage (hooks.server.ts), in the browser from the cookie.
 */
import { labelsFor, type LabelTables } from '@tongxin/ui';
import { getLocale, locales, type Locale } from './paraglide/runtime.js';
import { NAV_EN } from './nav-en';
import type { NavEntry } from './nav';

export { m } from './paraglide/messages.js';
export { getLocale, locales, type Locale };

/** The label tables of @tongxin/ui (ACTIVITY_STATUS_LABEL …) in the current language. */
export function uiLabels(): LabelTables {
  return labelsFor(getLocale());
}

/** A nav entry's name in the current language; entries without an English name keep their Chinese one. */
export function navLabel(entry: Pick<NavEntry, 'href' | 'label'>): string {
  return getLocale() === 'en' ? (NAV_EN[entry.href]?.label ?? entry.label) : entry.label;
}

/** A nav entry's short tab-bar name in the current language (Chinese when the English one is missing). */
export function navShort(entry: Pick<NavEntry, 'href' | 'short'>): string {
  return getLocale() === 'en' ? (NAV_EN[entry.href]?.short ?? entry.short) : entry.short;
}

/** Numbers and dates as people of the current language write them. */
export function intlLocale(): string {
  return getLocale() === 'en' ? 'en-GB' : 'zh-CN';
}
