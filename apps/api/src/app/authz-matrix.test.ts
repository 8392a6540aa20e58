import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, subscribe, type ExecutionResult, type GraphQLField, type GraphQLSchema } from 'graphql';
import { startTestApi, type TestApi } from '../test/harness.js';
import { apiSchema } from './schema.js';
import { nodeTypeNames } from '../graphql/node.registry.js';
import { fromGlobalId, toGlobalId } from '../graphql/relay.js';
import { httpRoutes } from '../http/registry.js';
import {
  buildWorld, nodeListType, operationFor, outcomeOf, policyReadable, run, sampleIds, type MatrixCaller, type Outcome, type World,
} from './authz-matrix.fixtures.js';
import { mutations, queries, routes, subscriptions, type Allow, type FieldRule, type Targets } from './authz-matrix.spec.js';
import { createContext } from './context.js';
import { Access } from '../modules/access/index.js';

/**
 * The authorization matrix (rows in authz-matrix.spec.ts): every caller against every root field, every node type
 * through node(id) / nodes(ids), every list of nodes, every HTTP route. Runs in one test database, in-process.
 */
let api: TestApi;
let schema: GraphQLSchema;
let world: World;
let targets: Targets;
beforeAll(async () => {
  api = await startTestApi();
  schema = await apiSchema();
  world = await buildWorld(api);
  targets = {
    communityA: toGlobalId('PartyCommittee', world.communityA),
    account(name) {
      const caller = world.callers.find((c) => c.name === name);
      if (caller?.principal.kind !== 'staff') throw new Error(`no staff caller ${name}`);
      return toGlobalId('Account', caller.principal.accountId);
    },
    id(type) {
      const id = world.targets.get(type);
      if (id == null) throw new Error(`the demo data has no ${type} in community A`);
      return toGlobalId(type, id);
    },
  };
}, 120_000);
afterAll(async () => api?.close());

const SPEC = 'apps/api/src/app/authz-matrix.spec.ts';
const STAFF_ROLES = ['VIEWER', 'GRID_WORKER', 'BRANCH_SECRETARY', 'COMMITTEE_ADMIN'];

function allows(token: Allow, caller: MatrixCaller): boolean {
  switch (token) {
    case 'anyone': return true;
    case 'anonymous': return caller.role === 'anonymous';
    case 'staff': return STAFF_ROLES.includes(caller.role);
    case 'writer': return caller.role === 'COMMITTEE_ADMIN' || caller.role === 'BRANCH_SECRETARY';
    default:
      if (token.startsWith('partner:')) return caller.role === 'partner' && caller.scopes.includes(token.slice('partner:'.length));
      return caller.role === token;
  }
}

export function isAllowed(rule: FieldRule, caller: MatrixCaller): boolean {
  if (!rule.allow.some((t) => allows(t, caller))) return false;
  const heldToTarget = rule.scoped === true ? caller.role !== 'anonymous' : rule.scoped === 'partner' ? caller.role === 'partner' : false;
  return !heldToTarget || caller.community === 'A';
}

const REFUSALS: Outcome[] = ['refused', 'not-found', 'nothing'];

/** A row to paste for a field without one: the callers that were not refused, in the spec's words. */
function suggestRow(field: string, outcomes: Map<MatrixCaller, Outcome>): string {
  const let_ = [...outcomes].filter(([, o]) => !REFUSALS.includes(o)).map(([c]) => c);
  if (let_.length === outcomes.size) return `${field}: { allow: ['anyone'] },`;
  const roles = [...new Set(let_.map((c) => (c.role === 'partner' ? `partner:${c.scopes.filter((s) => s !== 'public:read')[0] ?? 'public:read'}` : c.role)))];
  const onlyA = let_.every((c) => c.community !== 'B');
  return `${field}: { allow: ${JSON.stringify(roles).replaceAll('"', "'")}${onlyA ? ', scoped: true' : ''} },   // observed; check it`;
}

