import type { Handle, HandleServerError } from '@sveltejs/kit';

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  if (event.url.pathname === '/r' || event.url.pathname.startsWith('/r/')) {
    // Confirmation pages carry the resident's code in the address: keep it out of caches and referrers.
    response.headers.set('cache-control', 'private, no-store');
    response.headers.set('referrer-policy', 'no-referrer');
    response.headers.set('x-robots-tag', 'noindex');
  } else {
    response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  }
  return response;
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}`, error);
  return { message: status === 404 ? '页面不存在' : '出错了，请稍后再试' };
};
