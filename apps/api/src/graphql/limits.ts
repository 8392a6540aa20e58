import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.js';
import { costPlugin, type CostPolicy } from './cost.js';

/**
 * Limits on every request: depth, alias, directive and token limits for everyone (graphql-armor, at
 * validation), then the price of the operation against the caller's per-request maximum and, for partner
 * tokens, their budget (cost.ts, with the cost policy the server is composed with). Armor's own cost limit
 * stays off: cost.ts prices connections by page size.
 */
export function queryLimits(cost: CostPolicy): { apolloOptions: Record<string, unknown>; plugins: ApolloServerPlugin<Context>[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: 16 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    maxTokens: { n: 3000 },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules, ...rest } = armor.protect();
  return {
    apolloOptions: { ...rest, validationRules },
    plugins: [...(plugins as unknown as ApolloServerPlugin<Context>[]), costPlugin(cost)],
  };
}
