/**
 * Query cost: every request is priced from its document before it runs (the way GitHub and Shopify price
 * theirs), refused when the price is over the per-request maximum, and charged to the budget of a partner
 * token. The response's `extensions.cost` says what was charged and what is left.
 *
 * The price of an operation:
 *   - a field returning an object costs 1, plus what is selected under it; scalars and enums cost 0;
 *   - a connection costs 1, and everything selected under its edges/nodes counts `first` times (default 20);
 *     nested connections multiply (`first: 10` of `first: 10` prices 100 items);
 *   - a plain list of objects counts as 5 items (`nodes(ids:)` as the number of ids);
 *   - a mutation field costs 10 instead of 1;
 *   - connection, edge, page-info, payload and user-error wrappers cost nothing themselves; introspection is free.
 */
import { createRequire } from 'node:module';
import {
  GraphQLError, Kind,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { Config } from '../config.js';
import type { Context } from './context.js';
import { DEFAULT_PAGE_SIZE } from './relay.js';
import { chargeBudget } from '../modules/unit/partner.budget.js';

// The type predicates must come from the graphql copy that built the schema (Node's resolution of the
// package, as type-graphql and Apollo load it); a bundler preferring the ESM build would give a second copy.
const {
  getArgumentValues, getDirectiveValues, getNamedType, getNullableType, getVariableValues, GraphQLIncludeDirective, GraphQLSkipDirective,
  isCompositeType, isLeafType, isListType, isObjectType,
} = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export const OBJECT_COST = 1;
export const MUTATION_COST = 10;
export const LIST_ESTIMATE = 5;

const isConnection = (type: GraphQLCompositeType) => isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
const isWrapper = (type: GraphQLCompositeType) => /(Connection|Edge|Payload)$/.test(type.name) || type.name === 'PageInfo' || type.name === 'UserError';

/** The price of one operation of a document, with its variables. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, rawVariables: Record<string, unknown> = {}): number {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  const variables = 'coerced' in coerced && coerced.coerced ? coerced.coerced : {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const included = (node: FieldNode | SelectionSetNode['selections'][number]) => {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  };

  function argumentsOf(def: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    try {
      return getArgumentValues(def, node, variables);
    } catch {
      return {}; // invalid arguments fail in execution with their own message
    }
  }

  function fieldCost(parent: GraphQLCompositeType, node: FieldNode, listSize: number | null, mutationRoot: boolean): number {
    if (node.name.value.startsWith('__')) return 0;
    const def = 'getFields' in parent ? parent.getFields()[node.name.value] : undefined;
    if (!def) return 0;
    const named = getNamedType(def.type);
    if (isLeafType(named) || !isCompositeType(named)) return 0;
    const args = argumentsOf(def, node);
    const first = typeof args.first === 'number' ? Math.max(0, args.first) : DEFAULT_PAGE_SIZE;
    const own = mutationRoot ? MUTATION_COST : isWrapper(named) ? 0 : OBJECT_COST;
    const children = node.selectionSet ? selectionCost(named, node.selectionSet, isConnection(named) ? first : null) : 0;
    if (isListType(getNullableType(def.type))) {
      const items = listSize ?? (Array.isArray(args.ids) ? args.ids.length : typeof args.first === 'number' ? first : LIST_ESTIMATE);
      return items * (own + children);
    }
    return (isConnection(named) ? OBJECT_COST : own) + children;
  }

  /** Fields on the type itself add up; fragments narrowing to other types count as the dearest of them. */
  function selectionCost(type: GraphQLCompositeType, set: SelectionSetNode, listSize: number | null, mutationRoot = false): number {
    let base = 0;
    const narrowed = new Map<string, number>();
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        base += fieldCost(type, selection, listSize, mutationRoot);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
      if (!condition || !isCompositeType(condition)) continue;
      const cost = selectionCost(condition, fragment.selectionSet, listSize, mutationRoot);
      if (condition.name === type.name) base += cost;
      else narrowed.set(condition.name, (narrowed.get(condition.name) ?? 0) + cost);
    }
    return base + Math.max(0, ...narrowed.values());
  }

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return root ? selectionCost(root, operation.selectionSet, null, operation.operation === 'mutation') : 0;
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
 * The per-request maximum for the caller. Partner tokens: COST_MAX_PER_REQUEST, and never above their whole
 * budget. Callers without a token (the public pages, which nest committees in streets and list a hundred
 * activities for a calendar feed): ANONYMOUS_COST_MAX_PER_REQUEST. Staff sessions are the admin site's own,
 * whose tree views nest paged lists: priced, and capped only when STAFF_COST_MAX_PER_REQUEST is set.
 */
export function costLimitFor(ctx: Context, config: Config): number | null {
  switch (ctx.access.principal.kind) {
    case 'partner': return Math.min(config.COST_MAX_PER_REQUEST, config.PARTNER_BUDGET_POINTS);
    case 'anonymous': return config.ANONYMOUS_COST_MAX_PER_REQUEST;
    case 'staff': return config.STAFF_COST_MAX_PER_REQUEST ?? null;
  }
}

/** The Apollo plugin: price in didResolveOperation (before any resolver runs), report in willSendResponse. */
export function costPlugin(config: Config): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let report: CostReport | null = null;
      return {
        async didResolveOperation(rc) {
          if (!rc.operation) return;
          const ctx = rc.contextValue;
          const requested = operationCost(rc.schema, rc.document, rc.operation, rc.request.variables ?? {});
          const limit = costLimitFor(ctx, config);
          report = { requested, limit, remaining: null };
          ctx.cost = { requested, limit, remaining: null };
          if (limit != null && requested > limit) {
            throw new GraphQLError(
              `查询代价 ${requested} 超过单次上限 ${limit}：请减少 first 或嵌套列表 (query cost ${requested} is over the maximum of ${limit} per request; ask for fewer items or fewer nested lists)`,
              { extensions: { code: 'COST_LIMIT', cost: { requested, limit }, http: { status: 400 } } },
            );
          }
          if (ctx.access.principal.kind !== 'partner') return;
          const charge = await chargeBudget(ctx.em, config, ctx.access.principal.tokenId, requested);
          report = { requested, limit, remaining: charge.state.remaining, budget: charge.state.maximum, refillPerSecond: charge.state.refillPerSecond, resetAt: charge.state.fullAt.toISOString() };
          ctx.cost = { requested, limit, remaining: charge.state.remaining };
          if (!charge.charged) {
            const wait = charge.retryAfterSeconds;
            throw new GraphQLError(
              `接口额度不足：本次需要 ${requested} 点，剩余 ${charge.state.remaining} 点，约 ${wait} 秒后可用 (budget exhausted: this request costs ${requested}, ${charge.state.remaining} left; retry in ${wait} s)`,
              { extensions: { code: 'BUDGET_EXHAUSTED', retryAfterSeconds: wait, cost: report, http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) } } },
            );
          }
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
