/**
 * Access policy of public decisions (一征三议两公开).
 *
 * - Decision: once its solicitation is open (any state but DRAFT) everyone reads it, and sees only its public
 *   steps (decision.service.ts `stepsOf`); staff whose grants cover the owner node read it whole; committee
 *   admins and branch secretaries over the owner node change it. A draft is staff-only.
 * - DecisionOpinion (residents' opinions, with optional sealed name and phone): staff over the owner node read
 *   them; roles that need contact details see the name in clear (announced); never the public or partners.
 */
import { anyOf, definePolicy, PERSONAL_DATA_ROLES, rule, WRITE_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { DecisionEntity, DecisionOpinionEntity, DecisionState } from './decision.entity.js';

/** Public once its solicitation is open: the notice asks residents for opinions. */
export const isPublicDecision = (d: Pick<DecisionEntity, 'state'>): boolean => d.state !== DecisionState.DRAFT;

const publicDecision = rule<DecisionEntity>(
  (_ctx, d) => isPublicDecision(d),
  (_ctx, t) => ({ sql: `(${t}.state <> 'DRAFT')`, params: [] }),
);

definePolicy<DecisionEntity>({
  type: 'Decision',
  table: 'decision',
  entity: DecisionEntity,
  read: anyOf(publicDecision, underNode((_ctx, d) => d.orgNodeId, (t) => `${t}.org_node_id`)),
  write: underNode((_ctx, d) => d.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
});

definePolicy<DecisionOpinionEntity>({
  type: 'DecisionOpinion',
  table: 'decision_opinion',
  entity: DecisionOpinionEntity,
  read: underNode((_ctx, o) => o.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, o) => o.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
  reveal: underNode((_ctx, o) => o.orgNodeId, (t) => `${t}.org_node_id`, PERSONAL_DATA_ROLES),
});
