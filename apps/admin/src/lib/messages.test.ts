import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingKeys } from '../../scripts/message-keys.js';

const read = (locale: string): Record<string, string> => {
  const { $schema: _schema, ...messages } = JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'));
  return messages;
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message files', () => {
  const zh = read('zh-CN');
  const en = read('en');

  it('have the same keys in Chinese and English', () => {
    expect(missingKeys()).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('fill the same placeholders in both languages, and leave no message empty', () => {
    for (const key of Object.keys(zh)) {
      expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key]));
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('keep Chinese out of the English file, apart from names of Excel sheets and columns users must match', () => {
    const chinese = Object.entries(en).filter(([key, text]) => /\p{Script=Han}/u.test(text) && key !== 'lang_label' && key !== 'imp_step1');
    expect(chinese).toEqual([]);
  });
});
