import 'reflect-metadata';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { resolvers } from '../modules/index.js';

let built: Promise<GraphQLSchema> | undefined;

/** The API schema, built once per process from the decorated classes of every module. */
export function apiSchema(): Promise<GraphQLSchema> {
  built ??= Promise.resolve().then(useDefaultResolvers).then(() => buildSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  }).then((schema) => {
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    if (query) query.description = 'Reads. Anonymous callers see public data; staff and partner tokens see their scope.';
    if (mutation) mutation.description = 'Changes. Each takes one `input` and returns a payload with `userErrors` for problems the user can fix.';
    return schema;
  }));
  return built;
}

/** The schema as SDL, sorted, exactly as checked in at the repository root. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await apiSchema()))}\n`;
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
