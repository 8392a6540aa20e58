/**
 * Machinery of the authorization matrix (authz-matrix.test.ts): the callers, the objects each may and may not
 * reach, argument values made up from the schema, and the classification of an answer as refused or not.
 * What is expected lives in authz-matrix.spec.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  getNamedType, getNullableType, graphql, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType,
  isObjectType, isScalarType, isUnionType, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { createContext } from './context.js';
import type { TestApi } from '../test/harness.js';
import { Access, GrantRole, type Principal } from '../modules/access/index.js';
import { condition, policyOf } from '../modules/access/policy.js';
import { nodeTypeNames } from '../graphql/node.registry.js';
import { toGlobalId } from '../graphql/relay.js';
import { UserFacingError } from '../graphql/errors.js';
import { sql } from '../db/sql.js';
import type { Role } from './authz-matrix.spec.js';

export interface MatrixCaller {
  /** e.g. `COMMITTEE_ADMIN@A`, `partner[unit:read]@A`, `anonymous` */
  name: string;
  role: Role;
  /** The community the caller belongs to: A is the one the matrix aims its arguments at. */
  community: 'A' | 'B' | null;
  scopes: string[];
  principal: Principal;
  /** The bearer token for HTTP calls (partner tokens only). */
  bearer?: string;
}

export interface World {
  /** Community A (红康社区) and another community B, as org node ids. */
  communityA: number;
  communityB: number;
  callers: MatrixCaller[];
  /** Per node type, one object of community A that its committee admin may write (else read): the target of arguments. */
  targets: Map<string, number>;
}

const PARTNER_SCOPE_SETS: string[][] = [
  ['public:read'],
  ['public:read', 'unit:read'],
  ['public:read', 'activities:write'],
  ['public:read', 'demands:read'],
  ['public:read', 'demands:write'],
  ['public:read', 'unit:read', 'activities:write', 'demands:read', 'demands:write'],
];
const STAFF_ROLES = [GrantRole.VIEWER, GrantRole.GRID_WORKER, GrantRole.BRANCH_SECRETARY, GrantRole.COMMITTEE_ADMIN];

/**
 * The callers: anonymous; a partner token of a unit of community A with each scope set (and one of community B
 * with all scopes); each staff role in community A and in community B. Staff are real accounts with real grants
 * (created here, in the test's own database): committee admins, grid workers and viewers on the community
 * committee, branch secretaries on a branch of it, as the demo data grants them.
 */
