/**
 * The access policy: who may read, change, or see personal data in clear, for every GraphQL object type.
 *
 * Each module declares the policy of its own types, once, in its own folder (`activity.policy.ts`,
 * `unit.policy.ts` ...), registered when the module loads. A policy has up to three rules, one per action:
 *
 *   - `read`   may the caller see the object at all (out of scope behaves as missing);
 *   - `write`  may the caller change it;
 *   - `reveal` may the caller see its personal data in clear (phones, care categories), which is masked otherwise.
 *
 * Every rule is given twice, side by side: `check` decides on one loaded row (JavaScript), `sql` is the same
 * decision as a condition on a row of the type's table under an alias (for list queries). A test runs both
 * over every row of every table for many callers and fails when they disagree.
 *
 * Partner tokens (co-building units' API keys) are declared in the same object: `unit` says how a row relates
 * to units (the units it concerns and the communities it belongs to, each in JS and SQL) and which partner
 * scope allows which action. A partner token may act on a row when it holds that scope, its unit is one the row
 * concerns and the token's community is one the row belongs to. Deny by default: no policy, no rule for an
 * action or no scope for an action means "no".
 *
 * Worked example (activities, in `modules/activity/activity.policy.ts`):
 *
 *   definePolicy<ActivityEntity>({
 *     type: 'Activity', table: 'activity', entity: ActivityEntity,
 *     read: anyOf(
 *       rule((_ctx, a) => isPubliclyVisible(a),                       // published public activities: everyone
 *            (_ctx, t) => ({ sql: `${t}.audience = 'PUBLIC' and ...`, params: [] })),
 *       rule(async (ctx, a) => ctx.access.canRead(await organizerPath(ctx, a)),   // staff over the organiser
 *            (ctx, t) => inSubtree(ctx.access, `(select o.path from org_node o where o.id = ${t}.organizer_id)`)),
 *     ),
 *     write: rule(async (ctx, a) => ctx.access.canWrite(await organizerPath(ctx, a)),
 *                 (ctx, t) => inSubtree(ctx.access, ..., WRITE_ROLES)),
 *     unit: {                                                           // partners: activities their unit co-hosts
 *       unitIdsOf: (ctx, a) => coHostIdsOf(ctx, a.id),
 *       communityIdsOf: (_ctx, a) => [a.communityId],
 *       unitSql: (t) => `exists (select 1 from activity_co_host h where h.activity_id = ${t}.id and h.unit_id = ?)`,
 *       communitySql: (t) => `${t}.community_id = ?`,
 *       scopes: { read: 'unit:read', write: 'activities:write' },
 *     },
 *   });
 *
 * Services then ask, never deciding themselves:
 *   - one row:      `await can(ctx, 'read', 'Activity', activity)`, `await assertCan(ctx, 'write', 'Activity', activity)`
 *   - many rows:    `await filterReadable(ctx, 'Activity', rows)`
 *   - list queries: `const c = condition(ctx, 'read', 'Activity', 'a')`, then `where ${c.sql}` with `...c.params`
 *   - personal data: `await reveal(ctx, 'Household', household, 'phone')` gives the value in clear or refuses;
 *     every value shown in clear is announced to the `onReveal` listeners (an audit log subscribes there).
 *
 * Rules may load what they need through the request's loaders (the organiser of an activity, the community of
 * a row); those reads use the request's own connection, not a transaction's. Inside a transaction that holds
 * row locks, decide on rows already loaded with rules that need no query (the org types' rules), or check
 * before the transaction starts: many such transactions at once could otherwise wait on the pool.
 */
import type { Context } from '../../graphql/context.js';
import { forbidden, unauthenticated } from '../../graphql/errors.js';
import { subtreeEnd, type Access, type GrantRole } from './access.scope.js';
import { READ_SCOPE, type PartnerScope } from './partner-scopes.js';

export type Action = 'read' | 'write' | 'reveal';
export const ACTIONS: Action[] = ['read', 'write', 'reveal'];

/** A SQL condition with `?` placeholders and their values in order. */
export interface Condition { sql: string; params: unknown[] }

export const NEVER: Condition = { sql: 'false', params: [] };
export const ALWAYS: Condition = { sql: 'true', params: [] };

