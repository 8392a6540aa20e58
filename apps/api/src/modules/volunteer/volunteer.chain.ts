/** The volunteer tables' tenant keys: volunteers sign up with a community, whatever node they serve. */
import { registerTenantTable } from '../org/index.js';

registerTenantTable({ table: 'volunteer', fixed: 'the community the volunteer signed up with' });
registerTenantTable({ table: 'volunteer_team', fixed: "a community's own team" });
registerTenantTable({ table: 'service_record', fixed: "hours credited in the volunteer's community" });
registerTenantTable({ table: 'recognition', fixed: "a community's annual recognition" });
