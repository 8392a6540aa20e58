// Every message key must exist in every language: a key only one file has would show a raw key or fall back silently.
import { readFileSync } from 'node:fs';

const LOCALES = ['zh-CN', 'en'];

/** @param {string} locale */
export function messageKeys(locale) {
  const text = readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), 'utf8');
  return Object.keys(JSON.parse(text)).filter((k) => k !== '$schema');
}

/** Lines "en: lacks key_x" for every key one language has and another lacks. */
export function missingKeys() {
  const sets = Object.fromEntries(LOCALES.map((l) => [l, new Set(messageKeys(l))]));
  const problems = [];
  for (const a of LOCALES)
    for (const b of LOCALES)
      if (a !== b) for (const key of sets[a]) if (!sets[b].has(key)) problems.push(`${b}: lacks ${key} (in ${a})`);
  return problems;
}