/** One decision, given twice: on a loaded row and as SQL on a row of the type's table aliased `alias`. */
export interface Rule<T> {
  check(ctx: Context, row: T): boolean | Promise<boolean>;
  sql(ctx: Context, alias: string): Condition;
}

/** How rows of a type concern co-building units, and which partner scope allows which action on them. */
export interface UnitRelation<T> {
  /** Ids of the co-building units the row concerns. */
  unitIdsOf(ctx: Context, row: T): number[] | Promise<number[]>;
  /** Ids of the community committees the row belongs to; a partner token reaches it only from one of them. */
  communityIdsOf(ctx: Context, row: T): number[] | Promise<number[]>;
  /** The same as SQL on alias `alias`; each `?` is bound to the token's unit id. */
  unitSql(alias: string): string;
  /** The same as SQL on alias `alias`; each `?` is bound to the token's community id. */
  communitySql(alias: string): string;
  /** The scope a token needs for each action; an action not listed is never allowed to partners. */
  scopes: Partial<Record<Action, PartnerScope>>;
}

type EntityClass<T> = abstract new (...args: never[]) => T;

export interface Policy<T = any> {
  /** The GraphQL object type name. */
  type: string;
  /** The table its rows live in, and the entity they map to (list queries and the policy check use them). */
  table: string;
  entity: EntityClass<T>;
  /** When the table holds rows of several types (org_node): SQL on alias `alias` picking this type's rows. */
  rowsOf?(alias: string): string;
  read: Rule<T>;
  write?: Rule<T>;
  reveal?: Rule<T>;
  unit?: UnitRelation<T>;
}

const policies = new Map<string, Policy>();

/** Register the policy of a GraphQL type; a type registers once. */
export function definePolicy<T>(policy: Policy<T>): Policy<T> {
  if (policies.has(policy.type)) throw new Error(`access policy for ${policy.type} defined twice`);
  policies.set(policy.type, policy as Policy);
  return policy;
}

export function policyOf<T = any>(type: string): Policy<T> | undefined {
  return policies.get(type) as Policy<T> | undefined;
}

/** Every type with a policy, sorted (tests walk them). */
export function policyTypes(): string[] {
  return [...policies.keys()].sort();
}

/** Types that partner tokens can reach through their unit. */
export function unitScopedTypes(): string[] {
  return [...policies.values()].filter((p) => p.unit).map((p) => p.type).sort();
}

// ---- building rules ------------------------------------------------------------------------------------

export function rule<T>(check: Rule<T>['check'], sql: Rule<T>['sql']): Rule<T> {
  return { check, sql };
}

/** Allowed to everyone. */
export function everyone<T>(): Rule<T> {
  return rule(() => true, () => ALWAYS);
}

/** Allowed to no one (partners may still be allowed through the unit relation). */
export function nobody<T>(): Rule<T> {
  return rule(() => false, () => NEVER);
}

export function or(...conditions: Condition[]): Condition {
  const live = conditions.filter((c) => c.sql !== 'false');
  if (live.length === 0) return NEVER;
  if (live.some((c) => c.sql === 'true')) return ALWAYS;
  return { sql: `(${live.map((c) => c.sql).join(' or ')})`, params: live.flatMap((c) => c.params) };
}

export function and(...conditions: Condition[]): Condition {
  if (conditions.some((c) => c.sql === 'false')) return NEVER;
  const live = conditions.filter((c) => c.sql !== 'true');
  if (live.length === 0) return ALWAYS;
  return { sql: `(${live.map((c) => c.sql).join(' and ')})`, params: live.flatMap((c) => c.params) };
}

/** Allowed when any of the rules allows. */
export function anyOf<T>(...rules: Rule<T>[]): Rule<T> {
  return rule(
    async (ctx, row) => {
      for (const r of rules) if (await r.check(ctx, row)) return true;
      return false;
    },
    (ctx, alias) => or(...rules.map((r) => r.sql(ctx, alias))),
  );
}

/**
 * "The org path given by SQL expression `pathSql` lies in one of the caller's subtrees" (through grants of
 * `roles`, if given), the SQL twin of `access.canRead(path)` / `canWrite` / `canSeePersonalData`.
 */
