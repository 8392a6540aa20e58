/** Dates and times as the communities read them (Asia/Shanghai, UTC+8 all year). */

/** Today's date in Asia/Shanghai, YYYY-MM-DD. */
export const shanghaiToday = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** An instant as the communities read it: 2026-12-03 15:00. */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
