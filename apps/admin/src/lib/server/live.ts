import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { apiUrl } from './api';

/**
 * Live updates for the browser without giving it the session token: this server opens a graphql-ws connection
 * to the API with the signed-in user's token (the cookie stays httpOnly, the token never reaches page
 * scripts) and relays each change to the page as a server-sent event on the same origin (`/live`).
 */
export const LIVE_TOPICS = {
  /** The demand board: a demand the user may read changed. */
  demands: {
    query: `subscription LiveDemands { demandChanged { id state version } }`,
    pick: (data: any) => ({ id: data.demandChanged.id as string, state: data.demandChanged.state as string }),
  },
  /** The door: a registration of an activity the user works changed (check-ins at other doors). */
  checkins: {
    query: `subscription LiveCheckins { registrationChanged { id status name checkedInAt activity { id title } } }`,
    pick: (data: any) => ({
      id: data.registrationChanged.id as string,
      status: data.registrationChanged.status as string,
      name: data.registrationChanged.name as string,
      activityTitle: data.registrationChanged.activity.title as string,
    }),
  },
} as const;
export type LiveTopic = keyof typeof LIVE_TOPICS;

export function isLiveTopic(value: string | null): value is LiveTopic {
  return value != null && Object.hasOwn(LIVE_TOPICS, value);
}

/** An SSE stream of one topic for this token; ends when the browser goes away or the API closes. */
export function liveStream(topic: LiveTopic, token: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { query, pick } = LIVE_TOPICS[topic];
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const client = createClient({
        url: apiUrl().replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        lazy: false,
        retryAttempts: 3,
      });
      // the browser retries after this long if the stream ends
      send('retry: 5000\n\n');
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), 25_000);
      const unsubscribe = client.subscribe(
        { query },
        {
          next: (result) => {
            if (result.data) send(`event: change\ndata: ${JSON.stringify(pick(result.data))}\n\n`);
          },
          error: () => finish(),
          complete: () => finish(),
        },
      );
      client.on('connected', () => send('event: ready\ndata: {}\n\n'));
      function finish() {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        void client.dispose();
        try {
          controller.close();
        } catch {
          // already closed by the browser
        }
      }
      stop = finish;
      signal.addEventListener('abort', finish);
    },
    cancel() {
      stop();
    },
  });
}
