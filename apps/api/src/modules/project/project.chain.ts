/** What the Party-building project ledger adds to the org chain: its tenant table. */
import { registerTenantTable } from '../org/index.js';

// a project belongs to the community of its owner node
registerTenantTable({ table: 'party_project', via: 'org_node_id' });
