/** What visits add to the org chain: their tenant table. */
import { registerTenantTable } from '../org/index.js';

// a visit belongs to the community of the node it is counted under
registerTenantTable({ table: 'visit', via: 'org_node_id' });
