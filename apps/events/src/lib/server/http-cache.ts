import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { PageSnapshot } from './shared-cache';

const gzip = promisify(gzipCallback);

export const COMPRESSIBLE = /^(text\/(html|calendar|plain)|application\/json)/;

/** An ETag for a body: a hash of its bytes, in quotes. */
export function etagOf(body: Uint8Array<ArrayBuffer>): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/**
 * If-None-Match against an ETag with the weak comparison RFC 9110 asks for: `*`, or any tag of the list
 * with the same opaque value, W/ or not (the gzip form of a page carries the weak form of its tag).
 */
export function etagMatches(ifNoneMatch: string | null, etag: string | null): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag.trim()) === wanted);
}

export function acceptsGzip(request: Request): boolean {
  return /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '');
}

function appendVary(headers: Headers, value: string): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', value);
  else if (!vary.toLowerCase().split(/\s*,\s*/).includes(value)) headers.set('vary', `${vary}, ${value}`);
}

/** The headers a 304 repeats from the full answer (RFC 9110 15.4.5). */
const NOT_MODIFIED_HEADERS = ['cache-control', 'content-location', 'date', 'etag', 'expires', 'vary', 'age'];

/**
 * The answer to send for a finished page: a 304 when the visitor already has this version, else the
 * body, gzipped when the visitor accepts it. Residents often open these pages on slow mobile
 * connections and the Node server sends pages uncompressed: a list page shrinks to about a fifth. A
 * proxy in front sees the content-encoding and leaves the body alone.
 *
 * `gzipped` lets a stored page compress once for every visitor who gets it.
 */
export async function deliver(
  request: Request,
  status: number,
  headers: Headers,
  body: Uint8Array<ArrayBuffer> | null,
  gzipped?: () => Promise<Uint8Array<ArrayBuffer>>,
): Promise<Response> {
  const compressible =
    body !== null && status >= 200 && status !== 204 && !headers.has('content-encoding') && COMPRESSIBLE.test(headers.get('content-type') ?? '');
  const zip = compressible && acceptsGzip(request);
  if (compressible) appendVary(headers, 'accept-encoding');
  const etag = headers.get('etag');
  if (zip && etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);

  if (status === 200 && etagMatches(request.headers.get('if-none-match'), etag)) {
    const kept = new Headers();
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = headers.get(name);
      if (value) kept.set(name, value);
    }
    // a revalidated page is the same page: keep the security headers a browser applies to it
    for (const [name, value] of headers) if (name.startsWith('x-') || name === 'referrer-policy') kept.set(name, value);
    return new Response(null, { status: 304, headers: kept });
  }
  if (zip) {
    const zipped = gzipped ? await gzipped() : new Uint8Array(await gzip(body));
    headers.set('content-encoding', 'gzip');
    headers.set('content-length', String(zipped.byteLength));
    return new Response(request.method === 'HEAD' ? null : zipped, { status, headers });
  }
  if (body !== null) headers.set('content-length', String(body.byteLength));
  return new Response(request.method === 'HEAD' ? null : body, { status, headers });
}

/** A rendered page as bytes, so that it can be stored and answered again. */
export async function snapshot(response: Response, readsDeviceCookie: boolean): Promise<PageSnapshot> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers].filter(([name]) => name !== 'content-length');
  let etag = response.headers.get('etag');
  if (!etag && response.status === 200) {
    etag = etagOf(body);
    headers.push(['etag', etag]);
  }
  return {
    status: response.status,
    headers,
    body,
    etag,
    storedAt: Date.now(),
    readsDeviceCookie,
    shareable: response.status === 200 && !response.headers.has('set-cookie'),
  };
}

export function gzippedOf(page: PageSnapshot): () => Promise<Uint8Array<ArrayBuffer>> {
  return () =>
    (page.gzipped ??= gzip(page.body).then(
      (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
      (error: unknown) => {
        page.gzipped = undefined; // try again next time
        throw error;
      },
    ));
}
