/**
 * Access policy of hazards and patrols: staff whose grants cover the node read them; committee admins, branch
 * secretaries and grid workers (who find and follow them up) change them. Partners see neither.
 */
import { definePolicy, PERSONAL_DATA_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { HazardEntity, PatrolEntity } from './hazard.entity.js';

const WORKERS = PERSONAL_DATA_ROLES;

definePolicy<HazardEntity>({
  type: 'Hazard',
  table: 'hazard',
  entity: HazardEntity,
  read: underNode((_ctx, h) => h.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, h) => h.orgNodeId, (t) => `${t}.org_node_id`, WORKERS),
});

definePolicy<PatrolEntity>({
  type: 'Patrol',
  table: 'patrol',
  entity: PatrolEntity,
  read: underNode((_ctx, p) => p.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, p) => p.orgNodeId, (t) => `${t}.org_node_id`, WORKERS),
});
