import type { Handle, HandleServerError } from '@sveltejs/kit';
import { REGISTRATIONS_COOKIE } from '$lib/server/device-registrations';

const COMPRESSIBLE = /^(text\/(html|calendar|plain)|application\/json)/;

/**
 * Residents often open these pages on slow mobile connections, and the Node server sends pages
 * uncompressed: a list page shrinks to about a fifth with gzip. A proxy in front sees the
 * content-encoding and leaves the body alone.
 */
function compress(request: Request, response: Response): Response {
  if (
    !response.body ||
    response.status < 200 ||
    response.status === 204 ||
    response.headers.has('content-encoding') ||
    !COMPRESSIBLE.test(response.headers.get('content-type') ?? '') ||
    !/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
  ) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  headers.append('vary', 'accept-encoding');
  const etag = headers.get('etag');
  if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
  return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  if (event.url.pathname === '/r' || event.url.pathname.startsWith('/r/')) {
    // Confirmation pages carry the resident's code in the address: keep it out of caches and other sites'
    // referrers. Not "no-referrer": Chromium then sends "Origin: null" and the cancel form fails the CSRF check.
    response.headers.set('cache-control', 'private, no-store');
    response.headers.set('referrer-policy', 'same-origin');
    response.headers.set('x-robots-tag', 'noindex');
  } else {
    response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
    // a page may show this resident's own confirmation codes (from their cookie): never share it from a cache
    if (event.cookies.get(REGISTRATIONS_COOKIE) && !response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-store');
    else response.headers.append('vary', 'cookie');
  }
  return compress(event.request, response);
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}`, error);
  return { message: status === 404 ? '页面不存在' : '出错了，请稍后再试' };
};
