import { error, isRedirect, json } from '@sveltejs/kit';
import { loadChildPage } from '../../children.server';
import type { RequestHandler } from './$types';
import { m } from '$lib/i18n';

/** One page of a node's children, for expanding the tree in place. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.token) error(401, m.children_sign_in());
  try {
    const page = await loadChildPage(event, event.params.id, event.url.searchParams.get('after') || null);
    if (!page) error(404, m.children_not_found());
    return json(page, { headers: { 'cache-control': 'private, no-store' } });
  } catch (cause) {
    if (isRedirect(cause)) error(401, m.children_expired());
    throw cause;
  }
};
