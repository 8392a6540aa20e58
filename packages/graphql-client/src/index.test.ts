import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ApiRequestError, request } from './index.js';

let server: Server;
let url: string;
let last: { headers: Record<string, unknown>; body: any } | undefined;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      last = { headers: req.headers, body };
      res.setHeader('content-type', 'application/json');
      if (body.variables.mode === 'denied') {
        res.statusCode = 401;
        res.end(JSON.stringify({ data: null, errors: [{ message: '登录已失效', extensions: { code: 'UNAUTHENTICATED' } }] }));
      } else if (body.variables.mode === 'html') {
        res.setHeader('content-type', 'text/html');
        res.statusCode = 502;
        res.end('<html>bad gateway</html>');
      } else {
        res.end(JSON.stringify({ data: { echo: body.variables.mode }, errors: [{ message: 'partial', path: ['x'], extensions: { code: 'FORBIDDEN' } }], extensions: { cost: { requested: 3 } } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const Echo = parse('query Echo($mode: String!) { echo(mode: $mode) }') as TypedDocumentNode<{ echo: string }, { mode: string }>;

describe('request', () => {
  it('sends the printed document, variables and bearer token, and returns typed data with partial errors', async () => {
    const result = await request(url, Echo, { mode: 'ok' }, { token: 'txs_abc' });
    expect(result.data.echo).toBe('ok');
    expect(result.errors).toEqual([{ message: 'partial', code: 'FORBIDDEN', path: ['x'] }]);
    expect(result.extensions).toEqual({ cost: { requested: 3 } });
    expect(last?.headers.authorization).toBe('Bearer txs_abc');
    expect(last?.body.query).toContain('query Echo($mode: String!)');
  });

  it('throws a typed error when the API answers without data', async () => {
    const error = await request(url, Echo, { mode: 'denied' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
  });

  it('reports a non-JSON answer and an unreachable API clearly', async () => {
    const html = await request(url, Echo, { mode: 'html' }).catch((e) => e);
    expect(html.code).toBe('BAD_RESPONSE');
    expect(html.message).toContain('502');
    const down = await request('http://127.0.0.1:9/graphql', Echo, { mode: 'x' }).catch((e) => e);
    expect(down.code).toBe('NETWORK_ERROR');
    expect(down.message).toContain('unreachable');
  });
});
