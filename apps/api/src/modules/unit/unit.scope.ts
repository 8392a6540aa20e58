/**
 * The unit scope: what a partner token (the API key of a co-building unit, 共建单位) may read and change.
 *
 * A partner sees what is public plus the objects that concern its own unit, nothing else. Every object type
 * that concerns units says how, once, at module load:
 *
 *   registerUnitRelation<AgreementEntity>('Agreement', {
 *     unitIdsOf: (ctx, agreement) => [agreement.unitId],      // the units the object concerns
 *     sqlCondition: (alias) => `${alias}.unit_id = ?`,        // the same as SQL; every `?` is bound to the unit id
 *   });
 *
 *   registerUnitRelation<ActivityEntity>('Activity', {        // a relation through a link table
 *     unitIdsOf: async (ctx, activity) => coHostIdsOf(ctx, activity.id),
 *     sqlCondition: (alias) => `exists (select 1 from activity_co_host h where h.activity_id = ${alias}.id and h.unit_id = ?)`,
 *   });
 *
 * and checks through it wherever such objects are read or written for a partner:
 *   - one object (node fetchers, single reads):  `await canPartnerSee(ctx, 'Agreement', agreement)`
 *   - lists:  `const p = partnerCondition(ctx, 'Agreement', 'a')`, then `where (<staff condition> or ${p.sql})` with `...p.params`
 *   - writes: `await assertPartnerCan(ctx, 'Activity', activity, 'activities:write')` (top-level FORBIDDEN otherwise)
 *
 * Deny by default: a type that is not registered is invisible to partners, and reading needs the token's
 * `unit:read` scope (or the relation's own `readScope`). Residents' personal data never joins the unit scope.
 */
import type { Context } from '../../graphql/context.js';
import { forbidden } from '../../graphql/errors.js';

/** Scopes a partner token can carry. `public:read` is implied: what anonymous callers see, partners see too. */
export const PARTNER_SCOPES = {
  'public:read': 'Read public data: community committees, published public activities, units’ public profiles.',
  'unit:read': "Read what concerns the token's unit: its agreements, committee seats, cross-appointments, evaluations, double-report members, activities it co-hosts.",
  'activities:write': 'Change activities the unit co-hosts (title, description, times, capacity, venue).',
  'demands:write': 'Work on resident demands assigned to the unit (accept, report progress).',
} as const;
export type PartnerScope = keyof typeof PARTNER_SCOPES;
export const READ_SCOPE: PartnerScope = 'unit:read';

export interface UnitRelation<T> {
  /** Ids of the co-building units the object concerns. */
  unitIdsOf(ctx: Context, obj: T): number[] | Promise<number[]>;
  /** SQL condition on a row of the type's table aliased `alias`; each `?` is bound to the partner's unit id. */
  sqlCondition?(alias: string): string;
  /** Scope needed to read such objects (default `unit:read`). */
  readScope?: PartnerScope;
}

const relations = new Map<string, UnitRelation<never>>();

/** Declare how objects of a GraphQL type relate to units; a type registers once. */
export function registerUnitRelation<T>(typeName: string, relation: UnitRelation<T>): void {
  if (relations.has(typeName)) throw new Error(`unit relation for ${typeName} registered twice`);
  relations.set(typeName, relation as UnitRelation<never>);
}

/** Type names that partners can reach through their unit (for documentation and tests). */
export function unitScopedTypes(): string[] {
  return [...relations.keys()].sort();
}

function relationOf<T>(typeName: string): UnitRelation<T> | undefined {
  return relations.get(typeName) as UnitRelation<T> | undefined;
}

/** True when the caller is a partner token with `scope` whose unit the object concerns. */
export async function canPartnerAct<T>(ctx: Context, typeName: string, obj: T, scope: PartnerScope): Promise<boolean> {
  const unitId = ctx.access.partnerUnitId;
  const relation = relationOf<T>(typeName);
  if (unitId == null || !relation || !ctx.access.hasScope(scope)) return false;
  return (await relation.unitIdsOf(ctx, obj)).includes(unitId);
}

/** May the calling partner read this object? False for every other kind of caller. */
export function canPartnerSee<T>(ctx: Context, typeName: string, obj: T): Promise<boolean> {
  return canPartnerAct(ctx, typeName, obj, relationOf<T>(typeName)?.readScope ?? READ_SCOPE);
}

/** Throw FORBIDDEN unless the calling partner holds `scope` and the object concerns its unit. */
export async function assertPartnerCan<T>(ctx: Context, typeName: string, obj: T, scope: PartnerScope): Promise<void> {
  if (!(await canPartnerAct(ctx, typeName, obj, scope))) throw forbidden(`需要 ${scope} 权限且对象属于本单位 (needs scope ${scope} on an object of your unit)`);
}

/**
 * SQL condition "row `alias` of `typeName` concerns the calling partner's unit" (and the token may read it).
 * Never true for staff, anonymous callers, or a type without a SQL condition.
 */
export function partnerCondition(ctx: Context, typeName: string, alias: string, scope?: PartnerScope): { sql: string; params: unknown[] } {
  const unitId = ctx.access.partnerUnitId;
  const relation = relationOf(typeName);
  if (unitId == null || !relation?.sqlCondition || !ctx.access.hasScope(scope ?? relation.readScope ?? READ_SCOPE)) return { sql: 'false', params: [] };
  const condition = relation.sqlCondition(alias);
  const placeholders = condition.split('?').length - 1;
  return { sql: `(${condition})`, params: Array.from({ length: placeholders }, () => unitId) };
}
