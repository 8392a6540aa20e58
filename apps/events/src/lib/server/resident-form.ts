import { randomUUID } from 'node:crypto';
import { isChinese, normalizePhone } from '$lib/format';

/**
 * The server side of a resident's form (report a problem, order a service, answer a recruitment call): what was
 * posted, the errors to show beside each field in Chinese, and the API's answer put onto the same form. A form
 * that fails comes back with everything typed kept (`values`) and its idempotency key, so correcting and sending
 * it again still files once. The page shows it with `ResidentForm` and `FormField`.
 */
export interface ResidentFormFailure<F extends string> {
  values: Record<F, string> & { idempotencyKey: string };
  fieldErrors: Partial<Record<F, string>>;
  message: string | null;
}

export const PHONE_HELP = '请填写 11 位中国大陆手机号，例如 13812345678';

/** The posted form: each field's text trimmed, and its idempotency key (a fresh one when it came without). */
export async function readResidentForm<F extends string>(request: Request, fields: readonly F[]): Promise<ResidentFormFailure<F>> {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values = Object.fromEntries(fields.map((field) => [field, text(field)])) as Record<F, string>;
  return { values: { ...values, idempotencyKey: text('idempotencyKey').slice(0, 100) || randomUUID() }, fieldErrors: {}, message: null };
}

/** A mainland mobile number from what was typed (spaces, dashes, +86 allowed), or null. */
export function mobilePhone(typed: string): string | null {
  const phone = normalizePhone(typed);
  return /^1\d{10}$/.test(phone) ? phone : null;
}

export function hasFieldErrors(failure: ResidentFormFailure<string>): boolean {
  return Object.keys(failure.fieldErrors).length > 0;
}

interface UserError {
  field?: readonly string[] | null;
  message: string;
}

/**
 * The API's userErrors onto the form: each beside the field its path ends in (`fieldOf`; by default the field of
 * that name), in the API's words when they are Chinese, else the field's `help`; the others as the form's message
 * (`fallback` when not Chinese). The form always says something.
 */
export function applyUserErrors<F extends string>(
  failure: ResidentFormFailure<F>,
  userErrors: readonly UserError[],
  options: { help: Record<F, string>; fallback: string; fieldOf?: (apiField: string) => F | undefined },
): ResidentFormFailure<F> {
  const { help, fallback } = options;
  const fieldOf = options.fieldOf ?? ((name: string) => (Object.hasOwn(help, name) ? (name as F) : undefined));
  const errors = failure.fieldErrors;
  for (const userError of userErrors) {
    const field = fieldOf(userError.field?.at(-1) ?? '');
    if (field && !errors[field]) errors[field] = isChinese(userError.message) ? userError.message : help[field];
    else failure.message ??= isChinese(userError.message) ? userError.message : fallback;
  }
  if (!failure.message && !hasFieldErrors(failure)) failure.message = fallback;
  return failure;
}
