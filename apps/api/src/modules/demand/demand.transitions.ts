/**
 * The one transition table of resident demands. The API's check (`transitionDemand`), each demand's
 * `allowedActions`, the `demandTransitions` query and the table in docs/demands.md all come from here
 * (demand.transitions.test.ts compares the docs with this table).
 */
import { DemandState } from './demand.entity.js';

export enum DemandAction {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  MARK_DUPLICATE = 'MARK_DUPLICATE',
  ASSIGN = 'ASSIGN',
  START = 'START',
  RESOLVE = 'RESOLVE',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

/** What a step needs besides the demand and its version. */
export type TransitionNeed = 'reason' | 'duplicateOf' | 'assignee';

export interface DemandTransition {
  from: DemandState;
  action: DemandAction;
  to: DemandState;
  needs: TransitionNeed[];
  /** A partner token with `demands:write` may take this step on a demand assigned to its unit. */
  partner: boolean;
}

const S = DemandState;
const A = DemandAction;
const t = (from: DemandState, action: DemandAction, to: DemandState, needs: TransitionNeed[] = [], partner = false): DemandTransition => ({ from, action, to, needs, partner });

export const DEMAND_TRANSITIONS: readonly DemandTransition[] = Object.freeze([
  t(S.SUBMITTED, A.ACCEPT, S.ACCEPTED),
  t(S.SUBMITTED, A.REJECT, S.REJECTED, ['reason']),
  t(S.SUBMITTED, A.MARK_DUPLICATE, S.DUPLICATE, ['duplicateOf']),
  t(S.ACCEPTED, A.ASSIGN, S.ASSIGNED, ['assignee']),
  t(S.ACCEPTED, A.START, S.IN_PROGRESS),
  t(S.ACCEPTED, A.REJECT, S.REJECTED, ['reason']),
  t(S.ACCEPTED, A.MARK_DUPLICATE, S.DUPLICATE, ['duplicateOf']),
  t(S.ASSIGNED, A.ASSIGN, S.ASSIGNED, ['assignee']),
  t(S.ASSIGNED, A.START, S.IN_PROGRESS),
  t(S.IN_PROGRESS, A.ASSIGN, S.ASSIGNED, ['assignee']),
  t(S.IN_PROGRESS, A.RESOLVE, S.RESOLVED, [], true),
  t(S.RESOLVED, A.CLOSE, S.CLOSED),
  t(S.RESOLVED, A.REOPEN, S.REOPENED, ['reason']),
  t(S.REOPENED, A.START, S.IN_PROGRESS),
  t(S.REOPENED, A.ASSIGN, S.ASSIGNED, ['assignee']),
]);

/** The step `action` from `from`, or undefined when the table has none. */
export function findTransition(from: DemandState, action: DemandAction): DemandTransition | undefined {
  return DEMAND_TRANSITIONS.find((x) => x.from === from && x.action === action);
}

/** Every step the table allows from `from`, in table order. */
export function transitionsFrom(from: DemandState): DemandTransition[] {
  return DEMAND_TRANSITIONS.filter((x) => x.from === from);
}

/** States no step leaves. */
export const FINAL_STATES: DemandState[] = Object.values(DemandState).filter((s) => transitionsFrom(s).length === 0);

/** Chinese names of actions and states, for messages (shared with the front ends). */
export { DEMAND_ACTION_LABEL as ACTION_LABEL, DEMAND_STATE_LABEL as STATE_LABEL } from '@tongxin/ui';

const NEED_LABEL: Record<TransitionNeed, string> = { reason: 'reason 原因', duplicateOf: 'duplicateOfId 原诉求', assignee: 'assignee 指派对象' };

/** The table as docs/demands.md shows it (a test keeps the two the same). */
export function transitionTableMarkdown(): string {
  const lines = ['| from | action | to | needs | partner |', '| --- | --- | --- | --- | --- |'];
  for (const t of DEMAND_TRANSITIONS) {
    lines.push(`| ${t.from} | ${t.action} | ${t.to} | ${t.needs.map((n) => NEED_LABEL[n]).join(', ') || '—'} | ${t.partner ? 'yes' : '—'} |`);
  }
  return lines.join('\n');
}
