import { describe, expect, it } from 'vitest';
import { GraphQLInterfaceType, GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type OperationDefinitionNode } from 'graphql';
import { LIST_BOUND_EXTENSION, LIST_ESTIMATE, ListBound, operationCost } from './cost.js';

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
