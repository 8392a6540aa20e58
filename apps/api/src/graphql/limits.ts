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
/** Largest number of tokens in one document: over it, a GRAPHQL_PARSE_FAILED error with HTTP 400. */
export const MAX_TOKENS = 3000;

export function queryLimits(cost: CostPolicy, options: { suggestions: boolean } = { suggestions: true }): { apolloOptions: Record<string, unknown>; plugins: ApolloServerPlugin<Context>[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: 16 },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    // the token limit is graphql-js's own parse option below: armor's version throws from a plugin hook, which
    // Apollo answers with HTTP 500
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // "Did you mean …?" helps developers and maps the schema for attackers: off in production
    blockFieldSuggestion: { enabled: !options.suggestions },
  });
  const { plugins, validationRules, ...rest } = armor.protect();
  return {
    apolloOptions: { ...rest, validationRules, parseOptions: { maxTokens: MAX_TOKENS } },
    plugins: [...(plugins as unknown as ApolloServerPlugin<Context>[]), costPlugin(cost)],
  };
}
