/**
 * The one transition table of public decisions (一征三议两公开):
 * DRAFT -> SOLICITING (一征: opinions open) -> PROPOSED (党组织提议) -> DELIBERATED (两委会商议, one or more rounds)
 * -> RESOLVED (党员大会 / 居民代表会议决议, with votes) -> DECISION_PUBLISHED (决议公开) -> RESULT_PUBLISHED (实施结果公开).
 * The API's check, each decision's `allowedActions` and docs/decisions.md all come from here.
 */
import { DecisionState, DecisionStepKind } from './decision.entity.js';

export enum DecisionAction {
  OPEN_SOLICITATION = 'OPEN_SOLICITATION',
  PROPOSE = 'PROPOSE',
  DELIBERATE = 'DELIBERATE',
  RESOLVE = 'RESOLVE',
  PUBLISH_DECISION = 'PUBLISH_DECISION',
  PUBLISH_RESULT = 'PUBLISH_RESULT',
}

export interface DecisionTransition { from: DecisionState; action: DecisionAction; to: DecisionState; step: DecisionStepKind }

const S = DecisionState;
const A = DecisionAction;
const K = DecisionStepKind;
const t = (from: DecisionState, action: DecisionAction, to: DecisionState, step: DecisionStepKind): DecisionTransition => ({ from, action, to, step });

export const DECISION_TRANSITIONS: readonly DecisionTransition[] = Object.freeze([
  t(S.DRAFT, A.OPEN_SOLICITATION, S.SOLICITING, K.SOLICITATION),
  t(S.SOLICITING, A.PROPOSE, S.PROPOSED, K.PROPOSAL),
  t(S.PROPOSED, A.DELIBERATE, S.DELIBERATED, K.DELIBERATION),
  t(S.DELIBERATED, A.DELIBERATE, S.DELIBERATED, K.DELIBERATION),
  t(S.DELIBERATED, A.RESOLVE, S.RESOLVED, K.RESOLUTION),
  t(S.RESOLVED, A.PUBLISH_DECISION, S.DECISION_PUBLISHED, K.DECISION_NOTICE),
  t(S.DECISION_PUBLISHED, A.PUBLISH_RESULT, S.RESULT_PUBLISHED, K.RESULT_NOTICE),
]);

export function findDecisionTransition(from: DecisionState, action: DecisionAction): DecisionTransition | undefined {
  return DECISION_TRANSITIONS.find((x) => x.from === from && x.action === action);
}

/** States before the deliberation (商议) is on record: the decision may not be published from these. */
export const BEFORE_DELIBERATION: readonly DecisionState[] = [S.DRAFT, S.SOLICITING, S.PROPOSED];

/** Steps that become public with the decision notice (决议公开). */
export const PUBLISHED_WITH_DECISION: readonly DecisionStepKind[] = [K.PROPOSAL, K.DELIBERATION, K.RESOLUTION, K.DECISION_NOTICE];

/** The table as docs/decisions.md shows it (a test keeps the two the same). */
export function decisionTableMarkdown(): string {
  const lines = ['| from | action | to | record |', '| --- | --- | --- | --- |'];
  for (const x of DECISION_TRANSITIONS) lines.push(`| ${x.from} | ${x.action} | ${x.to} | ${x.step} |`);
  return lines.join('\n');
}
