import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deliver, etagMatches, etagOf, gzippedOf, snapshot } from './http-cache';

const html = new TextEncoder().encode('<!doctype html><p>社区活动</p>'.repeat(50));

function page(headers: Record<string, string> = {}) {
  return new Headers({ 'content-type': 'text/html', 'cache-control': 'public, max-age=5', etag: '"abc"', ...headers });
}

describe('etagMatches', () => {
  it('compares weakly, over lists and *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc" ,"y"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
    expect(etagMatches('"abc"', null)).toBe(false);
  });

  it('gives different bodies different tags', () => {
    expect(etagOf(html)).toMatch(/^"[\w-]+"$/);
    expect(etagOf(html)).not.toBe(etagOf(new TextEncoder().encode('other')));
  });
});

describe('deliver', () => {
  it('answers 304 without a body when the visitor has the version, keeping the cache headers', async () => {
    const request = new Request('http://x/', { headers: { 'if-none-match': '"abc"' } });
    const response = await deliver(request, 200, page(), html);
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('etag')).toBe('"abc"');
    expect(response.headers.get('cache-control')).toBe('public, max-age=5');
    expect(response.headers.get('vary')).toContain('accept-encoding');
  });

  it('gzips for visitors who accept it, with a weak tag that still revalidates', async () => {
    const request = new Request('http://x/', { headers: { 'accept-encoding': 'gzip, br' } });
    const response = await deliver(request, 200, page(), html);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('etag')).toBe('W/"abc"');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    expect(gunzipSync(Buffer.from(await response.arrayBuffer()))).toEqual(Buffer.from(html));

    const again = new Request('http://x/', { headers: { 'accept-encoding': 'gzip', 'if-none-match': 'W/"abc"' } });
    expect((await deliver(again, 200, page(), html)).status).toBe(304);
  });

  it('sends the body as it is otherwise, and never answers 304 for an error page', async () => {
    const plain = await deliver(new Request('http://x/'), 200, page(), html);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('content-length')).toBe(String(html.byteLength));
    expect(new Uint8Array(await plain.arrayBuffer())).toEqual(html);

    const notFound = await deliver(new Request('http://x/', { headers: { 'if-none-match': '"abc"' } }), 404, page(), html);
    expect(notFound.status).toBe(404);
  });

  it('compresses a stored page once for every visitor', async () => {
    const stored = await snapshot(new Response(html, { headers: { 'content-type': 'text/html' } }), false);
    expect(stored.etag).toBe(etagOf(html));
    expect(stored.shareable).toBe(true);
    const zip = gzippedOf(stored);
    const first = await zip();
    expect(await zip()).toBe(first);
    expect(gunzipSync(first)).toEqual(Buffer.from(html));
  });

  it('does not let a page that sets a cookie, or an error page, go to other visitors', async () => {
    const withCookie = new Response(html, { headers: { 'content-type': 'text/html', 'set-cookie': 'a=b' } });
    expect((await snapshot(withCookie, false)).shareable).toBe(false);
    expect((await snapshot(new Response(html, { status: 503 }), false)).shareable).toBe(false);
  });
});
