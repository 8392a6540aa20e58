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
  });
  return built;
}

/** The schema as SDL, sorted, exactly as checked in at the repository root. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await apiSchema()))}\n`;
}
