import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test/harness.js';

/**
 * What a careless client or an attacker meets: every refusal is JSON with a typed code and the right status,
 * never an HTML page, a stack trace or a server path; sign-in slows guessing down; public writes and code
 * look-ups are limited per address.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ RATE_LIMITS: 'true', RATE_LIMIT_PUBLIC_WRITES_PER_MINUTE: '3', RATE_LIMIT_LOOKUPS_PER_MINUTE: '5' });
});
afterAll(async () => api?.close());

const base = () => api.url.replace(/\/graphql$/, '');

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/graphql') {
  const res = await fetch(`${base()}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: safeJson(text), headers: res.headers };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** What no answer may ever contain: markup, a stack frame, a server path. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/<html|<!doctype|<pre>/i);
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/work\/|\/src\/|\.ts:\d+/);
}

describe('errors a client can cause', () => {
  const cases: [string, () => ReturnType<typeof post>, number, string][] = [
    ['an unfinished document', () => post(JSON.stringify({ query: '{' })), 400, 'GRAPHQL_PARSE_FAILED'],
    ['a missing argument value', () => post(JSON.stringify({ query: '{ orgSearch(query: ) { id } }' })), 400, 'GRAPHQL_PARSE_FAILED'],
    ['a document over the token limit', () => post(JSON.stringify({ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }` })), 400, 'GRAPHQL_PARSE_FAILED'],
    ['malformed JSON', () => post('{"query": "{ __typename }"'), 400, 'BAD_REQUEST'],
    ['a body over 256 kB', () => post(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(300_000)}` })), 413, 'PAYLOAD_TOO_LARGE'],
    ['a form post', () => post('query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['plain text', () => post('{ __typename }', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no content type', () => post('{ __typename }', {}), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['variables that are not an object', () => post(JSON.stringify({ query: '{ __typename }', variables: 5 })), 400, 'BAD_REQUEST'],
    ['an unknown field', () => post(JSON.stringify({ query: '{ noSuchField }' })), 400, 'GRAPHQL_VALIDATION_FAILED'],
    ['a variable of the wrong type', () => post(JSON.stringify({ query: 'query($n: Int) { activities(first: $n) { totalCount } }', variables: { n: 'many' } })), 400, 'BAD_USER_INPUT'],
    ['a bad token', () => post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', authorization: 'Bearer txs_nope' }), 401, 'UNAUTHENTICATED'],
  ];
  for (const [what, send, status, code] of cases) {
    it(`answers ${what} with ${status} ${code} as a GraphQL error`, async () => {
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.type).toMatch(/application\/(graphql-response\+)?json/);
      expect(res.json?.errors?.[0]?.extensions?.code).toBe(code);
      expect(res.json.errors[0].message).toBeTruthy();
      expectNoInternals(res.text);
    });
  }

  it('answers unknown paths and methods with JSON 404', async () => {
    const res = await fetch(`${base()}/wp-login.php`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const put = await fetch(`${base()}/graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(put.status).toBeGreaterThanOrEqual(400);
    expect(put.status).toBeLessThan(500);
    expectNoInternals(await put.text());
  });

  it('gives every answer a request id, and keeps a well-formed one the client sent', async () => {
    const mine = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', 'x-request-id': 'door-42.a' });
    expect(mine.headers.get('x-request-id')).toBe('door-42.a');
    const made = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', 'x-request-id': '<script>' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('health', () => {
  it('says the process is up and, separately, that it is ready (database and every migration)', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, database: true });
  });
});

describe('sign-in', () => {
  const signIn = (username: string, password: string, address: string) =>
    post(JSON.stringify({ query: 'mutation($i: SessionCreateInput!) { sessionCreate(input: $i) { token userErrors { code } } }', variables: { i: { username, password } } }),
      { 'content-type': 'application/json', 'x-forwarded-for': address });

  it('lets a few wrong passwords pass, then closes that account for that address with a growing wait', async () => {
    const attacker = '203.0.113.7';
    for (let i = 0; i < 5; i++) {
      const res = await signIn('zhenxing-admin', 'guess-' + i, attacker);
      expect(res.json.data.sessionCreate.userErrors).toEqual([{ code: 'INVALID_CREDENTIALS' }]);
    }
    // the sixth wrong one still counts, and closes the pair
    await signIn('zhenxing-admin', 'guess-5', attacker);
    const closed = await signIn('zhenxing-admin', 'tongxin-demo', attacker);
    expect(closed.status).toBe(429);
    expect(closed.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(Number(closed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectNoInternals(closed.text);
    // the real user, elsewhere, is not locked out
    const user = await signIn('zhenxing-admin', 'tongxin-demo', '198.51.100.20');
    expect(user.json.data.sessionCreate.token).toMatch(/^txs_/);
  });

  it('treats an unknown username the same as a wrong password', async () => {
    const attacker = '203.0.113.8';
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await signIn('no-such-user', 'x' + i, attacker));
    expect(answers.slice(0, 6).map((a) => a.json.data.sessionCreate.userErrors[0].code)).toEqual(Array(6).fill('INVALID_CREDENTIALS'));
    expect(answers[6].status).toBe(429);
  });

  it('takes the address from X-Forwarded-For only from a trusted proxy', async () => {
    const strict = await startTestApi({ RATE_LIMITS: 'true', TRUST_PROXY: 'false' });
    try {
      const send = (address: string) =>
        fetch(strict.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ query: 'mutation($i: SessionCreateInput!) { sessionCreate(input: $i) { token } }', variables: { i: { username: 'hongkang-admin', password: 'wrong' } } }),
        });
      // a client that makes up a new address for every guess still counts as its one real address
      for (let i = 0; i < 6; i++) await send(`192.0.2.${i + 1}`);
      expect((await send('192.0.2.99')).status).toBe(429);
    } finally {
      await strict.close();
    }
  });
});

describe('per-address limits on public operations', () => {
  it('limits look-ups by code, answers 429 with Retry-After, and counts each alias', async () => {
    const look = (address: string, n = 1) =>
      post(JSON.stringify({ query: `{ ${Array.from({ length: n }, (_, i) => `t${i}: demandByTicket(code: "ZZZZ-${i}") { state }`).join(' ')} }` }),
        { 'content-type': 'application/json', 'x-forwarded-for': address });
    const first = await look('198.51.100.1', 5);
    expect(first.status).toBe(200);
    const over = await look('198.51.100.1');
    expect(over.status).toBe(429);
    expect(over.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await look('198.51.100.2')).status).toBe(200);
  });

  it('limits public sign-ups and demand intake, not signed-in staff', async () => {
    const address = '198.51.100.3';
    const file = (token?: string) =>
      post(JSON.stringify({ query: 'mutation { rateDemand(input: { ticketCode: "ZZZZ-0000", rating: 5 }) { userErrors { code } } }' }),
        { 'content-type': 'application/json', 'x-forwarded-for': address, ...(token ? { authorization: `Bearer ${token}` } : {}) });
    for (let i = 0; i < 3; i++) expect((await file()).status).toBe(200);
    expect((await file()).status).toBe(429);
    const staff = await api.login('hongkang-admin');
    expect((await file(staff)).status).toBe(200);
  });

  it('limits Open311 filing without a key', async () => {
    const address = '198.51.100.4';
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(JSON.stringify({ service_code: 'NOPE', description: 'x' }), { 'content-type': 'application/json', 'x-forwarded-for': address }, '/open311/v2/requests.json');
      statuses.push(res.status);
      expectNoInternals(res.text);
    }
    expect(statuses.slice(0, 3).every((s) => s !== 429 && s < 500)).toBe(true);
    expect(statuses[3]).toBe(429);
  });
});

describe('staff cost cap', () => {
  it('refuses a staff request priced over the cap before it runs', async () => {
    const admin = await api.login('hongkang-admin');
    const level = (inner: string) => `children(first: 100) { edges { node { id ${inner} } } }`;
    const huge = `{ orgRoots(first: 100) { edges { node { ${level(level(level('')))} } } } }`;
    const res = await api.countStatements(() => api.gql(huge, {}, admin));
    const error = res.result.errors?.[0];
    if (error?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED') throw new Error(error.message);
    expect(error?.extensions?.code).toBe('COST_LIMIT');
    expect(res.result.status).toBe(400);
    expect(res.statements).toBe(0);
  });
});
