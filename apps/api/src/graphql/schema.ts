import 'reflect-metadata';
import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

/** Build the API schema from the decorated resolver classes of the modules (app/schema.ts passes them all). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function buildApiSchema(resolvers: NonEmptyArray<Function>): Promise<GraphQLSchema> {
  useDefaultResolvers();
  return buildSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    // subscriptions give their own `subscribe` (graphql/live.ts over the instances' bus), never `topics`
    pubSub: {
      publish: () => {},
      subscribe: () => {
        throw new Error('subscriptions here declare `subscribe`, not `topics`');
      },
    },
  }).then((schema) => {
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    if (query) query.description = 'Reads. Anonymous callers see public data; staff and partner tokens see their scope.';
    if (mutation) mutation.description = 'Changes. Each takes one `input` and returns a payload with `userErrors` for problems the user can fix.';
    const subscription = schema.getSubscriptionType();
    if (subscription) subscription.description = 'Live updates over graphql-ws (`ws://…/graphql`, sign-in in `connectionParams.authorization`). Every message is what the subscriber could query at that moment.';
    return schema;
  });
}

/** A schema as SDL, sorted, the way schema.graphql at the repository root is written. */
export function sortedSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * A plain property field (same name in GraphQL and in the class, no middleware, no roles) needs no resolver of
 * its own: graphql-js reads the property. Without this, type-graphql wraps every such field in a resolver
 * that runs the (empty) middleware chain, which costs more than the read itself on large lists.
 */
function useDefaultResolvers(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple === undefined && field.name === field.schemaName && !field.middlewares?.length && !field.roles?.length) field.simple = true;
  }
}
