/**
 * The one transition table of hazards (安全隐患): FOUND -> ASSIGNED -> FIXED -> VERIFIED, or REJECTED (not a
 * hazard after all). A fix that fails verification goes back to ASSIGNED. The API's check, each hazard's
 * `allowedActions`, the `hazardTransitions` query and docs/governance.md all come from here.
 */
import { HazardState } from './hazard.entity.js';

export enum HazardAction { ASSIGN = 'ASSIGN', FIX = 'FIX', VERIFY = 'VERIFY', RETURN = 'RETURN', REJECT = 'REJECT' }

export type HazardNeed = 'assignee' | 'note';

export interface HazardTransition { from: HazardState; action: HazardAction; to: HazardState; needs: HazardNeed[] }

const S = HazardState;
const A = HazardAction;
const t = (from: HazardState, action: HazardAction, to: HazardState, needs: HazardNeed[] = []): HazardTransition => ({ from, action, to, needs });

export const HAZARD_TRANSITIONS: readonly HazardTransition[] = Object.freeze([
  t(S.FOUND, A.ASSIGN, S.ASSIGNED, ['assignee']),
  t(S.FOUND, A.FIX, S.FIXED),
  t(S.FOUND, A.REJECT, S.REJECTED, ['note']),
  t(S.ASSIGNED, A.ASSIGN, S.ASSIGNED, ['assignee']),
  t(S.ASSIGNED, A.FIX, S.FIXED),
  t(S.ASSIGNED, A.REJECT, S.REJECTED, ['note']),
  t(S.FIXED, A.VERIFY, S.VERIFIED),
  t(S.FIXED, A.RETURN, S.ASSIGNED, ['note']),
]);

export function findHazardTransition(from: HazardState, action: HazardAction): HazardTransition | undefined {
  return HAZARD_TRANSITIONS.find((x) => x.from === from && x.action === action);
}

export const OPEN_HAZARD_STATES = [S.FOUND, S.ASSIGNED];

/** The table as docs/governance.md shows it (a test keeps the two the same). */
export function hazardTableMarkdown(): string {
  const lines = ['| from | action | to | needs |', '| --- | --- | --- | --- |'];
  for (const x of HAZARD_TRANSITIONS) lines.push(`| ${x.from} | ${x.action} | ${x.to} | ${x.needs.join(', ') || '—'} |`);
  return lines.join('\n');
}
