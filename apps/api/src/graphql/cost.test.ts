import { describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { GraphQLInterfaceType, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type OperationDefinitionNode } from 'graphql';
import { GraphQLError } from 'graphql';
import { costPlugin, LIST_BOUND_EXTENSION, LIST_ESTIMATE, ListBound, operationCost, type CostPolicy } from './cost.js';
import type { Context } from './context.js';

// a schema of its own: the bounds come from the fields' extensions, whoever declared them
const Item = new GraphQLObjectType({ name: 'Item', fields: { name: { type: GraphQLString } } });
const Named = new GraphQLInterfaceType({ name: 'Named', fields: { friends: { type: new GraphQLList(Item), extensions: { [LIST_BOUND_EXTENSION]: 3 } } } });
const Thing = new GraphQLObjectType({
  name: 'Thing',
  interfaces: [Named],
  fields: { friends: { type: new GraphQLList(Item) }, others: { type: new GraphQLList(Item) }, few: { type: new GraphQLList(Item), extensions: { [LIST_BOUND_EXTENSION]: 2 } } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { items: { type: new GraphQLList(Item), extensions: { [LIST_BOUND_EXTENSION]: 7 } }, thing: { type: Thing } } }),
});
const cost = (query: string) => {
  const document = parse(query);
  return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode);
};

describe('list bounds', () => {
  it("price a plain list by the bound on its field, its interface's field, or else the estimate", () => {
    expect(cost(`{ items { name } }`)).toBe(7);
    expect(cost(`{ thing { few { name } } }`)).toBe(1 + 2);
    expect(cost(`{ thing { friends { name } } }`)).toBe(1 + 3);
    expect(cost(`{ thing { others { name } } }`)).toBe(1 + LIST_ESTIMATE);
  });

  it('must be whole numbers', () => {
    expect(() => ListBound(2.5)).toThrow(/whole number/);
    expect(() => ListBound(-1)).toThrow(/whole number/);
  });
});

describe('the cost plugin', () => {
  async function run(query: string, policy: CostPolicy) {
    const server = new ApolloServer<Context>({ schema, plugins: [costPlugin(policy)] });
    await server.start();
    try {
      const contextValue = { cost: null } as unknown as Context;
      const res = await server.executeOperation({ query }, { contextValue });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      return { result: res.body.singleResult };
    } finally {
      await server.stop();
    }
  }

  it('asks the policy for the maximum, then lets it charge and report, or refuse', async () => {
    const charged: number[] = [];
    let seen: Context | null = null;
    const policy = (limit: number | null, left: number): CostPolicy => ({
      limitFor: () => limit,
      async charge(ctx, { requested }) {
        charged.push(requested);
        seen = ctx;
        const report = { requested, limit, remaining: left - requested };
        return report.remaining >= 0 ? { report } : { report, refusal: new GraphQLError('no budget', { extensions: { code: 'BUDGET_EXHAUSTED' } }) };
      },
    });
    const paid = await run(`{ items { name } }`, policy(10, 100));
    expect(paid.result.errors).toBeUndefined();
    expect(paid.result.extensions?.cost).toEqual({ requested: 7, limit: 10, remaining: 93 });
    // resolvers see what was charged
    expect(seen!.cost).toEqual({ requested: 7, limit: 10, remaining: 93 });

    const refused = await run(`{ items { name } }`, policy(10, 5));
    expect(refused.result.errors?.[0].extensions?.code).toBe('BUDGET_EXHAUSTED');
    expect(refused.result.extensions?.cost).toEqual({ requested: 7, limit: 10, remaining: -2 });

    // over the per-request maximum: refused before anything is charged
    charged.length = 0;
    const tooDear = await run(`{ items { name } }`, policy(5, 100));
    expect(tooDear.result.errors?.[0].extensions?.code).toBe('COST_LIMIT');
    expect(charged).toEqual([]);

    // a caller who pays nothing: priced and reported, nothing left to say
    const free = await run(`{ items { name } }`, { limitFor: () => null, charge: async () => null });
    expect(free.result.extensions?.cost).toEqual({ requested: 7, limit: null, remaining: null });
  });
});
