import { fail } from '@sveltejs/kit';

/** A problem the user can fix, as every mutation payload reports it. */
export interface UserErrorLike {
  /** Path to the input field, e.g. ['input', 'code']; empty or null for the whole request. */
  field?: readonly string[] | null;
  message: string;
  code: string;
}

/** What a form shows after a refused submission. */
export interface FormErrors<F extends string = string> {
  /** About the whole form: shown above it (FormError). */
  form?: string;
  /** By input name: shown under each input (FieldError). */
  fields: Partial<Record<F, string>>;
}

/** The `fail()` data of a form action: the errors and the values to fill back in (never passwords). */
export interface FormFailure<F extends string = string, V = Record<string, string>> {
  errors: FormErrors<F>;
  values: V;
}

export interface UserErrorOptions<F extends string> {
  /** The form's inputs: a userError whose field path ends in one of them is shown at that input, others above the form. */
  fields: readonly F[];
  /** What the user reads for a code, where the API's own message is not meant for them. */
  messages?: Readonly<Record<string, string>>;
  /** Show the API's message for codes not in `messages` (the API writes most of them in Chinese); else `fallback`. */
  apiMessages?: boolean;
  /** Codes about the whole form even when the API names a field, e.g. a wrong username or password. */
  formCodes?: readonly string[];
  /** Shown when the mutation failed without a userError to explain it. */
  fallback: string;
}

/** Sorts a payload's userErrors into a message per input and one for the form; the first message of each wins. */
export function formErrors<F extends string>(userErrors: readonly UserErrorLike[], options: UserErrorOptions<F>): FormErrors<F> {
  const errors: FormErrors<F> = { fields: {} };
  const known = new Set<string>(options.fields);
  for (const e of userErrors) {
    const message = options.messages?.[e.code] ?? (options.apiMessages === false || !e.message ? options.fallback : e.message);
    const last = e.field?.at(-1);
    if (last && known.has(last) && !options.formCodes?.includes(e.code)) {
      errors.fields[last as F] ??= message;
    } else {
      errors.form ??= message;
    }
  }
  if (!errors.form && Object.keys(errors.fields).length === 0) errors.form = options.fallback;
  return errors;
}

/** A refused submission: `fail(status, { errors, values, ...extra })`. */
export function failForm<F extends string, V, X extends Record<string, unknown> = Record<never, never>>(
  status: number,
  values: V,
  errors: { form?: string; fields?: Partial<Record<F, string>> },
  extra?: X,
) {
  const data = { ...(extra as X), values, errors: { form: errors.form, fields: errors.fields ?? {} } as FormErrors<F> };
  return fail(status, data);
}

/** The form action's answer to a mutation that came back with userErrors (or without its result). */
export function failUserErrors<F extends string, V, X extends Record<string, unknown> = Record<never, never>>(
  userErrors: readonly UserErrorLike[],
  options: UserErrorOptions<F> & { values: V; status?: number; extra?: X },
) {
  return failForm<F, V, X>(options.status ?? 400, options.values, formErrors(userErrors, options), options.extra);
}

/** The id of the message under an input, for its aria-describedby. */
export function fieldErrorId(name: string): string {
  return `${name}-error`;
}

export const FORM_ERROR_ID = 'form-error';

/**
 * aria-invalid and aria-describedby for an input, from the form's errors. With `form: true` an error about the
 * whole form (e.g. wrong username or password) marks this input too.
 */
export function fieldAria(
  errors: FormErrors | null | undefined,
  name: string,
  options: { form?: boolean } = {},
): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
  const own = errors?.fields[name];
  const form = options.form ? errors?.form : undefined;
  if (own) return { 'aria-invalid': 'true', 'aria-describedby': fieldErrorId(name) };
  if (form) return { 'aria-invalid': 'true', 'aria-describedby': FORM_ERROR_ID };
  return {};
}
