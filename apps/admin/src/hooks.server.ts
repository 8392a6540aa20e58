import type { Handle } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$lib/server/session';
import { securityHeaders } from '@tongxin/ui';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.token = event.cookies.get(SESSION_COOKIE) || null;
  const response = await resolve(event);
  // Pages show personal data of residents and members: never let a shared cache keep them.
  if (event.locals.token) response.headers.set('cache-control', 'private, no-store');
  securityHeaders(response.headers);
  response.headers.set('referrer-policy', 'same-origin');
  return response;
};
