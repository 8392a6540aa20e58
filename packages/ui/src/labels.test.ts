import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENUM_LABELS, ORG_LEVEL_LABEL, REGISTRATION_STATUS_LABEL } from './index.js';

const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));

describe('enum labels', () => {
  for (const [name, labels] of Object.entries(ENUM_LABELS)) {
    it(`label every value of ${name} in schema.graphql, and nothing else`, () => {
      const type = schema.getType(name);
      expect(type, `${name} is not an enum of schema.graphql`).toBeInstanceOf(GraphQLEnumType);
      const values = (type as GraphQLEnumType).getValues().map((v) => v.name);
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) expect(labels[value as keyof typeof labels], `${name}.${value}`).toMatch(/\p{Script=Han}/u);
    });
  }

  it('are the words staff and residents read', () => {
    expect(ORG_LEVEL_LABEL.COMMUNITY).toBe('社区党委');
    expect(REGISTRATION_STATUS_LABEL.CHECKED_IN).toBe('已签到');
  });

  it('no two values of one enum read the same', () => {
    for (const [name, labels] of Object.entries(ENUM_LABELS)) {
      const words = Object.values(labels);
      expect(new Set(words).size, name).toBe(words.length);
    }
  });
});
