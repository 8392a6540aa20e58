import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, isUnionType, type GraphQLField, type GraphQLInputType } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestApi, type TestApi } from '../test/harness.js';

/**
 * Hostile and careless input thrown at the API: malformed bodies, wrong content types, invalid UTF-8, documents
 * stitched from the real schema with wrong, huge, nested and script-laden values, malformed IDs. Every answer
 * must be JSON with a status under 500, a typed code on every error, and nothing of the server's insides; the
 * server must still answer afterwards.
 */
let api: TestApi;
let token: string;
beforeAll(async () => {
  api = await startTestApi();
  token = await api.login('hongkang-admin');
});
afterAll(async () => api?.close());

const schema = buildSchema(readFileSync(fileURLToPath(new URL('../../../../schema.graphql', import.meta.url)), 'utf8'));
const queryFields = Object.values(schema.getQueryType()!.getFields());
// not signing the fuzzing session itself out
const mutationFields = Object.values(schema.getMutationType()!.getFields()).filter((f) => f.name !== 'sessionRevoke');

const nasty = fc.oneof(
  fc.constantFrom("' or 1=1 --", '"; drop table account; --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '\u0000', '\ud800', '\uffff',
    '${7*7}', '{{7*7}}', 'T3JnTm9kZTox', 'T3JnTm9kZTotMQ==', 'Activity:99999999999999999999', '!!!', ''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const scalar = fc.oneof(nasty, fc.integer(), fc.double(), fc.constantFrom(2 ** 53, -(2 ** 31) - 1, 1e308, Number.MAX_SAFE_INTEGER), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', maxDepth: 6 }, scalar, fc.array(tie('v'), { maxLength: 5 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 5 })),
})).v;

/** A literal in GraphQL syntax for any JS value (often of the wrong type for the argument). */
function literal(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '0';
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  return `{ ${Object.entries(v as object).filter(([k]) => /^[_A-Za-z]\w*$/.test(k)).map(([k, x]) => `${k}: ${literal(x)}`).join(', ')} }`;
}

const fieldCall = (fields: GraphQLField<unknown, unknown>[]) =>
  fc.tuple(fc.constantFrom(...fields), fc.array(value, { maxLength: 4 }), fc.boolean()).map(([field, values, useVariables]) => {
    const args = field.args.map((a, i) => (useVariables ? `${a.name}: $v${i}` : `${a.name}: ${literal(values[i] ?? null)}`));
    const named = getNamedType(field.type);
    const sub = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
    const vars = useVariables && field.args.length ? `(${field.args.map((_, i) => `$v${i}: ${field.args[i].type.toString()}`).join(', ')})` : '';
    const variables = Object.fromEntries(field.args.map((_, i) => [`v${i}`, values[i] ?? null]));
    return { text: `${field.name}${args.length ? `(${args.join(', ')})` : ''}${sub}`, vars, variables };
  });

/** A value of roughly the right type for an argument (so the call gets past validation into the resolvers), with hostile contents. */
function typed(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typed(type.ofType, depth);
  const nullable = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });
  if (isListType(type)) return nullable(fc.array(typed(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 }));
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value as unknown));
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant(null);
    const fields = Object.values(type.getFields());
    return nullable(fc.tuple(...fields.map((f) => typed(f.type, depth + 1))).map((vals) => Object.fromEntries(fields.map((f, i) => [f.name, vals[i]]).filter(([, v]) => v !== null))));
  }
  switch (type.name) {
    case 'Int': return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1));
    case 'Float': return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(0));
    case 'Boolean': return fc.boolean();
    case 'ID': return fc.oneof(nasty, fc.constantFrom('T3JnTm9kZTox', 'QWN0aXZpdHk6MQ==', 'RGVtYW5kOjE=', 'T3JnTm9kZTo5OTk5OTk5OTk5OTk5', 'T3JnTm9kZTphYmM='));
    case 'DateTime': case 'Date': return fc.oneof(fc.date({ min: new Date(1900, 0, 1), max: new Date(2200, 0, 1), noInvalidDate: true }).map((d) => d.toISOString()), nasty);
    default: return nasty;
  }
}

const typedCall = (fields: GraphQLField<unknown, unknown>[], kind: 'query' | 'mutation') =>
  fc.constantFrom(...fields).chain((field) =>
    fc.tuple(...field.args.map((a) => typed(a.type))).map((values) => {
      const named = getNamedType(field.type);
      const sub = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
      const vars = field.args.length ? `(${field.args.map((a, i) => `$v${i}: ${a.type.toString()}`).join(', ')})` : '';
      const call = field.args.length ? `(${field.args.map((a, i) => `${a.name}: $v${i}`).join(', ')})` : '';
      return { query: `${kind} X${vars} { ${field.name}${call}${sub} }`, variables: Object.fromEntries(values.map((v, i) => [`v${i}`, v])) };
    }));

const documents = fc.oneof(
  typedCall(queryFields, 'query'),
  typedCall(mutationFields, 'mutation'),
  fieldCall(queryFields).map((c) => ({ query: `query Q${c.vars} { ${c.text} }`, variables: c.variables })),
  fieldCall(mutationFields).map((c) => ({ query: `mutation M${c.vars} { ${c.text} }`, variables: c.variables })),
  fc.tuple(fc.string({ maxLength: 200 }), value).map(([query, variables]) => ({ query, variables })),
  fc.array(fc.constantFrom('{', '}', '(', ')', 'query', 'mutation', 'node', 'id', ':', '$x', '...', 'on', '@skip', '"', '#', '__schema', 'fragment', 'f'), { maxLength: 60 })
    .map((t) => ({ query: t.join(' '), variables: {} })),
  fc.integer({ min: 17, max: 400 }).map((depth) => ({ query: `{ ${'orgRoots(first: 1) { edges { node { '.repeat(depth % 40)} id ${'} } } '.repeat(depth % 40)} }`, variables: {} })),
  value.map((anything) => anything as { query: string; variables: unknown }),
);

type Body = { body: string | Uint8Array; type: string | null };
const bodies: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: documents.map((d) => ({ body: JSON.stringify(d), type: 'application/json' })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((s) => ({ body: s, type: 'application/json' })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => ({ body: b, type: 'application/json; charset=utf-8' })) },
  { weight: 1, arbitrary: fc.tuple(documents, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', null, 'application/json; charset=latin-9'))
    .map(([d, type]) => ({ body: JSON.stringify(d), type })) },
);

async function send(b: Body, withToken: boolean) {
  const headers: Record<string, string> = {};
  if (b.type) headers['content-type'] = b.type;
  if (withToken) headers.authorization = `Bearer ${token}`;
  const res = await fetch(api.url, { method: 'POST', headers, body: b.body as BodyInit });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('hostile input', () => {
  it('is always answered with typed JSON under 500, never internals', { timeout: 300_000 }, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies, fc.boolean(), async (b, withToken) => {
        const res = await send(b, withToken);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
        expect(res.type).toMatch(/json/);
        const json = JSON.parse(res.text);
        for (const e of json.errors ?? []) {
          expect(typeof e.extensions?.code, res.text.slice(0, 300)).toBe('string');
          expect(e.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
        }
        expect(res.text).not.toMatch(/<html|\bat [\w.<>]+ \(|node_modules|\/work\/|\.ts:\d+/i);
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    if (process.env.FUZZ_REPORT) console.log(Object.fromEntries(seen));
    // the mix reached the API's insides, not only the body parser
    expect([...seen.keys()].some((s) => s === 200)).toBe(true);
    expect((await fetch(api.url.replace(/graphql$/, 'readyz'))).status).toBe(200);
  });
});
