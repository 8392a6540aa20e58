/**
 * The unit scope: what a partner token (the API key of a co-building unit, 共建单位) may read and change.
 *
 * A partner token is issued by one community committee (the token's community). It sees what is public plus
 * the objects that concern its own unit IN THAT COMMUNITY, nothing else: a unit working with several
 * communities gets a token from each, and none of them reaches what the unit does with the others.
 *
 * Each type says how its rows concern units in its access policy (`unit` in `definePolicy`, see
 * modules/access/policy.ts), next to the staff rules; services ask the policy (`can`, `condition`), which
 * applies the partner part too. Deny by default: a type without a unit relation is invisible to partners, a
 * row must concern both the token's unit and the token's community, and each action needs the scope the
 * policy names for it. Residents' personal data never joins the unit scope.
 */
export { PARTNER_SCOPES, READ_SCOPE, type PartnerScope } from '../access/index.js';
export { unitScopedTypes } from '../access/index.js';
