/**
 * Follow live changes in the browser (server-sent events from this site's `/live`, which relays the API's
 * GraphQL subscriptions). Pages work without it: if the stream cannot open, nothing changes but the updates.
 * Returns the function that stops following.
 */
export function followLive<T>(topic: 'demands' | 'checkins', onChange: (change: T) => void, onState?: (live: boolean) => void): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/live?topic=${topic}`);
  source.addEventListener('ready', () => onState?.(true));
  source.addEventListener('error', () => onState?.(false));
  source.addEventListener('change', (event) => {
    try {
      onChange(JSON.parse((event as MessageEvent<string>).data) as T);
    } catch {
      // a malformed message is skipped
    }
  });
  return () => source.close();
}

/** Call `fn` at most once per `ms`, after the last of a burst. */
export function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}
