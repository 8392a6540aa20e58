/**
 * Query cost: every request is priced from its document before it runs (the way GitHub and Shopify price
 * theirs), refused when the price is over the per-request maximum, and charged to the budget of a partner
 * token. The response's `extensions.cost` says what was charged and what is left.
 *
 * The price of an operation:
 *   - a field returning an object costs 1, plus what is selected under it; scalars and enums cost 0;
 *   - a connection costs 1, and everything selected under its edges/nodes counts `first` times (default 20);
 *     nested connections multiply (`first: 10` of `first: 10` prices 100 items);
 *   - a plain list of objects counts as many items as it can hold (the `ListBound` its module put on the field,
 *     enforced where the list is made); `nodes(ids:)` as the number of ids;
 *   - a mutation field costs 10 instead of 1;
 *   - connection, edge, page-info, payload and user-error wrappers cost nothing themselves; introspection is free.
 * Selections are priced as they execute: fragments that apply to an object all count (fields selected twice
 * under one response name run once); on an interface or union, each possible type is priced with what applies
 * to it, and the dearest counts. An operation whose variables cannot be coerced never runs and costs nothing
 * (execution answers BAD_USER_INPUT).
 */
import { createRequire } from 'node:module';
import {
  GraphQLError, Kind,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLNamedType, type GraphQLObjectType,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { Extensions } from 'type-graphql';
import type { Context } from './context.js';
import { DEFAULT_PAGE_SIZE } from './relay.js';

// The type predicates must come from the graphql copy that built the schema (Node's resolution of the
// package, as type-graphql and Apollo load it); a bundler preferring the ESM build would give a second copy.
const {
  getArgumentValues, getDirectiveValues, getNamedType, getNullableType, getVariableValues, GraphQLIncludeDirective, GraphQLSkipDirective,
  isAbstractType, isCompositeType, isLeafType, isListType, isObjectType,
} = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const OBJECT_COST = 1;
export const MUTATION_COST = 10;
/**
 * Plain lists with no `ListBound`: an estimate, for lists of a handful of items by nature (an account's grants,
 * a member's positions, a volunteer's teams, an activity's co-hosts).
 */
export const LIST_ESTIMATE = 5;
/** Pricing visits at most this many fields (with their possible types); a document needing more is refused. */
const MAX_PRICING_STEPS = 50_000;

/** The field extension that holds a plain list's bound. */
export const LIST_BOUND_EXTENSION = 'listBound';

/**
 * On a field (or field resolver) returning a plain list of objects: the most items it holds, which the module
 * enforces where it makes the list; the price counts that many. On an interface field it holds for every
 * implementation.
 */
export function ListBound(items: number): MethodDecorator & PropertyDecorator {
  if (!Number.isInteger(items) || items < 0) throw new Error(`a list bound must be a whole number: ${items}`);
  return Extensions({ [LIST_BOUND_EXTENSION]: items });
}

const isConnection = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
const isWrapper = (type: GraphQLNamedType) => /(Connection|Edge|Payload)$/.test(type.name) || type.name === 'PageInfo' || type.name === 'UserError';

function listBound(parent: GraphQLObjectType, field: string): number {
  for (const owner of [parent, ...parent.getInterfaces()]) {
    const bound = owner.getFields()[field]?.extensions?.[LIST_BOUND_EXTENSION];
    if (typeof bound === 'number') return bound;
  }
  return LIST_ESTIMATE;
}

function tooComplex(): GraphQLError {
  return new GraphQLError('查询过于复杂，无法计价：请减少片段与嵌套 (the query is too complex to price; use fewer fragments and less nesting)',
    { extensions: { code: 'COST_LIMIT', http: { status: 400 } } });
}

/** The price of one operation of a document, with its variables. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> = {}): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  // bad or missing variables: nothing runs, and execution reports them as it would without any directive
  if (!('coerced' in coerced) || !coerced.coerced) return 0;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let steps = 0;

  const included = (node: SelectionNode) => {
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
    } catch {
      return true; // cannot happen once variables are coerced and the document validated; priced as included
    }
  };

  function argumentsOf(def: ReturnType<GraphQLObjectType['getFields']>[string], node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(def, node, variables);
    } catch {
      return {}; // invalid arguments fail in execution with their own message
    }
  }

  const applies = (condition: GraphQLNamedType, type: GraphQLObjectType) =>
    condition === type || (isAbstractType(condition) && schema.isSubType(condition, type));

  /** The fields an object of `type` executes for the selection sets, by response name (as graphql's collectFields). */
  function collectFields(type: GraphQLObjectType, sets: readonly SelectionSetNode[], into = new Map<string, FieldNode[]>(), visited = new Set<string>()): Map<string, FieldNode[]> {
    for (const set of sets) {
      for (const selection of set.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          into.set(key, [...(into.get(key) ?? []), selection]);
          continue;
        }
        let fragment: { typeCondition?: { name: { value: string } }; selectionSet: SelectionSetNode } | undefined = selection.kind === Kind.INLINE_FRAGMENT ? selection : undefined;
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          if (visited.has(selection.name.value)) continue;
          visited.add(selection.name.value);
          fragment = fragments.get(selection.name.value);
        }
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (!condition || !applies(condition, type)) continue;
        collectFields(type, [fragment.selectionSet], into, visited);
      }
    }
    return into;
  }

  // the same selections under the same type cost the same: price them once (nested interfaces would multiply otherwise)
  const setIds = new Map<SelectionSetNode, number>();
  const idOf = (set: SelectionSetNode) => {
    if (!setIds.has(set)) setIds.set(set, setIds.size);
    return setIds.get(set)!;
  };
  const memo = new Map<string, number>();

  /** What objects of `type` select: on an interface or union, the dearest of its possible types. */
  function selectionCost(type: GraphQLCompositeType, sets: readonly SelectionSetNode[], listSize: number | null, mutationRoot = false): number {
    const key = `${type.name}|${listSize}|${mutationRoot}|${sets.map(idOf).join(',')}`;
    const known = memo.get(key);
    if (known != null) return known;
    let dearest = 0;
    for (const object of isObjectType(type) ? [type] : schema.getPossibleTypes(type)) {
      let total = 0;
      for (const nodes of collectFields(object, sets).values()) {
        if (++steps > MAX_PRICING_STEPS) throw tooComplex();
        total += fieldCost(object, nodes, listSize, mutationRoot);
      }
      dearest = Math.max(dearest, total);
    }
    memo.set(key, dearest);
    return dearest;
  }

  /** One field as executed: the nodes selecting it under one response name, merged. */
  function fieldCost(parent: GraphQLObjectType, nodes: FieldNode[], listSize: number | null, mutationRoot: boolean): number {
    const node = nodes[0];
    if (node.name.value.startsWith('__')) return 0;
    const def = parent.getFields()[node.name.value];
    if (!def) return 0;
    const named = getNamedType(def.type);
    if (isLeafType(named) || !isCompositeType(named)) return 0;
    const args = argumentsOf(def, node);
    const first = typeof args.first === 'number' ? Math.max(0, args.first) : DEFAULT_PAGE_SIZE;
    const own = mutationRoot ? MUTATION_COST : isWrapper(named) ? 0 : OBJECT_COST;
    const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    const children = sets.length ? selectionCost(named, sets, isConnection(named) ? first : null) : 0;
    if (isListType(getNullableType(def.type))) {
      const items = listSize ?? (Array.isArray(args.ids) ? args.ids.length : typeof args.first === 'number' ? first : listBound(parent, def.name));
      return items * (own + children);
    }
    return (isConnection(named) ? OBJECT_COST : own) + children;
  }

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return root ? selectionCost(root, [operation.selectionSet], null, operation.operation === 'mutation') : 0;
}

