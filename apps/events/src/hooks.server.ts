import type { Handle, HandleServerError, RequestEvent, ServerInit } from '@sveltejs/kit';
import { securityHeaders } from '@tongxin/ui';
import { consultedRegistrations, hasSavedRegistrations } from '$lib/server/device-registrations';
import { COMPRESSIBLE, deliver, gzippedOf, snapshot } from '$lib/server/http-cache';
import { cacheSettings, pageCache, type PageSnapshot } from '$lib/server/shared-cache';

/**
 * Pages that are the same for every visitor who has not registered on their phone: the activity list
 * and an activity's page. They are answered with `Cache-Control: public`, an ETag (304 when the browser
 * has it), and kept rendered in memory for a few seconds (shared-cache.ts), so a crowd opening the
 * same link costs one render.
 *
 * What is personal never goes there. The confirmation pages (/r) and every form action's answer are
 * `private, no-store`. A page that consults the phone's own registrations (the device cookie, e.g. the
 * activity page offering "查看报名（确认码 …）") is rendered afresh for a visitor who has that cookie,
 * marked `private, no-store`, and never stored; visitors without the cookie share the stored page, which
 * carries `Vary: Cookie` for caches in front. Rendering the personal part separately would need
 * JavaScript or a second request, and these pages work without JavaScript; so such visitors simply
 * bypass the page cache (they still share the API answers, which hold nothing personal).
 */
const PUBLIC_PAGES = new Set(['/', '/activities/[id]']);

function isConfirmationPath(pathname: string): boolean {
  return pathname === '/r' || pathname.startsWith('/r/') || isTicketPath(pathname);
}

/**
 * A demand's ticket pages (/d, /d/<code>) carry the resident's ticket code, and the report form (/report) a
 * one-time idempotency key: like the confirmation pages, never stored in a shared cache, never indexed.
 */
function isTicketPath(pathname: string): boolean {
  return pathname === '/d' || pathname.startsWith('/d/') || pathname === '/report';
}

function isPageView(event: RequestEvent): boolean {
  return event.request.method === 'GET' || event.request.method === 'HEAD';
}

/** Security and cache headers of a freshly rendered answer. */
function applyPolicy(event: RequestEvent, response: Response): void {
  const { headers } = response;
  securityHeaders(headers);
  if (isConfirmationPath(event.url.pathname)) {
    // Confirmation pages carry the resident's code in the address: keep it out of caches and other sites'
    // referrers. Not "no-referrer": Chromium then sends "Origin: null" and the cancel form fails the CSRF check.
    headers.set('cache-control', 'private, no-store');
    headers.set('referrer-policy', 'same-origin');
    headers.set('x-robots-tag', 'noindex');
    return;
  }
  headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  const deviceCookie = hasSavedRegistrations(event.cookies);
  if (!isPageView(event)) {
    // a form action's answer repeats what the resident typed (name, phone number) and how it went
    headers.set('cache-control', 'private, no-store');
  } else if (deviceCookie && consultedRegistrations(event.cookies)) {
    // this page shows the resident's own confirmation codes (from their cookie)
    headers.set('cache-control', 'private, no-store');
  } else if (PUBLIC_PAGES.has(event.route.id ?? '') && response.status === 200 && !headers.has('set-cookie')) {
    headers.set('cache-control', cacheSettings().publicCacheControl);
    headers.append('vary', 'cookie');
  } else if (deviceCookie && !headers.has('cache-control')) {
    // a page not reviewed for caching may show this resident's codes: never share it from a cache
    headers.set('cache-control', 'private, no-store');
  } else {
    headers.append('vary', 'cookie');
  }
}

/** Send a freshly rendered answer: 304 when the ETag matches, gzip when accepted. */
async function finish(event: RequestEvent, response: Response): Promise<Response> {
  applyPolicy(event, response);
  const type = response.headers.get('content-type') ?? '';
  if (!response.body || response.headers.has('content-encoding') || !(COMPRESSIBLE.test(type) || response.headers.has('etag'))) {
    return response;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  return deliver(event.request, response.status, new Headers(response.headers), body);
}

/** Send a stored (or just stored) page to this visitor. */
function fromSnapshot(event: RequestEvent, page: PageSnapshot): Promise<Response> {
  const headers = new Headers(page.headers);
  const age = Math.floor((Date.now() - page.storedAt) / 1000);
  if (age > 0) headers.set('age', String(age));
  return deliver(event.request, page.status, headers, page.body, page.shareable ? gzippedOf(page) : undefined);
}

async function publicPage(event: RequestEvent, resolve: Parameters<Handle>[0]['resolve']): Promise<Response> {
  // the origin too: without ORIGIN set, links in the page follow the Host header a visitor sent
  const key = event.url.href;
  const pages = pageCache();
  if (hasSavedRegistrations(event.cookies)) {
    // A stored page that never looked at the device cookie (the list) is the same for this visitor;
    // anything else is rendered for them alone and not stored.
    const stored = pages.peek(key);
    if (stored && !stored.readsDeviceCookie) return fromSnapshot(event, stored);
    return finish(event, await resolve(event));
  }
  // No device cookie: render once for everyone asking for this address at the same time.
  let renderedHere = false;
  const page = await pages.get(key, async () => {
    renderedHere = true;
    const response = await resolve(event);
    applyPolicy(event, response);
    return snapshot(response, consultedRegistrations(event.cookies));
  });
  // an error page, or one that sets a cookie, belongs to the visitor it was rendered for
  if (!page.shareable && !renderedHere) return finish(event, await resolve(event));
  return fromSnapshot(event, page);
}

/** A wrong cache setting stops the server at start, not at the first visitor. */
export const init: ServerInit = () => {
  cacheSettings();
};

export const handle: Handle = async ({ event, resolve }) => {
  if (event.request.method === 'GET' && PUBLIC_PAGES.has(event.route.id ?? '')) return publicPage(event, resolve);
  return finish(event, await resolve(event));
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}`, error);
  return { message: status === 404 ? '页面不存在' : '出错了，请稍后再试' };
};
