import { afterEach, describe, expect, it } from 'vitest';
import { excerpt, formatRange, normalizeCode, normalizePhone } from './format';

const now = new Date('2025-11-20T04:00:00Z');
const originalTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTz;
});

describe('dates in Chinese, Beijing time', () => {
  it('writes a same-day activity as one day with a time span', () => {
    expect(formatRange('2025-11-28T01:00:00Z', '2025-11-28T03:30:00Z', now)).toBe('11月28日 周五 09:00–11:30');
  });

  it('does not depend on the server time zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(formatRange('2025-11-27T23:00:00Z', '2025-11-28T01:00:00Z', now)).toBe('11月28日 周五 07:00–09:00');
  });

  it('names both days when an activity runs past midnight, and the year when it is not this year', () => {
    expect(formatRange('2026-01-02T12:00:00Z', '2026-01-02T17:00:00Z', now)).toBe(
      '2026年1月2日 周五 20:00 – 2026年1月3日 周六 01:00',
    );
  });
});

describe('what residents type', () => {
  it('accepts phone numbers with spaces, dashes, +86 and full-width digits', () => {
    expect(normalizePhone('138 1234 5678')).toBe('13812345678');
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('１３８１２３４５６７８')).toBe('13812345678');
  });

  it('accepts confirmation codes in any case with spaces', () => {
    expect(normalizeCode(' k7pm 3qxa ')).toBe('K7PM3QXA');
  });

  it('shortens descriptions without breaking characters', () => {
    expect(excerpt('一二三四五六', 4)).toBe('一二三…');
    expect(excerpt('短文', 4)).toBe('短文');
  });
});
