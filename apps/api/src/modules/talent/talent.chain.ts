/** The talent pool's tenant tables: a community's own calls, teams and applicants. */
import { registerTenantTable } from '../org/index.js';

registerTenantTable({ table: 'recruitment_call', fixed: "a community's own recruitment call" });
registerTenantTable({ table: 'talent_team', fixed: "a community's own talent team" });
registerTenantTable({ table: 'talent_applicant', fixed: 'the community whose call the resident answered' });