/** What `extensions.cost` reports. */
export interface CostReport {
  /** The price of this request. */
  requested: number;
  /** The largest price one request may have, for this caller (null: no maximum). */
  limit: number | null;
  /** Points left in the partner token's budget after this request; null for other callers. */
  remaining: number | null;
  /** Partner tokens: the budget's maximum, its refill rate, and when it is full again. */
  budget?: number;
  refillPerSecond?: number;
  resetAt?: string;
}

/**
 * Who pays what: the per-request maximum of a caller, and where a priced request is charged. Supplied where the
 * server is composed (the partner module: per-request maxima by kind of caller, and partner tokens' budgets).
 */
export interface CostPolicy {
  /** The largest price one request of this caller may have (null: no maximum). */
  limitFor(ctx: Context): number | null;
  /**
   * Charge a request that is within its maximum. Returns the report to send (with what is left) and, when the
   * caller cannot pay, the error that refuses the request before it runs; null when the caller pays nothing.
   */
  charge(ctx: Context, price: { requested: number; limit: number | null }): Promise<{ report: CostReport; refusal?: GraphQLError } | null>;
}

/** The Apollo plugin: price in didResolveOperation (before any resolver runs), report in willSendResponse. */
export function costPlugin(policy: CostPolicy): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let report: CostReport | null = null;
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const ctx = rc.contextValue;
          const requested = operationCost(rc.schema, rc.document, rc.operation, rc.request.variables ?? {});
          const limit = policy.limitFor(ctx);
          report = { requested, limit, remaining: null };
          ctx.cost = { requested, limit, remaining: null };
          if (limit != null && requested > limit) {
            throw new GraphQLError(
              `查询代价 ${requested} 超过单次上限 ${limit}：请减少 first 或嵌套列表 (query cost ${requested} is over the maximum of ${limit} per request; ask for fewer items or fewer nested lists)`,
              { extensions: { code: 'COST_LIMIT', cost: { requested, limit }, http: { status: 400 } } },
            );
          }
          const charged = await policy.charge(ctx, { requested, limit });
          if (!charged) return;
          report = charged.report;
          ctx.cost = { requested, limit, remaining: charged.report.remaining };
          if (charged.refusal) throw charged.refusal;
        },
        async willSendResponse(rc) {
          if (!report || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
