/**
 * Scopes a partner token (a co-building unit's API key) can carry. What each scope allows on which type is
 * declared in the types' access policies (`unit.scopes`); a scope no policy names allows nothing.
 * `public:read` is implied: what anonymous callers see, partners see too.
 */
export const PARTNER_SCOPES = {
  'public:read': 'Read public data: community committees, published public activities, units’ public profiles.',
  'unit:read': "Read what concerns the token's unit in the token's community: its agreements, committee seats, cross-appointments, evaluations, double-report members, volunteers, activities it co-hosts there.",
  'activities:write': "Change activities the unit co-hosts in the token's community (title, description, times, capacity, venue).",
  'demands:write': "Work on resident demands of the token's community assigned to the unit (accept, report progress).",
  'demands:read': "Read resident demands of the token's community assigned to the unit, without residents' personal data.",
} as const;
export type PartnerScope = keyof typeof PARTNER_SCOPES;
export const READ_SCOPE: PartnerScope = 'unit:read';
