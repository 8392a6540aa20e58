import { describe, expect, it } from 'vitest';
import { deriveTitle, looksLikeTicket, normalizeTicket, timelineText } from './demand';

describe('resident demand helpers', () => {
  it('takes the title from the first sentence, at most 30 characters', () => {
    expect(deriveTitle('楼道里堆了纸箱。影响通行')).toBe('楼道里堆了纸箱');
    expect(Array.from(deriveTitle('很'.repeat(40)))).toHaveLength(30);
  });

  it('reads ticket codes however they are typed', () => {
    expect(normalizeTicket(' u4w2-skbp ')).toBe('U4W2SKBP');
    expect(normalizeTicket('ＵＷ２３ ４５６７')).toBe('UW234567');
    expect(looksLikeTicket('U4W2SKBP')).toBe(true);
    expect(looksLikeTicket('U4W')).toBe(false);
  });

  it('tells each public step by role, never by name', () => {
    expect(timelineText({ kind: 'TRANSITION', toState: 'IN_PROGRESS', actorRole: '合作单位' })).toBe('合作单位将进度更新为“办理中”');
    expect(timelineText({ kind: 'REJECTED' as never, actorRole: '社区工作人员' })).toBe('社区工作人员更新了进度');
  });
});
