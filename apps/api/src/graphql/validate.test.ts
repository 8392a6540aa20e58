import { describe, expect, it } from 'vitest';
import { UserFacingError } from './errors.js';
import { optionalText, uniquely, validContactPhone, validDate, validMobile, validText } from './validate.js';

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    if (e instanceof UserFacingError) return e.errors[0];
    throw e;
  }
  return null;
}

describe('input validation', () => {
  it('counts Chinese characters, not bytes or UTF-16 units, and trims', () => {
    expect(validText('  红康社区党委  ', 6, ['input', 'name'], '名称')).toBe('红康社区党委');
    expect(validText('𠮷'.repeat(5), 5, ['input', 'name'], '名称')).toBe('𠮷'.repeat(5));
    expect(errorOf(() => validText('   ', 10, ['input', 'name'], '名称'))).toEqual({ code: 'INVALID_INPUT', message: '名称应为 1 到 10 个字', field: ['input', 'name'] });
    expect(errorOf(() => validText('一二三四五六', 5, ['input', 'title'], '标题'))?.field).toEqual(['input', 'title']);
  });

  it('refuses control characters, allowing line breaks in longer text', () => {
    expect(errorOf(() => validText('张\u0007三', 10, ['input', 'name'], '姓名'))).toEqual({ code: 'INVALID_INPUT', message: '姓名含有无法显示的控制字符', field: ['input', 'name'] });
    expect(optionalText('第一行\n第二行', 50, ['input', 'description'], '介绍')).toBe('第一行\n第二行');
    expect(errorOf(() => optionalText('坏\u0000字', 50, ['input', 'description'], '介绍'))?.code).toBe('INVALID_INPUT');
  });

  it('keeps, clears or sets optional text', () => {
    expect(optionalText(undefined, 5, ['f'], '备注')).toBeUndefined();
    expect(optionalText('  ', 5, ['f'], '备注')).toBeNull();
    expect(errorOf(() => optionalText('一二三四五六', 5, ['f'], '备注'))?.message).toBe('备注最多 5 个字');
  });

  it('accepts real calendar dates only', () => {
    expect(validDate('2026-02-28', ['d'], '日期')).toBe('2026-02-28');
    expect(errorOf(() => validDate('2026-02-30', ['d'], '签订日期'))?.message).toBe('签订日期应为有效日期 YYYY-MM-DD');
    expect(errorOf(() => validDate('26-2-1', ['d'], '日期'))?.code).toBe('INVALID_INPUT');
  });

  it('normalizes phone numbers the way people type them', () => {
    expect(validMobile('+86 138-0013-8000', ['p'])).toBe('13800138000');
    expect(errorOf(() => validMobile('12800138000', ['input', 'phone']))?.field).toEqual(['input', 'phone']);
    expect(validContactPhone('0871-65551234', ['p'])).toBe('087165551234');
    expect(errorOf(() => validContactPhone('12345', ['p']))?.code).toBe('INVALID_INPUT');
  });

  it('turns a unique violation into DUPLICATE and lets other faults through', async () => {
    const duplicate = await uniquely(() => Promise.reject(Object.assign(new Error('duplicate key value'), { code: '23505' })), '已存在', ['input', 'name']).catch((e) => e);
    expect(duplicate).toBeInstanceOf(UserFacingError);
    expect(duplicate.errors[0]).toEqual({ code: 'DUPLICATE', message: '已存在', field: ['input', 'name'] });
    const other = await uniquely(() => Promise.reject(new Error('connection lost')), '已存在', ['x']).catch((e) => e);
    expect(other.message).toBe('connection lost');
  });
});
