import { TZDate } from '@date-fns/tz';

/** Every community this platform serves keeps Beijing time; the server's own zone must not matter. */
export const TIME_ZONE = 'Asia/Shanghai';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

export function zoned(value: string | Date): TZDate {
  return new TZDate(typeof value === 'string' ? new Date(value).getTime() : value.getTime(), TIME_ZONE);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 11月28日 周五 (with the year in front when it is not the current year). */
export function formatDay(value: string | Date, now: Date = new Date()): string {
  const d = zoned(value);
  const year = d.getFullYear() === zoned(now).getFullYear() ? '' : `${d.getFullYear()}年`;
  return `${year}${d.getMonth() + 1}月${d.getDate()}日 ${WEEKDAYS[d.getDay()]}`;
}

/** 09:00 */
export function formatTime(value: string | Date): string {
  const d = zoned(value);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 11月28日 周五 09:00 */
export function formatDateTime(value: string | Date, now: Date = new Date()): string {
  return `${formatDay(value, now)} ${formatTime(value)}`;
}

function sameDay(a: TZDate, b: TZDate): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** 11月28日 周五 09:00–11:30, or both days in full when the activity runs past midnight. */
export function formatRange(startsAt: string, endsAt: string, now: Date = new Date()): string {
  if (sameDay(zoned(startsAt), zoned(endsAt))) return `${formatDateTime(startsAt, now)}–${formatTime(endsAt)}`;
  return `${formatDateTime(startsAt, now)} – ${formatDateTime(endsAt, now)}`;
}

/** Machine-readable value for <time datetime>. */
export function isoDateTime(value: string): string {
  return new Date(value).toISOString();
}

/**
 * Residents type phone numbers the way they see them: with spaces or dashes, with +86, or in
 * full-width digits from a Chinese input method. The API wants the bare 11-digit mainland number.
 */
export function normalizePhone(raw: string): string {
  let phone = raw.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  if (/^(\+?86|0086)1\d{10}$/.test(phone)) phone = phone.slice(-11);
  return phone;
}

/** Confirmation codes are read aloud and typed on phones: ignore case, spaces and dashes. */
export function normalizeCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\-_]/g, '').toUpperCase();
}

export function looksLikeCode(code: string): boolean {
  return /^[A-Z0-9]{4,16}$/.test(code);
}

/** Shorten a description for meta tags and previews without cutting a character in half. */
export function excerpt(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/** Whether an API message is already written for residents (Chinese) rather than for developers. */
export function isChinese(message: string | null | undefined): message is string {
  return !!message && /[\u4e00-\u9fff]/.test(message);
}
