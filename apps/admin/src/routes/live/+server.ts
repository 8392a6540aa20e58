import { error } from '@sveltejs/kit';
import { isLiveTopic, liveStream } from '$lib/server/live';
import type { RequestHandler } from './$types';

/** Server-sent events of live changes for the signed-in user (see $lib/server/live.ts): `/live?topic=demands`. */
export const GET: RequestHandler = ({ url, locals, request }) => {
  if (!locals.token) error(401, '请先登录');
  const topic = url.searchParams.get('topic');
  if (!isLiveTopic(topic)) error(404, '没有这种实时更新');
  return new Response(liveStream(topic, locals.token, request.signal), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
};
