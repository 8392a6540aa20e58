import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The admin site speaks the user's language on every screen: Chinese text in a component or server file would
 * stay Chinese for an English user. Text belongs in messages/*.json (read as `m.key()`), enum names in the label
 * tables of @tongxin/ui. Comments may explain things in Chinese terms.
 */
const src = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Files whose Chinese is not UI text, and why. */
const ALLOWED: Record<string, string> = {
  'lib/nav.ts': 'the Chinese names of the nav entries; their English names are in lib/nav-en.ts',
  'lib/components/LanguageSwitch.svelte': 'each language is offered under its own name (中文 / English)',
  'routes/login/+page.svelte': "the product's mark 同心 above the sign-in form, the same in both languages",
  'routes/(app)/households/[id]/+page.svelte': "compares with the API's name for an erased resident (已删除), data not text",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'paraglide' || entry.name === 'gql' || entry.name === 'test' ? [] : sourceFiles(full);
    return /\.(svelte|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** The text of a file without its comments (block, HTML and line comments; `//` after a colon or quote is a URL). */
export function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('UI text', () => {
  it('strips comments but keeps strings', () => {
    expect(withoutComments("const a = '党员'; // 注释\n/* 说明 */ <!-- 说明 --> x")).toBe("const a = '党员'; \n  x");
    expect(withoutComments("fetch('http://example.org/活动')")).toContain('活动');
  });

  it('lives in the message files, not in components or server code', () => {
    const offending = sourceFiles(src)
      .filter((file) => !(path.relative(src, file) in ALLOWED))
      .flatMap((file) =>
        withoutComments(readFileSync(file, 'utf8'))
          .split('\n')
          .filter((line) => /\p{Script=Han}/u.test(line))
          .map((line) => `${path.relative(src, file)}: ${line.trim()}`),
      );
    expect(offending, 'move these texts to messages/zh-CN.json and messages/en.json and read them with m.key()').toEqual([]);
  });
});
