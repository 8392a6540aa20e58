/** The service menu's tenant tables. */
import { registerTenantTable } from '../org/index.js';

registerTenantTable({ table: 'service_offer', fixed: "an item of a community's own service menu" });
registerTenantTable({ table: 'service_order', via: { sql: 'exists (select 1 from demand sd where sd.id = t.demand_id and sd.org_node_id in (select id from moved))' } });
