import { describe, expect, it } from 'vitest';
import { parseUnitParams, unitSearch } from './filters';

describe('unit list filters', () => {
  it('reads known values from the address and ignores the rest', () => {
    const p = parseUnitParams(new URLSearchParams('kind=HOSPITAL&agreement=EXPIRED&community=abc&x=1'));
    expect(p).toEqual({ kind: 'HOSPITAL', agreement: 'EXPIRED', community: 'abc' });
    expect(parseUnitParams(new URLSearchParams('kind=SPACESHIP&agreement=maybe'))).toEqual({ kind: null, agreement: null, community: null });
  });

  it('writes the address back, leaving empty filters out', () => {
    const p = parseUnitParams(new URLSearchParams('kind=HOSPITAL'));
    expect(unitSearch(p)).toBe('?kind=HOSPITAL');
    expect(unitSearch(p, { kind: null })).toBe('');
    expect(unitSearch(p, { agreement: 'ACTIVE' })).toBe('?kind=HOSPITAL&agreement=ACTIVE');
  });
});
