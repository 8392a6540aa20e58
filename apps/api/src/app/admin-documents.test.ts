import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, parse, typeFromAST,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { apiSchema } from './schema.js';
import { operationCost } from '../graphql/cost.js';
import { loadConfig } from '../config.js';

/**
 * Staff requests are capped (STAFF_COST_MAX_PER_REQUEST). The admin site must never hit that cap on its own: every
 * operation it sends is priced here with its largest pages (first = 100) and must fit under the default cap.
 */
const ADMIN_SRC = fileURLToPath(new URL('../../../admin/src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'gql' || name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** The documents in `graphql(\`…\`)` calls, as the codegen preset finds them. */
function adminDocuments(): { file: string; document: DocumentNode }[] {
  const found: { file: string; document: DocumentNode }[] = [];
  for (const file of sourceFiles(ADMIN_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/graphql\(\s*`([^`]*)`/g)) found.push({ file, document: parse(match[1]) });
  }
  return found;
}

/** A value for a variable: the largest page for page sizes, the smallest valid value otherwise. */
function sample(schema: GraphQLSchema, type: GraphQLInputType, name: string): unknown {
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [sample(schema, t.ofType, name)];
  if (isEnumType(t)) return t.getValues()[0].value;
  if (isInputObjectType(t)) {
    return Object.fromEntries(Object.values(t.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, sample(schema, f.type, f.name)]));
  }
  switch (t.name) {
    case 'Int': return /^(first|last|limit|take|pageSize)$/i.test(name) ? 100 : 1;
    case 'Float': return 1;
    case 'Boolean': return true;
    case 'DateTime': return new Date().toISOString();
    case 'Date': return '2026-01-01';
    default: return 'x';
  }
}

describe('the admin site under the staff cost cap', () => {
  it('prices every operation the admin site sends, at its largest pages, under the default cap', async () => {
    const schema = await apiSchema();
    const cap = loadConfig({ DATABASE_URL: 'postgres://unused' }).STAFF_COST_MAX_PER_REQUEST;
    const documents = adminDocuments();
    expect(documents.length).toBeGreaterThan(10);
    const fragments = documents.flatMap((d) => d.document.definitions.filter((x): x is FragmentDefinitionNode => x.kind === Kind.FRAGMENT_DEFINITION));
    const prices: { name: string; price: number }[] = [];
    for (const { file, document } of documents) {
      for (const operation of document.definitions.filter((x): x is OperationDefinitionNode => x.kind === Kind.OPERATION_DEFINITION)) {
        const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, sample(schema, typeFromAST(schema, v.type as never) as GraphQLInputType, v.variable.name.value)]));
        const whole: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
        const price = operationCost(schema, whole, operation, variables);
        prices.push({ name: `${operation.name?.value ?? '(anonymous)'} in ${file.slice(ADMIN_SRC.length)}`, price });
      }
    }
    // a price of 0 would mean the variables did not coerce and nothing was priced
    expect(prices.filter((p) => p.price === 0)).toEqual([]);
    const over = prices.filter((p) => p.price > cap);
    expect(over, `over the staff cap of ${cap}`).toEqual([]);
    // priced for real: the tree views nest pages, so some operation costs more than a flat list
    expect(Math.max(...prices.map((p) => p.price))).toBeGreaterThan(100);
  });
});
