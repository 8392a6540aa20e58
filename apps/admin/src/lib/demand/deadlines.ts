/** The deadline facts of a demand that its badges are drawn from (fields of the API's `Demand`). */
import { m } from '../i18n';
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
  if (abs >= 48 * HOUR) return m.span_days({ n: Math.floor(abs / (24 * HOUR)) });
  if (abs >= HOUR) return m.span_hours({ n: Math.floor(abs / HOUR) });
  return m.span_minutes({ n: Math.max(1, Math.floor(abs / 60_000)) });
}

/** Read at render time, in the language of the request or page. */
export const ESCALATION_LABEL: Readonly<Record<number, string>> = {
  get 1() { return m.esc_community(); },
  get 2() { return m.esc_street(); },
};

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
      badges.push({ tone: 'overdue', text: (responding ? m.dl_response_overdue : m.dl_resolve_overdue)({ span: spanText(Math.min(left, -60_000)) }) });
    } else {
      badges.push({ tone: left < 4 * HOUR ? 'soon' : 'due', text: (responding ? m.dl_respond_within : m.dl_resolve_within)({ span: spanText(left) }) });
    }
  }
  if (d.escalationLevel > 0) badges.push({ tone: 'escalated', text: ESCALATION_LABEL[d.escalationLevel] ?? m.esc_level({ n: d.escalationLevel }) });
  return badges;
}
