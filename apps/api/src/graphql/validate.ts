/**
 * Input validation shared by every module. Each check fails with an INVALID_INPUT user error naming the
 * field and saying in Chinese what is expected; text lengths count characters, not UTF-16 units.
 */
import { fail, UserErrorCode } from './errors.js';

const length = (text: string) => [...text].length;
/** Control characters have no place in names and titles (line breaks and tabs are fine in longer text). */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Refuse text with control characters, e.g. pasted from a broken spreadsheet. */
export function assertPrintable(text: string, field: string[], label: string, multiline = false): void {
  if ((multiline ? CONTROL_IN_TEXT : CONTROL).test(text)) fail(UserErrorCode.INVALID_INPUT, `${label}含有无法显示的控制字符`, field);
}

/** A required text of 1..max characters (trimmed). */
export function validText(value: string | null | undefined, max: number, field: string[], label: string): string {
  const text = (value ?? '').trim();
  if (text.length < 1 || length(text) > max) fail(UserErrorCode.INVALID_INPUT, `${label}应为 1 到 ${max} 个字`, field);
  assertPrintable(text, field, label);
  return text;
}

/** An optional text for updates: undefined/null keeps the old value, '' clears it (null), else 1..max characters. */
export function optionalText(value: string | null | undefined, max: number, field: string[], label: string): string | null | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (!text) return null;
  if (length(text) > max) fail(UserErrorCode.INVALID_INPUT, `${label}最多 ${max} 个字`, field);
  assertPrintable(text, field, label, true);
  return text;
}

/** A whole number in min..max, or null when absent. */
export function validInt(value: number | null | undefined, min: number, max: number, field: string[], label: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < min || value > max) fail(UserErrorCode.INVALID_INPUT, `${label}应为 ${min} 到 ${max} 之间的整数`, field);
  return value;
}

/** Search text of 1..max characters. */
export function validSearch(value: string, max: number, field: string[]): string {
  const text = value.trim();
  if (text.length < 1 || length(text) > max) fail(UserErrorCode.INVALID_INPUT, `搜索词应为 1 到 ${max} 个字`, field);
  assertPrintable(text, field, '搜索词');
  return text;
}

/** A YYYY-MM-DD calendar date. */
export function validDate(value: string | null | undefined, field: string[], label: string): string {
  const text = (value ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ok = m != null && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text && Number(m[1]) >= 1949 && Number(m[1]) <= 2100;
  if (!ok) fail(UserErrorCode.INVALID_INPUT, `${label}应为有效日期 YYYY-MM-DD`, field);
  return text;
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Strip what people type around a number: spaces, dashes, the +86 / 0086 country prefix. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

/** A mainland mobile number (1[3-9]xxxxxxxxx), normalized. */
export function validMobile(value: string, field: string[]): string {
  const phone = normalizePhone(value);
  if (!MOBILE_PATTERN.test(phone)) fail(UserErrorCode.INVALID_INPUT, '手机号应为 11 位中国大陆手机号（1 开头，第二位 3-9）', field);
  return phone;
}

/** A contact number: a mainland mobile or a landline with area code (0871-65551234). */
export function validContactPhone(value: string, field: string[]): string {
  const phone = normalizePhone(value);
  if (!/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone)) fail(UserErrorCode.INVALID_INPUT, '联系电话应为手机号或带区号的固定电话', field);
  return phone;
}

/** Is this a violation of a unique constraint (optionally a named one)? */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e.code !== '23505' && !/duplicate key/i.test(e.message ?? '')) return false;
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** Run a write; a unique-constraint violation becomes a DUPLICATE user error on the field. */
export async function uniquely<T>(run: () => Promise<T>, message: string, field: string[]): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) fail(UserErrorCode.DUPLICATE, message, field);
    throw error;
  }
}
