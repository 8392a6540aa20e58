import { describe, expect, it } from 'vitest';
import { deadlineBadges } from './deadlines';

const now = new Date('2026-12-03T10:00:00Z');
const base = {
  state: 'SUBMITTED',
  firstResponseDueAt: '2026-12-04T08:00:00Z',
  resolutionDueAt: '2026-12-10T10:00:00Z',
  firstRespondedAt: null,
  resolvedAt: null,
  escalationLevel: 0,
  overdue: false,
};

describe('deadline badges', () => {
  it('counts down to the first response while nobody has answered', () => {
    expect(deadlineBadges(base, now)).toEqual([{ tone: 'due', text: '22 小时内回应' }]);
  });

  it('counts down to the resolution once answered, in days when far', () => {
    expect(deadlineBadges({ ...base, state: 'IN_PROGRESS', firstRespondedAt: '2026-12-03T09:00:00Z' }, now)).toEqual([
      { tone: 'due', text: '7 天内办结' },
    ]);
  });

  it('warns when less than four hours are left', () => {
    expect(deadlineBadges({ ...base, firstResponseDueAt: '2026-12-03T12:30:00Z' }, now)[0]).toEqual({ tone: 'soon', text: '2 小时内回应' });
  });

  it('says how long it is overdue, and that it was escalated', () => {
    expect(
      deadlineBadges({ ...base, state: 'ASSIGNED', resolutionDueAt: '2026-11-30T10:00:00Z', escalationLevel: 1, overdue: true }, now),
    ).toEqual([
      { tone: 'overdue', text: '办结已超时 3 天' },
      { tone: 'escalated', text: '已升级至社区党委' },
    ]);
  });

  it('shows no clock on a finished demand, but keeps its escalation', () => {
    expect(deadlineBadges({ ...base, state: 'RESOLVED', resolutionDueAt: '2026-11-30T10:00:00Z', escalationLevel: 2 }, now)).toEqual([
      { tone: 'escalated', text: '已升级至街道党工委' },
    ]);
  });
});