export async function buildWorld(api: TestApi): Promise<World> {
  const communities = await api.sql<{ id: number; path: string; name: string }>(
    `select id, path, name from org_node where level = 'COMMUNITY' and archived_at is null order by (name like '红康%') desc, id`);
  if (communities.length < 2) throw new Error('the matrix needs two communities in the demo data');
  const [a, b] = communities;
  const callers: MatrixCaller[] = [{ name: 'anonymous', role: 'anonymous', community: null, scopes: [], principal: { kind: 'anonymous' } }];
  for (const [label, c] of [['A', a], ['B', b]] as const) {
    const [unit] = await api.sql<{ unit_id: number }>(
      `select uc.unit_id from unit_community uc where uc.community_id = ?
       order by (exists (select 1 from activity_co_host h join activity x on x.id = h.activity_id where h.unit_id = uc.unit_id and x.community_id = uc.community_id)) desc,
                (exists (select 1 from demand d where d.assigned_unit_id = uc.unit_id)) desc, uc.unit_id limit 1`, [c.id]).catch(async () =>
      api.sql<{ unit_id: number }>(`select unit_id from unit_community where community_id = ? order by unit_id limit 1`, [c.id]));
    if (!unit) throw new Error(`no co-building unit in community ${c.name}`);
    const sets = label === 'A' ? PARTNER_SCOPE_SETS : [PARTNER_SCOPE_SETS[PARTNER_SCOPE_SETS.length - 1]];
    for (const scopes of sets) {
      const bearer = `txp_matrix${label}${callers.length}${randomBytes(16).toString('hex')}`;
      const [token] = await api.sql<{ id: number }>(
        `insert into partner_token (unit_id, community_id, name, token_hash, token_hint, scopes, expires_at) values (?, ?, ?, ?, 'txp_mtrx', ?, now() + interval '1 day') returning id`,
        [unit.unit_id, c.id, `matrix ${callers.length}`, createHash('sha256').update(bearer).digest('hex'), `{${scopes.join(',')}}`]);
      callers.push({ bearer,
        name: `partner[${scopes.filter((s) => s !== 'public:read').join(' ') || 'public:read'}]@${label}`, role: 'partner', community: label, scopes,
        principal: { kind: 'partner', tokenId: token.id, unitId: unit.unit_id, communityId: c.id, scopes },
      });
    }
    const [branch] = await api.sql<{ id: number; path: string }>(
      `select id, path from org_node where parent_id = ? and level = 'BRANCH' and archived_at is null order by id limit 1`, [c.id]);
    for (const role of STAFF_ROLES) {
      const node = role === GrantRole.BRANCH_SECRETARY ? branch : c;
      const [account] = await api.sql<{ id: number }>(
        `insert into account (username, password_hash, display_name) values (?, 'x', ?) returning id`, [`matrix-${role.toLowerCase().replace(/_/g, "-")}-${label.toLowerCase()}`, `${role} ${label}`]);
      const [grant] = await api.sql<{ id: number }>(`insert into access_grant (account_id, org_node_id, role) values (?, ?, ?) returning id`, [account.id, node.id, role]);
      callers.push({
        name: `${role}@${label}`, role, community: label, scopes: [],
        principal: { kind: 'staff', accountId: account.id, sessionId: 0, grants: [{ grantId: grant.id, nodeId: node.id, role, path: node.path, communityId: c.id }] },
      });
    }
  }
  const world: World = { communityA: a.id, communityB: b.id, callers, targets: new Map() };
  const adminA = callers.find((c) => c.name === 'COMMITTEE_ADMIN@A')!;
  for (const type of nodeTypeNames()) {
    const writable = await readableIds(api, adminA, type, 1, 'write');
    const id = writable[0] ?? (await readableIds(api, adminA, type, 1))[0];
    if (id != null) world.targets.set(type, id);
  }
  world.targets.set('PartyCommittee', a.id);
  return world;
}

/** Ids of `type` the policy lets `caller` read (or write), by its SQL condition; at most `limit`. */
export async function readableIds(api: TestApi, caller: MatrixCaller, type: string, limit: number, action: 'read' | 'write' = 'read'): Promise<number[]> {
  const policy = policyOf(type);
  if (!policy) throw new Error(`no access policy for ${type}`);
  const ctx = createContext(api.orm.em, api.config, new Access(caller.principal));
  const cond = condition(ctx, action, type, 't');
  const where = [cond.sql, ...(policy.rowsOf ? [policy.rowsOf('t')] : [])].join(' and ');
  const rows = await sql<{ id: number }>(ctx.em, `select t.id from ${policy.table} t where ${where} order by t.id limit ${limit}`, cond.params);
  return rows.map((r) => Number(r.id));
}

/** A spread of ids of `type` over all communities (deterministic), plus some the caller may read. */
export async function sampleIds(api: TestApi, caller: MatrixCaller, type: string, spread = 40, readable = 20): Promise<number[]> {
  const policy = policyOf(type)!;
  const rowsOf = policy.rowsOf ? `where ${policy.rowsOf('t')}` : '';
  const rows = await api.sql<{ id: number }>(`select t.id from ${policy.table} t ${rowsOf} order by md5(t.id::text) limit ${spread}`);
  const ids = new Set(rows.map((r) => Number(r.id)));
  for (const id of await readableIds(api, caller, type, readable)) ids.add(id);
  return [...ids].sort((x, y) => x - y);
}

/** Ids the policy lets `caller` read among `ids`. */
export async function policyReadable(api: TestApi, caller: MatrixCaller, type: string, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const policy = policyOf(type)!;
  const ctx = createContext(api.orm.em, api.config, new Access(caller.principal));
  const cond = condition(ctx, 'read', type, 't');
  const where = [cond.sql, ...(policy.rowsOf ? [policy.rowsOf('t')] : []), `t.id = any('{${ids.join(',')}}'::int[])`].join(' and ');
  const rows = await sql<{ id: number }>(ctx.em, `select t.id from ${policy.table} t where ${where}`, cond.params);
  return new Set(rows.map((r) => Number(r.id)));
}

