import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { apiOrigin } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * /media/<n>: an uploaded photo or recording, fetched from the API with the signed-in user's session (the API
 * decides: a demand's photo only for those who may read the demand). The token never reaches the browser.
 */
export const GET: RequestHandler = async (event) => {
  const id = event.params.id;
  if (!/^\d{1,10}$/.test(id)) error(404, m.upl_not_found());
  let res: Response;
  try {
    res = await fetch(`${apiOrigin()}/media/${id}`, {
      headers: {
        ...(event.locals.token ? { authorization: `Bearer ${event.locals.token}` } : {}),
        ...(event.request.headers.get('if-none-match') ? { 'if-none-match': event.request.headers.get('if-none-match')! } : {}),
      },
    });
  } catch {
    error(503, m.login_unreachable());
  }
  if (res.status === 404) error(404, m.upl_not_found_or_denied());
  const headers = new Headers();
  for (const name of ['content-type', 'content-length', 'etag', 'x-content-type-options']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  // files a signed-in user fetches may be private: the browser may keep them a little, shared caches never
  headers.set('cache-control', 'private, max-age=300');
  return new Response(res.body, { status: res.status, headers });
};