async function checkRoot(kind: 'query' | 'mutation') {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const spec = kind === 'query' ? queries : mutations;
  const fields = Object.values(root.getFields()) as GraphQLField<unknown, unknown>[];
  // callers that may change things go last, community A's committee admin very last, so refused callers meet the seed
  const rank = (c: MatrixCaller) => (c.name === 'COMMITTEE_ADMIN@A' ? 3 : c.role === 'COMMITTEE_ADMIN' ? 2 : c.role === 'BRANCH_SECRETARY' ? 1 : 0);
  const callers = [...world.callers].sort((a, b) => rank(a) - rank(b));
  const problems: string[] = [];
  const missing: string[] = [];
  for (const field of fields) {
    const rule = spec[field.name];
    const given = rule?.args?.(targets);
    const op = operationFor(kind, field, world, undefined);
    if (given) for (const [k, v] of Object.entries(given)) op.variables[k] = mergeValue(op.variables[k], v);
    const fixed = given ? operationFor(kind, field, world, op.variables) : op;
    const outcomes = new Map<MatrixCaller, Outcome>();
    for (const caller of callers) {
      const answer = await run(api, schema, caller, fixed.source, fixed.variables);
      const outcome = outcomeOf(answer, field.name);
      outcomes.set(caller, outcome);
      if (outcome === 'error:INTERNAL_SERVER_ERROR') {
        problems.push(`${kind} ${field.name} as ${caller.name}: internal error ${answer.errors[0]?.message}`);
        continue;
      }
      if (!rule) continue;
      const allowed = isAllowed(rule, caller);
      if (allowed && outcome === 'refused') problems.push(`${kind} ${field.name} as ${caller.name}: refused, but the matrix allows it`);
      const harmless = REFUSALS.includes(outcome) || (rule.validatesFirst && (outcome === 'error:INVALID_INPUT' || outcome === 'error:BAD_USER_INPUT'));
      if (!allowed && !harmless) problems.push(`${kind} ${field.name} as ${caller.name}: got ${outcome}, but the matrix does not allow it (a leak, or a missing refusal)`);
    }
    if (!rule) missing.push(`  ${suggestRow(field.name, outcomes)}`);
  }
  const stale = Object.keys(spec).filter((name) => !fields.some((f) => f.name === name));
  return { problems, missing, stale };
}

/** Merge given argument values over made-up ones (input objects field by field). */
function mergeValue(made: unknown, given: unknown): unknown {
  if (made && given && typeof made === 'object' && typeof given === 'object' && !Array.isArray(given)) return { ...(made as object), ...(given as object) };
  return given;
}

