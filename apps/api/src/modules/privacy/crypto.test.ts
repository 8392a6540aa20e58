import { describe, expect, it } from 'vitest';
import { configureDataKey, generateDataKey, lookupHash, normalizePhone, parseDataKey, seal, unseal } from './crypto.js';
import { maskIdNumber } from './mask.js';

describe('personal data at rest', () => {
  it('seals so the stored bytes hold no clear text, and opens again', () => {
    configureDataKey(generateDataKey());
    const sealed = seal('13800138000');
    expect(sealed.toString('latin1')).not.toContain('13800138000');
    expect(sealed.toString('hex')).not.toContain(Buffer.from('13800138000').toString('hex'));
    expect(unseal(sealed)).toBe('13800138000');
    // a fresh nonce each time: equal phones are not equal bytes
    expect(seal('13800138000').equals(sealed)).toBe(false);
  });

  it('refuses a value sealed under another key or altered', () => {
    configureDataKey(generateDataKey());
    const sealed = seal('独居老人');
    const altered = Buffer.from(sealed);
    altered[20] ^= 1;
    expect(() => unseal(altered)).toThrow();
    configureDataKey(generateDataKey());
    expect(() => unseal(sealed)).toThrow();
  });

  it('hashes the same phone typed two ways alike, and differs per key', () => {
    const key = generateDataKey();
    configureDataKey(key);
    const a = lookupHash('phone', normalizePhone('+86 138-0013-8000'));
    expect(a.equals(lookupHash('phone', normalizePhone('13800138000')))).toBe(true);
    expect(a.equals(lookupHash('id_number', '13800138000'))).toBe(false);
    configureDataKey(generateDataKey());
    expect(a.equals(lookupHash('phone', '13800138000'))).toBe(false);
  });

  it('accepts only 32-byte keys', () => {
    expect(parseDataKey('short')).toBeNull();
    expect(parseDataKey('a'.repeat(64))).not.toBeNull();
    expect(() => configureDataKey('not-a-key')).toThrow(/DATA_KEY/);
  });

  it('masks ID numbers', () => {
    expect(maskIdNumber('11010119900307123X')).toBe('1101**********123X');
  });
});
