import { error } from '@sveltejs/kit';
import { m } from '$lib/i18n';
import { isLiveTopic, liveStream } from '$lib/server/live';
import type { RequestHandler } from './$types';

/** Server-sent events of live changes for the signed-in user (see $lib/server/live.ts): `/live?topic=demands`. */
export const GET: RequestHandler = ({ url, locals, request }) => {
  if (!locals.token) error(401, m.children_sign_in());
  const topic = url.searchParams.get('topic');
  if (!isLiveTopic(topic)) error(404, m.live_unknown_topic());
  return new Response(liveStream(topic, locals.token, request.signal), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
};
