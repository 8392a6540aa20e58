/** What demands add to the org chain: their tenant tables (the roll-up counts live with the demand metrics). */
import { registerTenantTable } from '../org/index.js';

// a demand belongs to the community of the node it hangs on
registerTenantTable({ table: 'demand', via: 'org_node_id' });
registerTenantTable({ table: 'demand_deadline', fixed: "a community's own settings: they do not follow a branch that moves" });
