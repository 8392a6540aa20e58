/**
 * Beijing wall-clock time for forms and the calendar. China keeps UTC+8 all year, so a `datetime-local` value
 * is read as +08:00 whatever zone the server or the browser is in.
 */
import { intlLocale } from '../i18n';
const OFFSET_MS = 8 * 3_600_000;

/** `2026-12-05T14:00` (Beijing) from an instant; '' for none. */
export function toLocalInput(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = new Date(new Date(value).getTime() + OFFSET_MS);
  return d.toISOString().slice(0, 16);
}

/** The instant of a `datetime-local` value read as Beijing time; null when empty or malformed. */
export function fromLocalInput(value: string | null | undefined): Date | null {
  const text = (value ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return null;
  const d = new Date(`${text}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Year, month (1-12), day and weekday (0 = Sunday) of an instant in Beijing. */
export function beijingDate(value: string | Date): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(new Date(value).getTime() + OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** 00:00 Beijing time of a calendar day (month 1-based; overflowing days roll over). */
export function beijingMidnight(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day) - OFFSET_MS);
}

/** One formatter per language (the request's or the page's), made on first use. */
function formatter(options: Intl.DateTimeFormatOptions): () => Intl.DateTimeFormat {
  const made = new Map<string, Intl.DateTimeFormat>();
  return () => {
    const locale = intlLocale();
    let format = made.get(locale);
    if (!format) made.set(locale, (format = new Intl.DateTimeFormat(locale, options)));
    return format;
  };
}

const timeFormat = formatter({ timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const dateTimeFormat = formatter({
  timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false,
});

/** 14:00 */
export function formatTime(value: string | Date): string {
  return timeFormat().format(new Date(value));
}

/** 12月5日周五 14:00 */
export function formatDateTime(value: string | Date): string {
  return dateTimeFormat().format(new Date(value));
}

/** 12月5日周五 14:00–16:00, or across days with both dates. */
export function formatRange(startsAt: string | Date, endsAt: string | Date): string {
  const a = beijingDate(startsAt);
  const b = beijingDate(endsAt);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return `${formatDateTime(startsAt)}–${sameDay ? formatTime(endsAt) : formatDateTime(endsAt)}`;
}
