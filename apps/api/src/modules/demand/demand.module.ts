/** The resident demands module (诉求): demands, their timeline and deadlines, the escalation job. */
import { DemandDeadlineEntity, DemandEntity, DemandEventEntity } from './demand.entity.js';
import './demand.export.js'; // GET /export/demands.xlsx
import './demand.open311.js'; // Open311 GeoReport v2 routes
import { DemandLiveResolver } from './demand.live.js';
import { DemandEventFieldsResolver, DemandFieldsResolver, DemandMutationResolver, DemandQueryResolver } from './demand.resolver.js';

export const demandEntities = [DemandEntity, DemandEventEntity, DemandDeadlineEntity];
export const demandResolvers = [DemandFieldsResolver, DemandEventFieldsResolver, DemandQueryResolver, DemandMutationResolver, DemandLiveResolver];