export interface Answer {
  data: Record<string, any> | null;
  errors: { code: string; message: string; path?: readonly (string | number)[] }[];
}

/** Run an operation in-process as `caller`, with a fresh request context as the API makes per request. */
export async function run(api: TestApi, schema: GraphQLSchema, caller: MatrixCaller, source: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const ctx = createContext(api.orm.em, api.config, new Access(caller.principal));
  const result = await graphql({ schema, source, contextValue: ctx, variableValues: variables });
  const errors = (result.errors ?? []).map((e) => {
    const original = e.originalError;
    const code = (e.extensions?.code as string | undefined) ?? (original instanceof UserFacingError ? 'BAD_USER_INPUT' : 'INTERNAL_SERVER_ERROR');
    return { code, message: code === 'INTERNAL_SERVER_ERROR' ? `${e.message} ${original?.stack?.split('\n').slice(0, 3).join(' | ') ?? ''}` : e.message, path: e.path };
  });
  return { data: (result.data as Record<string, any>) ?? null, errors };
}

/** How an answer to one root field reads: refused (an access error), nothing (null or empty), data, or another error. */
export type Outcome = 'refused' | 'not-found' | 'nothing' | 'data' | `error:${string}`;

export function outcomeOf(answer: Answer, field: string): Outcome {
  const own = answer.errors.filter((e) => !e.path || e.path[0] === field);
  if (own.some((e) => e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED')) return 'refused';
  if (own.length) return `error:${own[0].code}`;
  const value = answer.data?.[field];
  if (value == null) return 'nothing';
  if (Array.isArray(value)) return value.length && !value.every(isEmptyFigure) ? 'data' : 'nothing';
  if (typeof value === 'object') {
    if (Array.isArray(value.userErrors) && value.userErrors.length) {
      return value.userErrors.some((u: { code: string }) => u.code === 'NOT_FOUND') ? 'not-found' : `error:${value.userErrors[0].code}`;
    }
    if ('totalCount' in value) return value.totalCount > 0 ? 'data' : 'nothing';
    if (Array.isArray(value.edges)) return value.edges.length ? 'data' : 'nothing';
    if ('userErrors' in value) return 'data';
    if (isEmptyFigure(value)) return 'nothing';
  }
  return 'data';
}

/** A summary whose numbers are all 0 and lists all empty (what a caller without access to its subject gets). */
function isEmptyFigure(value: unknown): boolean {
  if (value == null || typeof value !== 'object') return false;
  const figures = Object.values(value).filter((v) => typeof v === 'number' || Array.isArray(v));
  return figures.length > 0 && figures.every((v) => v === 0 || (Array.isArray(v) && v.length === 0));
}

/** The smallest selection that resolves a field: `__typename`, a connection's count, a payload's userErrors. */
export function selectionOf(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isObjectType(named)) {
    const fields = named.getFields();
    const parts = ['__typename'];
    if (fields.totalCount) parts.push('totalCount');
    else if (fields.edges) parts.push('edges { __typename }');
    else if (fields.userErrors) parts.push('userErrors { code message }');
    else {
      // a figure or a summary: its numbers and lists tell an answer with something in it from an empty one
      for (const f of Object.values(fields)) {
        if (f.args.some((a) => isNonNullType(a.type))) continue;
        const inner = getNamedType(f.type);
        if (isScalarType(inner) || isEnumType(inner)) parts.push(f.name);
        else if (isListType(getNullableType(f.type))) parts.push(`${f.name} { __typename }`);
      }
    }
    return `{ ${parts.join(' ')} }`;
  }
  if (isInterfaceType(named) || isUnionType(named)) return '{ __typename }';
  return '';
}

/** Names the API uses for a type in argument and field names, where they differ from the type's. */
const ALIASES: Record<string, string> = { member: 'PartyMember', project: 'PartyProject', unit: 'CoBuildingUnit', resident: 'Resident' };

/** Which node type an ID argument or input field names: `activityId` → Activity, `id` of `activityCancel` → Activity. */
export function idTypeFor(name: string, owner: string): string | null {
  const types = nodeTypeNames();
  if (/^(communityId|orgNodeId|parentId|branchId)$/.test(name)) return name === 'branchId' ? 'Branch' : 'PartyCommittee';
  const m = /^(\w+?)Ids?$/.exec(name);
  if (m && m[1] !== '' && m[1] !== 'i') {
    const guess = ALIASES[m[1]] ?? m[1][0].toUpperCase() + m[1].slice(1);
    if (types.includes(guess)) return guess;
    // `scheduleId` → MeetingSchedule, `teamId` → VolunteerTeam; among several, the one the field's name mentions
    const ending = types.filter((t) => t.endsWith(guess)).sort((x, y) => Number(owner.toLowerCase().includes(y.toLowerCase().replace(guess.toLowerCase(), ''))) - Number(owner.toLowerCase().includes(x.toLowerCase().replace(guess.toLowerCase(), ''))));
    if (ending[0]) return ending[0];
  }
  if (name === 'id' || name === 'ids') {
    const alias = Object.entries(ALIASES).find(([prefix]) => owner.startsWith(prefix) && !types.some((t) => owner.toLowerCase().startsWith(t.toLowerCase()) && t.length > prefix.length));
    if (alias) return alias[1];
    const byPrefix = types.filter((t) => owner.toLowerCase().startsWith(t.toLowerCase())).sort((x, y) => y.length - x.length);
    if (byPrefix[0]) return byPrefix[0];
    const inside = types.filter((t) => owner.toLowerCase().includes(t.toLowerCase())).sort((x, y) => y.length - x.length);
    if (inside[0]) return inside[0];
  }
  return null;
}

/** Minimal, mostly invalid values for required arguments: ids point at community A's objects, strings are empty. */
export function valueFor(type: GraphQLInputType, name: string, owner: string, world: World, depth = 0): unknown {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const item = valueFor(inner.ofType as GraphQLInputType, name, owner, world, depth);
    return item === undefined ? [] : [item];
  }
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    if (depth > 3) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = valueFor(f.type, f.name, owner, world, depth + 1);
    }
    return out;
  }
  switch ((inner as { name: string }).name) {
    case 'ID': {
      const t = idTypeFor(name, owner);
      const id = t ? world.targets.get(t) : undefined;
      return toGlobalId(t ?? 'PartyCommittee', id ?? world.communityA);
    }
    case 'String': return stringFor(name);
    case 'Int': return 0;
    case 'Float': return 0;
    case 'Boolean': return false;
    case 'Date': return '2026-01-01';
    case 'DateTime': return '2026-01-01T00:00:00.000Z';
    default: return '';
  }
}

