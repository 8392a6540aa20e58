/**
 * Access policy of the project ledger: staff whose grants cover the owner node read a project; committee admins
 * and branch secretaries change it. A partner token with unit:read reads the projects of its community that
 * name its unit as a partner (`unit_ids`).
 */
import { definePolicy, WRITE_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { PartyProjectEntity } from './project.entity.js';

definePolicy<PartyProjectEntity>({
  type: 'PartyProject',
  table: 'party_project',
  entity: PartyProjectEntity,
  read: underNode((_ctx, p) => p.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, p) => p.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
  unit: {
    unitIdsOf: (_ctx, p) => p.unitIds,
    communityIdsOf: (_ctx, p) => [p.communityId],
    unitSql: (t) => `? = any(${t}.unit_ids)`,
    communitySql: (t) => `${t}.community_id = ?`,
    scopes: { read: 'unit:read' },
  },
});
