/** Tenant keys of the outbox: messages follow the activity (or demand) they are about. */
import { registerTenantTable } from '../org/index.js';

registerTenantTable({
  table: 'notification',
  via: { sql: `t.activity_id in (select a.id from activity a where a.organizer_id in (select id from moved))
               or t.demand_id in (select d.id from demand d where d.org_node_id in (select id from moved))` },
});