export function inSubtree(access: Access, pathSql: string, roles?: GrantRole[]): Condition {
  const paths = access.grants.filter((g) => !roles || roles.includes(g.role)).map((g) => g.path);
  if (paths.length === 0) return NEVER;
  return {
    sql: `(${paths.map(() => `(${pathSql} >= ? and ${pathSql} < ?)`).join(' or ')})`,
    params: paths.flatMap((p) => [p, subtreeEnd(p)]),
  };
}

/** "Org node `idSql` (an expression giving an org_node id) lies in one of the caller's subtrees". */
export function nodeInSubtree(access: Access, idSql: string, roles?: GrantRole[]): Condition {
  const inner = inSubtree(access, 'pn.path', roles);
  if (inner.sql === 'false') return NEVER;
  return { sql: `exists (select 1 from org_node pn where pn.id = ${idSql} and ${inner.sql})`, params: inner.params };
}

// ---- the partner part ----------------------------------------------------------------------------------

function partnerScopeFor(policy: Policy | undefined, action: Action): PartnerScope | undefined {
  return policy?.unit?.scopes[action];
}

/** Does the unit relation let the calling partner token do `action` on the row? False for everyone else. */
export async function partnerAllows<T>(ctx: Context, type: string, row: T, action: Action): Promise<boolean> {
  const policy = policyOf<T>(type);
  const scope = partnerScopeFor(policy, action);
  const unitId = ctx.access.partnerUnitId;
  const communityId = ctx.access.partnerCommunityId;
  if (!policy?.unit || !scope || unitId == null || communityId == null || !ctx.access.hasScope(scope)) return false;
  if (!(await policy.unit.unitIdsOf(ctx, row)).includes(unitId)) return false;
  return (await policy.unit.communityIdsOf(ctx, row)).includes(communityId);
}

const placeholders = (condition: string) => condition.split('?').length - 1;

/** The SQL twin of `partnerAllows`, on alias `alias` of the type's table. */
export function partnerCondition(ctx: Context, type: string, action: Action, alias: string): Condition {
  const policy = policyOf(type);
  const scope = partnerScopeFor(policy, action);
  const unitId = ctx.access.partnerUnitId;
  const communityId = ctx.access.partnerCommunityId;
  if (!policy?.unit || !scope || unitId == null || communityId == null || !ctx.access.hasScope(scope)) return NEVER;
  const unit = policy.unit.unitSql(alias);
  const community = policy.unit.communitySql(alias);
  return {
    sql: `((${unit}) and (${community}))`,
    params: [...Array.from({ length: placeholders(unit) }, () => unitId), ...Array.from({ length: placeholders(community) }, () => communityId)],
  };
}

// ---- asking --------------------------------------------------------------------------------------------

/** May the caller do `action` on this row of `type`? Deny by default (no policy, no rule). */
export async function can<T>(ctx: Context, action: Action, type: string, row: T): Promise<boolean> {
  const policy = policyOf<T>(type);
  if (!policy) return false;
  const r = policy[action];
  if (r && (await r.check(ctx, row))) return true;
  return partnerAllows(ctx, type, row, action);
}

/** SQL condition "the caller may do `action` on row `alias` of `type`'s table" (for list queries). */
export function condition(ctx: Context, action: Action, type: string, alias: string): Condition {
  const policy = policyOf(type);
  if (!policy) return NEVER;
  return or(policy[action]?.sql(ctx, alias) ?? NEVER, partnerCondition(ctx, type, action, alias));
}

/** The rows the caller may read, in their order. */
export async function filterReadable<T>(ctx: Context, type: string, rows: T[]): Promise<T[]> {
  const allowed = await Promise.all(rows.map((row) => can(ctx, 'read', type, row)));
  return rows.filter((_, i) => allowed[i]);
}

/** The row when the caller may read it, else null (out of scope behaves as missing). */
export async function readable<T>(ctx: Context, type: string, row: T | null | undefined): Promise<T | null> {
  return row != null && (await can(ctx, 'read', type, row)) ? row : null;
}

