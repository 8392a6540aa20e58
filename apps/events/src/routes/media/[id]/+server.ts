import { error } from '@sveltejs/kit';
import { apiUrl } from '$lib/server/api';
import type { RequestHandler } from './$types';

/**
 * /media/<n>: a public photo or recording (of a public announcement or activity), fetched from the API without
 * any sign-in, so nothing private can come through here. Caching headers and ETag pass through.
 */
export const GET: RequestHandler = async (event) => {
  const id = event.params.id;
  if (!/^\d{1,10}$/.test(id)) error(404, '没有这个文件');
  const origin = apiUrl().replace(/\/graphql\/?$/, '');
  let res: Response;
  try {
    const match = event.request.headers.get('if-none-match');
    res = await fetch(`${origin}/media/${id}`, { headers: match ? { 'if-none-match': match } : {} });
  } catch {
    error(503, '暂时无法访问，请稍后再试');
  }
  if (res.status === 404) error(404, '没有这个文件');
  if (res.status !== 200 && res.status !== 304) error(503, '暂时无法访问，请稍后再试');
  const headers = new Headers();
  for (const name of ['content-type', 'content-length', 'etag', 'cache-control', 'x-content-type-options']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.status === 304 ? null : res.body, { status: res.status, headers });
};