/** An operation calling one root field with generated (or given) arguments, as variables. */
export function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, world: World, given?: Record<string, unknown>): { source: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const decl: string[] = [];
  const args: string[] = [];
  for (const arg of field.args as readonly GraphQLArgument[]) {
    let value: unknown;
    if (given && arg.name in given) value = given[arg.name];
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) value = valueFor(arg.type, arg.name, field.name, world);
    else continue;
    variables[arg.name] = value;
    decl.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const source = `${kind}${decl.length ? `(${decl.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selectionOf(field.type)} }`;
  return { source, variables };
}

/** The node type a list or connection field returns, when it returns Relay nodes (else null). */
export function nodeListType(field: GraphQLField<unknown, unknown>): string | null {
  const named = getNamedType(field.type);
  if (!isObjectType(named)) return null;
  const edges = named.getFields().edges;
  const item = edges ? getNamedType(edges.type) : named;
  const nodeType = isObjectType(item) && item.getFields().node ? getNamedType(item.getFields().node.type) : item;
  const isList = !!edges || isListType(getNullableType(field.type));
  if (!isList || !(isObjectType(nodeType) || isInterfaceType(nodeType))) return null;
  const hasId = 'id' in nodeType.getFields();
  const iface = isObjectType(nodeType) && nodeType.getInterfaces().some((i) => i.name === 'Node');
  return hasId && (iface || isInterfaceType(nodeType)) ? nodeType.name : null;
}

/** A string that passes the usual checks for its field, so calls get past validation to the access decision. */
function stringFor(name: string): string {
  if (/phone|mobile/i.test(name)) return '13800000000';
  if (/date$|On$/i.test(name)) return '2026-06-01';
  if (/period/i.test(name)) return '2026';
  if (/^(code|ticketCode)$/.test(name)) return 'MATRIX00';
  if (/password/i.test(name)) return 'matrix-password-1';
  if (/username/i.test(name)) return 'matrix-nobody';
  return '矩阵检查';
}