/** Throw unless the caller may do `action`: UNAUTHENTICATED for anonymous callers, FORBIDDEN for others. */
export async function assertCan<T>(ctx: Context, action: Action, type: string, row: T, message?: string): Promise<void> {
  if (await can(ctx, action, type, row)) return;
  if (ctx.access.principal.kind === 'anonymous') throw unauthenticated();
  const scope = partnerScopeFor(policyOf(type), action);
  if (ctx.access.isPartner && scope && !message) {
    throw forbidden(`需要 ${scope} 权限，且对象属于本单位在签发令牌的社区的共建事务 (needs scope ${scope} on an object of your unit in the token's community)`);
  }
  throw forbidden(message);
}

// ---- personal data in clear ----------------------------------------------------------------------------

export interface RevealEvent {
  type: string;
  id: unknown;
  /** The first of `fields` (kept for listeners that look at one field). */
  field: string;
  /** Every field shown in clear (or written) by this one request: one event, one audit row. */
  fields: string[];
  principal: Access['principal'];
  /** READ: shown in clear; WRITE: sealed values written; EXPORT: a spreadsheet with clear values. */
  action: 'READ' | 'WRITE' | 'EXPORT';
  /** The reason the caller gave, if any. */
  reason: string | null;
  /** The org node the record hangs on (who may read the audit row), when known. */
  orgNodeId: number | null;
}
/**
 * Told of every value shown in clear. Listeners are awaited, in order, and get the EntityManager of the
 * transaction the clear read or write runs in (the request's own outside one): an audit row written there
 * commits or rolls back with it.
 */
export type RevealListener = (event: RevealEvent, ctx: Context, em: Context['em']) => unknown;

const revealListeners = new Set<RevealListener>();

/** Be told of every value shown in clear (the audit log subscribes here). Returns the unsubscribe function. */
export function onReveal(listener: RevealListener): () => void {
  revealListeners.add(listener);
  return () => revealListeners.delete(listener);
}

/** May the caller see personal data of this row in clear? */
export function mayReveal<T>(ctx: Context, type: string, row: T): Promise<boolean> {
  return can(ctx, 'reveal', type, row);
}

const NO_REVEAL = '无权查看完整手机号 (your role cannot see full phone numbers)';

export interface RevealOptions {
  denied?: 'forbidden' | 'null';
  message?: string;
  /** Why the caller asks (kept in the audit log). */
  reason?: string | null;
  /** The transaction's EntityManager when the clear read or write is part of one. */
  em?: Context['em'];
  /** The org node the record hangs on, when the row has no `orgNodeId` of its own. */
  orgNodeId?: number | null;
  action?: RevealEvent['action'];
}

/** Announce one clear read or write of `fields` of a row (awaited): the audit log writes exactly one row. */
export async function announceReveal(ctx: Context, type: string, row: unknown, fields: string[], options: RevealOptions = {}): Promise<void> {
  const r = row as { id?: unknown; orgNodeId?: unknown };
  const event: RevealEvent = {
    type, id: r.id, field: fields[0], fields, principal: ctx.access.principal, action: options.action ?? 'READ',
    reason: options.reason ?? null,
    orgNodeId: options.orgNodeId ?? (typeof r.orgNodeId === 'number' ? r.orgNodeId : null),
  };
  for (const listener of [...revealListeners]) await listener(event, ctx, options.em ?? ctx.em);
}

/**
 * May the caller see these fields of the row in clear? When yes, announced once for all of them; otherwise
 * FORBIDDEN (or false with `{ denied: 'null' }`).
 */
export async function revealFields<T>(ctx: Context, type: string, row: T, fields: string[], options: RevealOptions = {}): Promise<boolean> {
  if (!(await mayReveal(ctx, type, row))) {
    if (options.denied === 'null') return false;
    throw forbidden(options.message ?? NO_REVEAL);
  }
  await announceReveal(ctx, type, row, fields, options);
  return true;
}

/**
 * The one way personal data is shown in clear: the field's value when the policy allows `reveal` (announced to
 * the `onReveal` listeners), otherwise FORBIDDEN (or null with `{ denied: 'null' }`).
 */
export async function reveal<T, K extends keyof T & string>(
  ctx: Context, type: string, row: T, field: K, options: RevealOptions = {},
): Promise<T[K] | null> {
  if (!(await revealFields(ctx, type, row, [field], options))) return null;
  return row[field];
}

export { READ_SCOPE };
