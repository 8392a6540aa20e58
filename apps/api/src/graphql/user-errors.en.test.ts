import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanUserErrorMessages, templateShape, type ScanResult } from '../test/user-error-messages.js';
import { USER_ERRORS_EN } from './user-errors.en.js';
import { langOf, localizeUserErrorMessage } from './user-errors.i18n.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const PLACEHOLDERS = /\{([A-Za-z0-9_]+)\}/g;
const names = (text: string) => [...text.matchAll(PLACEHOLDERS)].map((m) => m[1]).sort();

describe('English user-error messages', () => {
  let scan: ScanResult;
  const scanned = () => (scan ??= scanUserErrorMessages(SRC));

  it('has an English entry for every Chinese message (and piece of one) the sources can send', { timeout: 120_000 }, () => {
    const { found, unresolved } = scanned();
    // the scan follows messages through helpers, constants, label tables and zod schemas; make sure it saw them
    expect(found.filter((f) => f.kind === 'message').length).toBeGreaterThan(300);
    expect(unresolved, 'message arguments the scan could not follow to their text').toEqual([]);
    const shapes = new Set(Object.keys(USER_ERRORS_EN).map(templateShape));
    const missing = found.filter((f) => !shapes.has(templateShape(f.text))).map((f) => `${f.where}  ${f.text}`);
    expect(missing, 'add these to graphql/user-errors.en.ts').toEqual([]);
  });

  it('uses in each English template the placeholders of its Chinese key, and no Chinese', () => {
    for (const [zh, en] of Object.entries(USER_ERRORS_EN)) {
      expect(names(en), zh).toEqual(names(zh));
      expect(en, zh).not.toMatch(/[\u3400-\u9fff]/);
    }
  });

  it('translates messages with values put in, and the labels and states inside them', () => {
    expect(localizeUserErrorMessage('标题应为 1 到 100 个字', 'en')).toBe('Title should be 1 to 100 characters');
    expect(localizeUserErrorMessage('请填写居民姓名', 'en')).toBe('Fill in the resident name');
    expect(localizeUserErrorMessage('手机号应为 11 位中国大陆手机号（1 开头，第二位 3-9）', 'en')).toBe('The mobile number should have 11 digits (mainland China: starts with 1, second digit 3-9)');
    // a state and an action from @tongxin/ui's label tables, and a list of allowed actions
    expect(localizeUserErrorMessage('诉求当前为「已办结」，不能「受理」。当前可执行：重新办理（REOPEN）、关闭（CLOSE）', 'en'))
      .toMatch(/^This demand is "[^"\u3400-\u9fff]+" and cannot "[^"\u3400-\u9fff]+"\. Allowed now: [^\u3400-\u9fff]+ \(REOPEN\), [^\u3400-\u9fff]+ \(CLOSE\)$/i);
    // names of things stay as they are
    expect(localizeUserErrorMessage('幸福社区已归档，不能修改', 'en')).toBe('幸福社区 is archived and cannot be changed');
  });

  it('keeps Chinese for Chinese callers and for messages it does not know, and never throws', () => {
    expect(localizeUserErrorMessage('照片最多 9 张', 'zh')).toBe('照片最多 9 张');
    expect(localizeUserErrorMessage('照片最多 9 张', 'en')).toBe('At most 9 photos');
    expect(localizeUserErrorMessage('一条没有英文的消息', 'en')).toBe('一条没有英文的消息');
    expect(localizeUserErrorMessage('', 'en')).toBe('');
    expect(localizeUserErrorMessage('{label}（(?!*+', 'en')).toBe('{label}（(?!*+');
  });

  it('reads the language from Accept-Language: English only when the first tag is en or en-*', () => {
    expect(langOf(undefined)).toBe('zh');
    expect(langOf('')).toBe('zh');
    expect(langOf('en')).toBe('en');
    expect(langOf('en-US,en;q=0.9')).toBe('en');
    expect(langOf('EN-gb')).toBe('en');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langOf('fr-FR, en;q=0.5')).toBe('zh');
    expect(langOf('english')).toBe('zh');
    expect(langOf('en;q=0.8')).toBe('en');
  });
});
