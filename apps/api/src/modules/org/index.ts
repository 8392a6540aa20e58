/** What other modules may use of the org chain module. */
export { ALLOWED_PARENT, ORG_LEVEL_LABEL, ORG_TYPE_NAME, ORG_TYPE_NAMES, OrgLevel, OrgNodeEntity, PUBLIC_LEVELS } from './org.entity.js';
export { ancestorsOf, findVisibleNode, loadNode, parentOf, primeNodes } from './org.service.js';
export { registerTenantTable } from './org.tenancy.js';
export { inSubtree as statInSubtree, registerOrgStat, type OrgStatValues } from './org.stats.js';
export { canSeeNode, communityForWrite, nodeReadCondition, orgTypeOf, underNode } from './org.policy.js';
export { Branch, MemberHousehold, OrgNode, OrgStats, PartyCommittee } from './org.types.js';
