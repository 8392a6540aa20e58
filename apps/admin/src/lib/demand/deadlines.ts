/** The deadline facts of a demand that its badges are drawn from (fields of the API's `Demand`). */
export interface DeadlineFacts {
  state: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstRespondedAt?: string | null;
  resolvedAt?: string | null;
  escalationLevel: number;
  overdue: boolean;
}

export type BadgeTone = 'due' | 'soon' | 'overdue' | 'escalated';

export interface DeadlineBadge {
  tone: BadgeTone;
  text: string;
}

/** States in which nobody has to do anything any more: no clock runs. */
const FINISHED = new Set(['RESOLVED', 'CLOSED', 'REJECTED', 'DUPLICATE']);

const HOUR = 3600_000;

/** 3 天 / 5 小时 / 20 分钟: how long, in the largest unit that is at least 1. */
export function spanText(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 48 * HOUR) return `${Math.floor(abs / (24 * HOUR))} 天`;
  if (abs >= HOUR) return `${Math.floor(abs / HOUR)} 小时`;
  return `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
}

export const ESCALATION_LABEL: Readonly<Record<number, string>> = { 1: '已升级至社区党委', 2: '已升级至街道党工委' };

/**
 * The badges a worker sees beside a demand: the next deadline ("24 小时内回应", "3 天后到期") or how long it is
 * overdue, and how far it was escalated. A finished demand has no clock; its escalation stays as history.
 */
export function deadlineBadges(d: DeadlineFacts, now: Date = new Date()): DeadlineBadge[] {
  const badges: DeadlineBadge[] = [];
  if (!FINISHED.has(d.state)) {
    const responding = !d.firstRespondedAt && d.state === 'SUBMITTED';
    const due = new Date(responding ? d.firstResponseDueAt : d.resolutionDueAt);
    const left = due.getTime() - now.getTime();
    if (left < 0 || d.overdue) {
      badges.push({ tone: 'overdue', text: `${responding ? '回应' : '办结'}已超时 ${spanText(Math.min(left, -60_000))}` });
    } else {
      badges.push({ tone: left < 4 * HOUR ? 'soon' : 'due', text: `${spanText(left)}内${responding ? '回应' : '办结'}` });
    }
  }
  if (d.escalationLevel > 0) badges.push({ tone: 'escalated', text: ESCALATION_LABEL[d.escalationLevel] ?? `已升级 ${d.escalationLevel} 级` });
  return badges;
}
