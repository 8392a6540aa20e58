/** What hazards and patrols add to the org chain: tenant tables and the open hazards in each node's stats. */
import { registerTenantTable } from '../org/index.js';

registerTenantTable({ table: 'hazard', via: 'org_node_id' });
registerTenantTable({ table: 'patrol', via: 'org_node_id' });
