/**
 * Access policy of the personal-data audit log: committee admins over the node a record hangs on read its
 * rows; nobody writes them through the API (the listener inserts them, the database refuses changes).
 */
import { definePolicy, GrantRole } from '../access/index.js';
import { underNode } from '../org/index.js';
import { PersonalDataAuditEntity } from './audit.entity.js';

definePolicy<PersonalDataAuditEntity>({
  type: 'PersonalDataAudit',
  table: 'personal_data_audit',
  entity: PersonalDataAuditEntity,
  read: underNode((_ctx, a) => a.orgNodeId, (t) => `${t}.org_node_id`, [GrantRole.COMMITTEE_ADMIN]),
});
