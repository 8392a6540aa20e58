import { describe, expect, it } from 'vitest';
import { listSearch, parseListParams, toDemandFilter } from './filters';

describe('demand list filters', () => {
  it('reads the address into the API filter, ignoring what it does not know', () => {
    const p = parseListParams(new URLSearchParams('state=ASSIGNED&category=SAFETY&channel=NOPE&assignee=unit:Q29CdWlsZGluZ1VuaXQ6Mw&overdue=1&q=%20楼道%20'));
    expect(toDemandFilter(p)).toEqual({ states: ['ASSIGNED'], categories: ['SAFETY'], assignedUnitId: 'Q29CdWlsZGluZ1VuaXQ6Mw', overdue: true, query: '楼道' });
    expect(toDemandFilter(p, { withState: false }).states).toBeUndefined();
    expect(toDemandFilter(parseListParams(new URLSearchParams('assignee=me'))).assignedToMe).toBe(true);
    expect(toDemandFilter(parseListParams(new URLSearchParams('assignee=<script>'))).assignedToMe).toBeUndefined();
  });

  it('writes the same parameters back, so the board links and the export keep the other filters', () => {
    const p = parseListParams(new URLSearchParams('category=SAFETY&escalated=1'));
    expect(listSearch(p, { state: 'SUBMITTED' })).toBe('?state=SUBMITTED&category=SAFETY&escalated=1');
    expect(listSearch(p, { category: null, escalated: false })).toBe('');
  });
});
