/**
 * Access policy of meetings and their schedules.
 *
 * - read: staff whose grants cover the host node; a partner token with unit:read reads the meetings of its
 *   community that its unit takes part in (`unit_ids`, kept from the UNIT attendees).
 * - write: committee admins and branch secretaries over the host node.
 */
import { definePolicy, WRITE_ROLES } from '../access/index.js';
import { underNode } from '../org/index.js';
import { MeetingEntity, MeetingScheduleEntity } from './meeting.entity.js';

definePolicy<MeetingEntity>({
  type: 'Meeting',
  table: 'meeting',
  entity: MeetingEntity,
  read: underNode((_ctx, m) => m.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, m) => m.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
  unit: {
    unitIdsOf: (_ctx, m) => m.unitIds,
    communityIdsOf: (_ctx, m) => [m.communityId],
    unitSql: (t) => `? = any(${t}.unit_ids)`,
    communitySql: (t) => `${t}.community_id = ?`,
    scopes: { read: 'unit:read' },
  },
});

definePolicy<MeetingScheduleEntity>({
  type: 'MeetingSchedule',
  table: 'meeting_schedule',
  entity: MeetingScheduleEntity,
  read: underNode((_ctx, s) => s.orgNodeId, (t) => `${t}.org_node_id`),
  write: underNode((_ctx, s) => s.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
});
