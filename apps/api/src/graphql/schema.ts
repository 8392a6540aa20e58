import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { resolvers } from '../modules/index.js';

let built: Promise<GraphQLSchema> | undefined;

/** The API schema, built once per process from the decorated classes of every module. */
export function apiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  }).then((schema) => {
    const query = schema.getQueryType();
    const mutation = schema.getMutationType();
    if (query) query.description = 'Reads. Anonymous callers see public data; staff and partner tokens see their scope.';
    if (mutation) mutation.description = 'Changes. Each takes one `input` and returns a payload with `userErrors` for problems the user can fix.';
    return schema;
  });
  return built;
}

/** The schema as SDL, sorted, exactly as checked in at the repository root. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await apiSchema()))}\n`;
}
