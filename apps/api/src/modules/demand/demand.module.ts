/** The resident demands module (诉求): demands, their timeline and deadlines, the escalation job. */
import { DemandDeadlineEntity, DemandEntity, DemandEventEntity } from './demand.entity.js';
// registers GET /export/demands.xlsx
import './demand.export.js';
import { DemandEventFieldsResolver, DemandFieldsResolver, DemandMutationResolver, DemandQueryResolver } from './demand.resolver.js';

export const demandEntities = [DemandEntity, DemandEventEntity, DemandDeadlineEntity];
export const demandResolvers = [DemandFieldsResolver, DemandEventFieldsResolver, DemandQueryResolver, DemandMutationResolver];
