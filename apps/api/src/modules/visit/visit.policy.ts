/**
 * Access policy of visits: staff whose grants cover the node the visit counts under read it; committee admins,
 * branch secretaries and grid workers (who do the visiting) record them. Partners never see visits.
 */
import { definePolicy, PERSONAL_DATA_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { VisitEntity } from './visit.entity.js';

definePolicy<VisitEntity>({
  type: 'Visit',
  table: 'visit',
  entity: VisitEntity,
  read: underNode((_ctx, v) => v.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, v) => v.orgNodeId, (t) => `${t}.org_node_id`, PERSONAL_DATA_ROLES),
});
