import type { DemandCategory, DemandEventKind, DemandState } from '$lib/gql/graphql';
import { DEMAND_CATEGORY_LABEL } from '@tongxin/ui';

/** Problem categories in Chinese, as the admin site names them. */
export const DEMAND_CATEGORY_LABELS: Readonly<Record<DemandCategory, string>> = DEMAND_CATEGORY_LABEL;

export const DEMAND_CATEGORIES = Object.keys(DEMAND_CATEGORY_LABELS) as DemandCategory[];

export function parseDemandCategory(value: string | null): DemandCategory | null {
  return value && (DEMAND_CATEGORIES as string[]).includes(value) ? (value as DemandCategory) : null;
}

/**
 * What a resident reads for each state: plain words about their problem, not the office's workflow
 * (ACCEPTED and ASSIGNED are both "being handled" from the doorstep).
 */
export const RESIDENT_STATE: Readonly<Record<DemandState, { label: string; explain: string; tone: 'info' | 'warn' | 'success' | 'muted' }>> = {
  SUBMITTED: { label: '已提交', explain: '社区已经收到，会在 24 小时内回应。', tone: 'info' },
  ACCEPTED: { label: '已受理', explain: '社区已受理，正在安排人员办理。', tone: 'info' },
  ASSIGNED: { label: '已派单', explain: '已交给负责的人员或单位办理。', tone: 'info' },
  IN_PROGRESS: { label: '办理中', explain: '正在办理，有进展会在下面回复。', tone: 'warn' },
  RESOLVED: { label: '已办结', explain: '问题已经处理好了。请给这次办理打个分。', tone: 'success' },
  CLOSED: { label: '已完结', explain: '这件事已经完结，感谢您的反映。', tone: 'muted' },
  REJECTED: { label: '未受理', explain: '这件事社区没有受理，原因见下面的回复。', tone: 'muted' },
  REOPENED: { label: '重新办理', explain: '您对结果不满意，已经重新交给办理人员。', tone: 'warn' },
  DUPLICATE: { label: '已合并', explain: '同样的问题已经有人反映过，会一起办理。', tone: 'muted' },
};

/** A title for the staff's list, from the first sentence of what the resident wrote (at most 30 characters). */
export function deriveTitle(description: string): string {
  const flat = description.replace(/\s+/g, ' ').trim();
  const firstSentence = flat.split(/[。！？!?；;\n]/)[0]?.trim() || flat;
  const chars = Array.from(firstSentence);
  return chars.length <= 30 ? firstSentence : `${chars.slice(0, 29).join('')}…`;
}

/** Ticket codes are read aloud and typed on phones: ignore case, spaces and dashes. */
export function normalizeTicket(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\-_]/g, '').toUpperCase();
}

export function looksLikeTicket(code: string): boolean {
  return /^[A-Z0-9]{6,20}$/.test(code);
}

/** One public step of a demand's timeline (the API's PublicDemandEvent). */
export interface PublicStep {
  kind: DemandEventKind;
  toState?: DemandState | null;
  body?: string | null;
  actorRole: string;
}

/** A sentence for one public step: who (by role only) did what. */
export function timelineText(step: PublicStep): string {
  const who = step.actorRole;
  const said = step.body ? `：${step.body}` : '';
  switch (step.kind) {
    case 'CREATED':
      return `${who}提交了反映`;
    case 'TRANSITION':
      return step.toState ? `${who}将进度更新为“${RESIDENT_STATE[step.toState].label}”${said}` : `${who}更新了进度${said}`;
    case 'ASSIGNED':
      return `${who}安排了办理人员`;
    case 'REPLY':
      return `${who}回复了您`;
    case 'ESCALATED':
      return '超过办理期限，已提交上级党组织督办';
    case 'RATED':
      return `${who}评价了办理结果`;
    case 'REOPENED':
      return `重新办理${said}`;
    case 'DUPLICATE_LINKED':
      return '与同样问题的反映合并办理';
    case 'DEADLINE_CHANGED':
      return '办理期限有调整';
    default:
      return `${who}更新了进度`;
  }
}