describe('the authorization matrix', () => {
  it('has callers of every kind in two communities, and targets for the node types', () => {
    const names = world.callers.map((c) => c.name);
    for (const role of [...STAFF_ROLES]) expect(names).toEqual(expect.arrayContaining([`${role}@A`, `${role}@B`]));
    expect(names.filter((n) => n.startsWith('partner')).length).toBeGreaterThanOrEqual(6);
    expect(world.targets.size).toBeGreaterThan(20);
  });

  it('every node type answers node(id) and nodes(ids) with exactly what its policy lets each caller read', async () => {
    const problems: string[] = [];
    let visible = 0;
    let hidden = 0;
    for (const caller of world.callers) {
      for (const type of nodeTypeNames()) {
        const ids = await sampleIds(api, caller, type);
        if (!ids.length) continue;
        const readable = await policyReadable(api, caller, type, ids);
        for (let i = 0; i < ids.length; i += 100) {
          const chunk = ids.slice(i, i + 100);
          const answer = await run(api, schema, caller, 'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: chunk.map((id) => toGlobalId(type, id)) });
          if (answer.errors.length) {
            problems.push(`nodes(${type}) as ${caller.name}: ${answer.errors[0].code} ${answer.errors[0].message}`);
            continue;
          }
          (answer.data!.nodes as ({ id: string } | null)[]).forEach((node, j) => {
            const id = chunk[j];
            const should = readable.has(id);
            if (node) visible++;
            else hidden++;
            if (!!node !== should) problems.push(`${type} ${id} as ${caller.name}: ${node ? 'visible through nodes(ids), but its policy refuses it' : 'hidden from nodes(ids), but its policy allows it'}`);
            if (node && fromGlobalId(node.id)?.id !== id) problems.push(`${type} ${id} as ${caller.name}: came back as ${node.id}`);
          });
        }
        // node(id) takes the same way in: one readable and one unreadable object each
        for (const id of [ids.find((x) => readable.has(x)), ids.find((x) => !readable.has(x))]) {
          if (id == null) continue;
          const one = await run(api, schema, caller, 'query($id: ID!) { node(id: $id) { __typename id } }', { id: toGlobalId(type, id) });
          if (!!one.data?.node !== readable.has(id)) problems.push(`${type} ${id} as ${caller.name}: node(id) ${one.data?.node ? 'shows' : 'hides'} it, its policy ${readable.has(id) ? 'allows' : 'refuses'} it`);
        }
      }
    }
    expect(problems).toEqual([]);
    // the check saw both sides
    expect(visible).toBeGreaterThan(500);
    expect(hidden).toBeGreaterThan(500);
  }, 300_000);

  it('every list of nodes (connections, searches, lists) returns only objects the caller may read', async () => {
    const problems: string[] = [];
    let seen = 0;
    const root = schema.getQueryType()!;
    const lists = (Object.values(root.getFields()) as GraphQLField<unknown, unknown>[]).filter((f) => f.name !== 'nodes' && nodeListType(f));
    expect(lists.length).toBeGreaterThan(15);
    for (const caller of world.callers) {
      for (const field of lists) {
        const rule = queries[field.name];
        const made = operationFor('query', field, world, rule?.args?.(targets));
        const isConnection = !!(schema.getType(String(field.type).replace(/[![\]]/g, '')) as { getFields?: () => Record<string, unknown> })?.getFields?.().edges;
        const args = [...field.args.filter((a) => a.name in made.variables).map((a) => `${a.name}: $${a.name}`), ...(field.args.some((a) => a.name === 'first') ? ['first: 100'] : [])];
        const decl = field.args.filter((a) => a.name in made.variables).map((a) => `$${a.name}: ${a.type}`);
        const selection = isConnection ? '{ edges { node { __typename id } } }' : '{ __typename id }';
        const source = `query${decl.length ? `(${decl.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
        const answer = await run(api, schema, caller, source, made.variables);
        const value = answer.data?.[field.name];
        if (!value) continue;
        const items: { __typename: string; id: string }[] = isConnection ? value.edges.map((e: { node: unknown }) => e.node) : value;
        const byType = new Map<string, number[]>();
        for (const item of items) {
          const decoded = fromGlobalId(item.id);
          if (!decoded) continue;
          byType.set(decoded.type, [...(byType.get(decoded.type) ?? []), decoded.id]);
        }
        for (const [type, ids] of byType) {
          const readable = await policyReadable(api, caller, type, ids);
          seen += ids.length;
          for (const id of ids) if (!readable.has(id)) problems.push(`${field.name} as ${caller.name}: lists ${type} ${id}, which its policy refuses`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(seen).toBeGreaterThan(1000);
  }, 300_000);

  it('every query field is in the matrix, and answers each caller as its row says', async () => {
    const { problems, missing, stale } = await checkRoot('query');
    expect(missing, `Query fields without a row in ${SPEC} (add them to \`queries\`; suggested rows, from what each caller got):\n${missing.join('\n')}\n`).toEqual([]);
    expect(stale, `rows in ${SPEC} for Query fields that no longer exist`).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  // last: allowed callers may really change things (in this test's own database)
  it('every mutation is in the matrix, refuses the callers its row does not allow and lets in those it does', async () => {
    const { problems, missing, stale } = await checkRoot('mutation');
    expect(missing, `Mutation fields without a row in ${SPEC} (add them to \`mutations\`; suggested rows, from what each caller got):\n${missing.join('\n')}\n`).toEqual([]);
    expect(stale, `rows in ${SPEC} for Mutation fields that no longer exist`).toEqual([]);
    expect(problems).toEqual([]);
  }, 300_000);

  it('every subscription is in the matrix: refused callers cannot subscribe, allowed ones receive exactly what they may read', async () => {
    const root = schema.getSubscriptionType();
    const fields = root ? Object.keys(root.getFields()) : [];
    const missing = fields.filter((f) => !(f in subscriptions)).map((f) => `  ${f}: { allow: ['staff'], type: '<node type it yields>' },`);
    expect(missing, `Subscription fields without a row in ${SPEC} (add them to \`subscriptions\`):\n${missing.join('\n')}\n`).toEqual([]);
    expect(Object.keys(subscriptions).filter((f) => !fields.includes(f)), `rows in ${SPEC} for subscriptions that no longer exist`).toEqual([]);

    // every caller subscribes to everything it may read, in-process, as graphql-ws would run it
    const problems: string[] = [];
    const open: { caller: MatrixCaller; field: string; received: number[]; iterator: AsyncIterator<ExecutionResult> }[] = [];
    for (const field of fields) {
      const rule = subscriptions[field]!;
      for (const caller of world.callers) {
        const ctx = createContext(api.orm.em, api.config, new Access(caller.principal));
        const result = await subscribe({ schema, document: parse(`subscription { ${field} { id } }`), contextValue: ctx });
        const allowed = isAllowed(rule, caller);
        if (!(Symbol.asyncIterator in result)) {
          const codes = (result.errors ?? []).map((e) => e.extensions?.code);
          const refused = codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED');
          if (allowed) problems.push(`${field} as ${caller.name}: refused (${codes.join(', ')}), the matrix allows it`);
          else if (!refused) problems.push(`${field} as ${caller.name}: answered ${codes.join(', ') || 'without errors'}, not a refusal`);
          continue;
        }
        if (!allowed) problems.push(`${field} as ${caller.name}: subscribed, the matrix does not allow it`);
        const entry = { caller, field, received: [] as number[], iterator: result[Symbol.asyncIterator]() };
        open.push(entry);
        void (async () => {
          for (;;) {
            const next = await entry.iterator.next();
            if (next.done) return;
            const id = (next.value.data as Record<string, { id: string } | null> | undefined)?.[field]?.id;
            if (id) entry.received.push(Number(fromGlobalId(id)!.id));
            else if (next.value.errors?.length) problems.push(`${field} as ${caller.name}: ${next.value.errors.map((e) => e.message).join('; ')}`);
          }
        })();
      }
    }

    // changes in community A: a demand on the committee and one on a branch, a resident's sign-up
    const admin = world.callers.find((c) => c.name === 'COMMITTEE_ADMIN@A')!;
    const anonymous = world.callers.find((c) => c.role === 'anonymous')!;
    const [branch] = await api.sql<{ id: number; level: string }>(`select id, level from org_node where parent_id = ${world.communityA} and level = 'BRANCH' order by id limit 1`);
    const demandIds: number[] = [];
    for (const node of [toGlobalId('PartyCommittee', world.communityA), toGlobalId('Branch', branch!.id)]) {
      const made = await run(api, schema, admin, `mutation($input: CreateDemandInput!) { createDemand(input: $input) { demand { id } userErrors { message } } }`, {
        input: { orgNodeId: node, channel: 'WALK_IN', category: 'ENVIRONMENT', title: '矩阵检查：楼道堆物', description: '订阅检查', place: { text: '1 单元' }, residentName: '王秀英', residentPhone: '13812341234' } });
      const id = made.data?.createDemand?.demand?.id as string | undefined;
      expect(id, JSON.stringify(made)).toBeTruthy();
      demandIds.push(Number(fromGlobalId(id!)!.id));
    }
    const [activity] = await api.sql<{ id: number }>(`select a.id from activity a where a.community_id = ${world.communityA} and a.status = 'PUBLISHED' and a.audience = 'PUBLIC'
      and a.starts_at > now() and (a.registration_opens_at is null or a.registration_opens_at < now()) and (a.registration_closes_at is null or a.registration_closes_at > now()) order by a.id limit 1`);
    const signedUp = await run(api, schema, anonymous, `mutation($input: RegistrationCreateInput!) { registrationCreate(input: $input) { registration { id } userErrors { code message } } }`, {
      input: { activityId: toGlobalId('Activity', activity!.id), name: '李建国', phone: '13912345678', joinWaitlist: true } });
    const registrationIds: number[] = [];
    const reg = signedUp.data?.registrationCreate?.registration?.id as string | undefined;
    if (reg) registrationIds.push(Number(fromGlobalId(reg)!.id));
    expect(registrationIds.length, JSON.stringify(signedUp)).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 1_500).unref());
    expect(open.filter((e) => e.received.length > 0).length, 'some allowed subscriber received the changes').toBeGreaterThan(0);
    for (const entry of open) {
      const type = subscriptions[entry.field]!.type;
      const sent = type === 'Demand' ? demandIds : registrationIds;
      const readable = await policyReadable(api, entry.caller, type, sent);
      const got = new Set(entry.received.filter((id) => sent.includes(id)));
      for (const id of got) if (!readable.has(id)) problems.push(`${entry.field} as ${entry.caller.name}: received ${type} ${id}, which its policy refuses`);
      for (const id of readable) if (!got.has(id)) problems.push(`${entry.field} as ${entry.caller.name}: did not receive ${type} ${id}, which it may read`);
      // ends the subscription (the pending read ends with it; not awaited: it waits for a next message)
      void entry.iterator.return?.();
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('every HTTP route is in the matrix, and turns away callers it does not let in', async () => {
    const declared = httpRoutes().map((r) => ({ key: `${r.method} ${r.path}`, auth: r.auth }));
    const missing = declared.filter((r) => !(r.key in routes)).map((r) => `  '${r.key}': '${r.auth}',`);
    expect(missing, `HTTP routes without a row in ${SPEC} (add them to \`routes\`):\n${missing.join('\n')}\n`).toEqual([]);
    expect(declared.filter((r) => routes[r.key] !== r.auth).map((r) => `${r.key} declares ${r.auth}, the matrix says ${routes[r.key]}`)).toEqual([]);
    const base = api.url.replace(/\/graphql$/, '');
    const partner = world.callers.find((c) => c.role === 'partner' && c.community === 'A' && c.scopes.length > 3)!;
    const problems: string[] = [];
    // the partner token is a working one: it signs in where partners may go
    expect((await api.gql('{ partnerUnit { id } }', {}, partner.bearer)).data?.partnerUnit?.id).toBeTruthy();
    for (const route of httpRoutes()) {
      if (route.auth === 'public') continue;
      const path = route.path.replace(/:(\w+)/g, '1');
      const anon = await fetch(`${base}${path}`, { method: route.method, headers: { 'content-type': 'application/json' }, body: route.method === 'POST' ? '{}' : undefined });
      if (anon.status !== 401) problems.push(`${route.method} ${route.path} without a token: ${anon.status}, not 401`);
      if (route.auth === 'staff') {
        const res = await fetch(`${base}${path}`, { method: route.method, headers: { 'content-type': 'application/json', authorization: `Bearer ${partner.bearer}` }, body: route.method === 'POST' ? '{}' : undefined });
        if (res.status !== 401 && res.status !== 403) problems.push(`${route.method} ${route.path} with a partner token: ${res.status}, not 401/403`);
      }
    }
    expect(problems).toEqual([]);
  });
});
