import type { Handle } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/session';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { securityHeaders } from '@tongxin/ui';

export const handle: Handle = ({ event, resolve }) =>
  // The language of this request (cookie, else Chinese) lives in the middleware's AsyncLocalStorage: concurrent
  // requests each read their own, never a module-wide variable.
  paraglideMiddleware(event.request, async ({ locale }) => {
    event.locals.token = event.cookies.get(SESSION_COOKIE) || null;
    const response = await resolve(event, {
      transformPageChunk: ({ html }) => html.replace('%lang%', locale),
    });
    // Pages show personal data of residents and members: never let a shared cache keep them.
    if (event.locals.token) response.headers.set('cache-control', 'private, no-store');
    securityHeaders(response.headers);
    response.headers.set('referrer-policy', 'same-origin');
    return response;
  });
