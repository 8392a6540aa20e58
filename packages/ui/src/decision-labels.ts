/** Chinese labels of the public-decision enums (一征三议两公开). */

export const DECISION_STATE_LABEL = {
  DRAFT: '草稿',
  SOLICITING: '征求意见中',
  PROPOSED: '已提议',
  DELIBERATED: '已商议',
  RESOLVED: '已决议',
  DECISION_PUBLISHED: '决议已公开',
  RESULT_PUBLISHED: '结果已公开',
} as const;
export type DecisionState = keyof typeof DECISION_STATE_LABEL;

export const DECISION_ACTION_LABEL = {
  OPEN_SOLICITATION: '征求意见',
  PROPOSE: '党组织提议',
  DELIBERATE: '两委会商议',
  RESOLVE: '会议决议',
  PUBLISH_DECISION: '决议公开',
  PUBLISH_RESULT: '实施结果公开',
} as const;
export type DecisionAction = keyof typeof DECISION_ACTION_LABEL;

export const DECISION_STEP_KIND_LABEL = {
  SOLICITATION: '一征·征求意见',
  PROPOSAL: '一议·党组织提议',
  DELIBERATION: '二议·两委会商议',
  RESOLUTION: '三议·会议决议',
  DECISION_NOTICE: '一公开·决议公开',
  RESULT_NOTICE: '二公开·实施结果公开',
} as const;
export type DecisionStepKind = keyof typeof DECISION_STEP_KIND_LABEL;

export const DECISION_ENUM_LABELS = {
  DecisionState: DECISION_STATE_LABEL,
  DecisionAction: DECISION_ACTION_LABEL,
  DecisionStepKind: DECISION_STEP_KIND_LABEL,
} as const;
