import { error, isRedirect, json } from '@sveltejs/kit';
import { loadChildPage } from '../../children.server';
import type { RequestHandler } from './$types';

/** One page of a node's children, for expanding the tree in place. */
export const GET: RequestHandler = async (event) => {
  if (!event.locals.token) error(401, '请先登录');
  try {
    const page = await loadChildPage(event, event.params.id, event.url.searchParams.get('after') || null);
    if (!page) error(404, '组织不存在或无权查看');
    return json(page, { headers: { 'cache-control': 'private, no-store' } });
  } catch (cause) {
    if (isRedirect(cause)) error(401, '登录已过期，请重新登录');
    throw cause;
  }
};
