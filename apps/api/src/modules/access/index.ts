/** What other modules may use of the access module. */
export { Access, GrantRole, PERSONAL_DATA_ROLES, subtreeEnd, WRITE_ROLES, type Principal, type ScopeGrant } from './access.scope.js';
export { PARTNER_SCOPES, READ_SCOPE, type PartnerScope } from './partner-scopes.js';
export * from './policy.js';
export { authenticate, followIdentityInvalidations, forgetCachedSessions, hashPassword, newToken, registerTokenKind, tokenHash } from './access.service.js';
