import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLNamedType } from 'graphql';
import { apiSchema, schemaSdl } from './schema.js';

/** Partners read the schema as documentation: everything in it must say what it is. */
describe('the schema', () => {
  it('describes every type, field, argument and enum value', async () => {
    const schema = await apiSchema();
    const missing: string[] = [];
    const types = Object.values(schema.getTypeMap()).filter((t: GraphQLNamedType) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));
    for (const type of types) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isScalarType(type) || isUnionType(type)) continue;
    }
    expect(missing).toEqual([]);
  });

  it('is what the checked-in schema.graphql says', async () => {
    const checkedIn = await readFile(fileURLToPath(new URL('../../../../schema.graphql', import.meta.url)), 'utf8');
    expect(checkedIn === (await schemaSdl()), 'schema.graphql is out of date: run npm run gen:schema').toBe(true);
  });
});
