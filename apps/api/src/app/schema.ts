import type { GraphQLSchema } from 'graphql';
import { buildApiSchema, sortedSdl } from '../graphql/schema.js';
import { resolvers } from '../modules/index.js';

let built: Promise<GraphQLSchema> | undefined;

/** The API schema, built once per process from the decorated classes of every module. */
export function apiSchema(): Promise<GraphQLSchema> {
  built ??= buildApiSchema(resolvers);
  return built;
}

/** The schema as SDL, sorted, exactly as checked in at the repository root. */
export async function schemaSdl(): Promise<string> {
  return sortedSdl(await apiSchema());
}
