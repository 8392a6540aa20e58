/**
 * The unit scope: what a partner token (the API key of a co-building unit, 共建单位) may read and change.
 *
 * A partner token is issued by one community committee (the token's community). It sees what is public plus
 * the objects that concern its own unit IN THAT COMMUNITY, nothing else: a unit working with several
 * communities gets a token from each, and none of them reaches what the unit does with the others. Every
 * object type that concerns units says how, once, at module load:
 *
 *   registerUnitRelation<AgreementEntity>('Agreement', {
 *     unitIdsOf: (ctx, agreement) => [agreement.unitId],             // the units the object concerns
 *     communityIdsOf: (ctx, agreement) => [agreement.communityId],   // the communities it belongs to
 *     sqlCondition: (alias) => `${alias}.unit_id = ?`,               // the same as SQL; each `?` is bound to the unit id
 *     communitySqlCondition: (alias) => `${alias}.community_id = ?`, // each `?` is bound to the token's community id
 *   });
 *
 *   registerUnitRelation<ActivityEntity>('Activity', {               // a relation through a link table
 *     unitIdsOf: async (ctx, activity) => coHostIdsOf(ctx, activity.id),
 *     communityIdsOf: (ctx, activity) => [activity.communityId],
 *     sqlCondition: (alias) => `exists (select 1 from activity_co_host h where h.activity_id = ${alias}.id and h.unit_id = ?)`,
 *     communitySqlCondition: (alias) => `${alias}.community_id = ?`,
 *   });
 *
 * and checks through it wherever such objects are read or written for a partner:
 *   - one object (node fetchers, single reads):  `await canPartnerSee(ctx, 'Agreement', agreement)`
 *   - lists:  `const p = partnerCondition(ctx, 'Agreement', 'a')`, then `where (<staff condition> or ${p.sql})` with `...p.params`
 *   - writes: `await assertPartnerCan(ctx, 'Activity', activity, 'activities:write')` (top-level FORBIDDEN otherwise)
 *
 * Deny by default: a type that is not registered is invisible to partners, an object must concern both the
 * token's unit and the token's community, and reading needs the token's `unit:read` scope (or the
 * relation's own `readScope`). Residents' personal data never joins the unit scope.
 */
import type { Context } from '../../graphql/context.js';
import { forbidden } from '../../graphql/errors.js';

/** Scopes a partner token can carry. `public:read` is implied: what anonymous callers see, partners see too. */
export const PARTNER_SCOPES = {
  'public:read': 'Read public data: community committees, published public activities, units’ public profiles.',
  'unit:read': "Read what concerns the token's unit in the token's community: its agreements, committee seats, cross-appointments, evaluations, double-report members, volunteers, activities it co-hosts there.",
  'activities:write': "Change activities the unit co-hosts in the token's community (title, description, times, capacity, venue).",
  'demands:write': "Work on resident demands of the token's community assigned to the unit (accept, report progress).",
} as const;
export type PartnerScope = keyof typeof PARTNER_SCOPES;
export const READ_SCOPE: PartnerScope = 'unit:read';

export interface UnitRelation<T> {
  /** Ids of the co-building units the object concerns. */
  unitIdsOf(ctx: Context, obj: T): number[] | Promise<number[]>;
  /** Ids of the community committees the object belongs to; a partner token reaches it only from one of them. */
  communityIdsOf(ctx: Context, obj: T): number[] | Promise<number[]>;
  /** SQL condition on a row of the type's table aliased `alias`; each `?` is bound to the partner's unit id. */
  sqlCondition?(alias: string): string;
  /** With `sqlCondition`: the row belongs to the community; each `?` is bound to the token's community id. */
  communitySqlCondition?(alias: string): string;
  /** Scope needed to read such objects (default `unit:read`). */
  readScope?: PartnerScope;
}

const relations = new Map<string, UnitRelation<never>>();

/** Declare how objects of a GraphQL type relate to units; a type registers once. */
export function registerUnitRelation<T>(typeName: string, relation: UnitRelation<T>): void {
  if (relations.has(typeName)) throw new Error(`unit relation for ${typeName} registered twice`);
  if (!relation.sqlCondition !== !relation.communitySqlCondition) throw new Error(`unit relation for ${typeName}: give sqlCondition and communitySqlCondition together`);
  relations.set(typeName, relation as UnitRelation<never>);
}

/** Type names that partners can reach through their unit (for documentation and tests). */
export function unitScopedTypes(): string[] {
  return [...relations.keys()].sort();
}

function relationOf<T>(typeName: string): UnitRelation<T> | undefined {
  return relations.get(typeName) as UnitRelation<T> | undefined;
}

/** True when the caller is a partner token with `scope` whose unit the object concerns, in the token's community. */
export async function canPartnerAct<T>(ctx: Context, typeName: string, obj: T, scope: PartnerScope): Promise<boolean> {
  const unitId = ctx.access.partnerUnitId;
  const communityId = ctx.access.partnerCommunityId;
  const relation = relationOf<T>(typeName);
  if (unitId == null || communityId == null || !relation || !ctx.access.hasScope(scope)) return false;
  if (!(await relation.unitIdsOf(ctx, obj)).includes(unitId)) return false;
  return (await relation.communityIdsOf(ctx, obj)).includes(communityId);
}

/** May the calling partner read this object? False for every other kind of caller. */
export function canPartnerSee<T>(ctx: Context, typeName: string, obj: T): Promise<boolean> {
  return canPartnerAct(ctx, typeName, obj, relationOf<T>(typeName)?.readScope ?? READ_SCOPE);
}

/** Throw FORBIDDEN unless the calling partner holds `scope` and the object concerns its unit in the token's community. */
export async function assertPartnerCan<T>(ctx: Context, typeName: string, obj: T, scope: PartnerScope): Promise<void> {
  if (!(await canPartnerAct(ctx, typeName, obj, scope))) {
    throw forbidden(`需要 ${scope} 权限，且对象属于本单位在签发令牌的社区的共建事务 (needs scope ${scope} on an object of your unit in the token's community)`);
  }
}

const placeholders = (condition: string) => condition.split('?').length - 1;

/**
 * SQL condition "row `alias` of `typeName` concerns the calling partner's unit in the token's community" (and
 * the token may read it). Never true for staff, anonymous callers, or a type without SQL conditions.
 */
export function partnerCondition(ctx: Context, typeName: string, alias: string, scope?: PartnerScope): { sql: string; params: unknown[] } {
  const unitId = ctx.access.partnerUnitId;
  const communityId = ctx.access.partnerCommunityId;
  const relation = relationOf(typeName);
  if (unitId == null || communityId == null || !relation?.sqlCondition || !relation.communitySqlCondition) return { sql: 'false', params: [] };
  if (!ctx.access.hasScope(scope ?? relation.readScope ?? READ_SCOPE)) return { sql: 'false', params: [] };
  const unit = relation.sqlCondition(alias);
  const community = relation.communitySqlCondition(alias);
  return {
    sql: `((${unit}) and (${community}))`,
    params: [...Array.from({ length: placeholders(unit) }, () => unitId), ...Array.from({ length: placeholders(community) }, () => communityId)],
  };
}
