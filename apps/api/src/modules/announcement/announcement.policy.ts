/**
 * Access policy of announcements. Published public ones (until they expire): everyone, the events site
 * included. Published members' ones: every signed-in account whose grant lies in the author node's subtree (the
 * branch's members) or covers it. Staff over the author node read all of its announcements, staff audience,
 * drafts and expired ones included; committee admins and secretaries over it change them.
 */
import { anyOf, definePolicy, NEVER, rule, WRITE_ROLES } from '../access/index.js';
import { loadNode, underNode } from '../org/index.js';
import { AnnouncementAudience, AnnouncementEntity, isLive, LIVE_SQL } from './announcement.entity.js';

definePolicy<AnnouncementEntity>({
  type: 'Announcement',
  table: 'announcement',
  entity: AnnouncementEntity,
  read: anyOf(
    rule(
      (_ctx, a) => a.audience === AnnouncementAudience.PUBLIC && isLive(a),
      (_ctx, t) => ({ sql: `(${t}.audience = 'PUBLIC' and ${LIVE_SQL(t)})`, params: [] }),
    ),
    rule(
      async (ctx, a) => {
        if (a.audience !== AnnouncementAudience.MEMBERS || !isLive(a) || !ctx.access.isStaff) return false;
        const node = await loadNode(ctx, a.orgNodeId);
        return node != null && ctx.access.grants.some((g) => g.path.startsWith(node.path));
      },
      (ctx, t) => {
        const paths = ctx.access.grants.map((g) => g.path);
        if (!paths.length) return NEVER;
        return {
          sql: `(${t}.audience = 'MEMBERS' and ${LIVE_SQL(t)} and exists (select 1 from org_node an where an.id = ${t}.org_node_id and (${paths.map(() => 'starts_with(?::text, an.path)').join(' or ')})))`,
          params: paths,
        };
      },
    ),
    underNode((_ctx, a) => a.orgNodeId, (t) => `${t}.org_node_id`),
  ),
  write: underNode((_ctx, a) => a.orgNodeId, (t) => `${t}.org_node_id`, WRITE_ROLES),
});
