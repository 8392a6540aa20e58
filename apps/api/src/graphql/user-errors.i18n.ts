/**
 * User-error messages in the caller's language. Services write their messages in Chinese; the `message` field
 * of `UserError` translates at output time with the English catalogue (user-errors.en.ts): an exact entry, or
 * a template whose `{name}` placeholders match the values put into the message (each value translated in turn
 * when the catalogue knows it: a field label, a state's name, a list of them). A message the catalogue does not
 * know stays Chinese; translation never throws.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { labelsFor } from '@tongxin/ui';
import type { Context } from './context.js';
import { UserError } from './errors.js';
import { USER_ERRORS_EN } from './user-errors.en.js';

export type Lang = 'zh' | 'en';

/**
 * The caller's language from an Accept-Language header: English when its first language tag is `en` or
 * `en-*`, Chinese otherwise and when there is no header.
 */
export function langOf(acceptLanguage: string | string[] | null | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  if (!header) return 'zh';
  const first = header.split(',')[0].split(';')[0].trim().toLowerCase();
  return first === 'en' || first.startsWith('en-') ? 'en' : 'zh';
}

interface Template { pattern: RegExp; names: string[]; english: string; weight: number }

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;
const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');

function compile(catalogue: Record<string, string>): { exact: Map<string, string>; templates: Template[] } {
  const exact = new Map<string, string>();
  const templates: Template[] = [];
  for (const [chinese, english] of Object.entries(catalogue)) {
    const names = [...chinese.matchAll(PLACEHOLDER)].map((m) => m[1]);
    if (names.length === 0) {
      exact.set(chinese, english);
      continue;
    }
    const literal = chinese.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
    const pattern = new RegExp(`^${literal.map(escape).join('([\\s\\S]*?)')}$`);
    templates.push({ pattern, names, english, weight: literal.join('').length });
  }
  // the most specific template first: the one with the most fixed text
  templates.sort((a, b) => b.weight - a.weight);
  return { exact, templates };
}

/** Which label tables a placeholder's value comes from, by the placeholder's name: states or actions. */
type Hint = 'STATE' | 'ACTION' | null;
const hintOf = (name: string, inherited: Hint): Hint =>
  /^state\d*$/.test(name) ? 'STATE' : /^(action|allowed|names)\d*$/.test(name) ? 'ACTION' : inherited;

/**
 * Chinese enum labels (a state's name, an action's name) → English, from @tongxin/ui's label tables: all of
 * them, and those of the state and action tables apart (the same Chinese word can be a state and an action).
 */
function enumLabels(): Record<'ALL' | 'STATE' | 'ACTION', Map<string, string>> {
  const zh = labelsFor('zh-CN') as unknown as Record<string, Record<string, string>>;
  const en = labelsFor('en') as unknown as Record<string, Record<string, string>>;
  const out = { ALL: new Map<string, string>(), STATE: new Map<string, string>(), ACTION: new Map<string, string>() };
  for (const [table, labels] of Object.entries(zh)) {
    const kind = /_ACTION_LABEL$/.test(table) ? 'ACTION' : /_STATE_LABEL$/.test(table) ? 'STATE' : null;
    for (const [value, label] of Object.entries(labels)) {
      const english = en[table]?.[value];
      if (!english) continue;
      if (!out.ALL.has(label)) out.ALL.set(label, english);
      if (kind && !out[kind].has(label)) out[kind].set(label, english);
    }
  }
  return out;
}

const compiled = compile(USER_ERRORS_EN);
const labels = enumLabels();

/** Lists in messages are joined with the Chinese enumeration comma. */
const LIST = '、';

function translate(text: string, depth: number, hint: Hint): string | undefined {
  const hinted = hint ? labels[hint].get(text) : undefined;
  if (hinted !== undefined) return hinted;
  const exact = compiled.exact.get(text) ?? labels.ALL.get(text);
  if (exact !== undefined) return exact;
  if (!/[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]/.test(text)) return text; // numbers, dates, codes: as they are
  if (depth > 3) return undefined;
  if (text.includes(LIST)) {
    // a list of known pieces (allowed actions, choices)
    const parts = text.split(LIST).map((p) => translate(p, depth + 1, hint));
    if (parts.every((p) => p !== undefined)) return parts.join(', ');
  }
  for (const t of compiled.templates) {
    const m = t.pattern.exec(text);
    if (!m) continue;
    const values = new Map<string, string>();
    t.names.forEach((name, i) => values.set(name, piece(m[i + 1], depth + 1, hintOf(name, hint))));
    return t.english.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}

/** A value put into a message: translated when known, else as it is (a community's name, a person's name). */
function piece(value: string, depth: number, hint: Hint): string {
  const whole = translate(value, depth, hint);
  if (whole !== undefined) return whole;
  if (value.includes(LIST)) return value.split(LIST).map((p) => translate(p, depth, hint) ?? p).join(', ');
  return value;
}

/** A user-error message in the caller's language; the Chinese message when there is no translation. */
export function localizeUserErrorMessage(message: string, lang: Lang): string {
  if (lang !== 'en') return message;
  try {
    const english = translate(message, 0, null);
    if (english === undefined) return message;
    return english.charAt(0).toUpperCase() + english.slice(1);
  } catch {
    return message;
  }
}

@Resolver(() => UserError)
export class UserErrorResolver {
  @FieldResolver(() => String)
  message(@Root() error: UserError, @Ctx() ctx: Context): string {
    return localizeUserErrorMessage(error.message, ctx.lang);
  }
}
