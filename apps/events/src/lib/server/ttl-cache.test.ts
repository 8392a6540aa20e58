import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TtlCache } from './ttl-cache';

/** A load whose answers the test hands out one at a time, counting calls. */
function controlledLoad<T>() {
  const pending: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const load = vi.fn(
    () =>
      new Promise<T>((resolve, reject) => {
        pending.push({ resolve, reject });
      }),
  );
  return {
    load,
    resolveNext: async (value: T) => {
      await vi.waitFor(() => expect(pending.length).toBeGreaterThan(0));
      pending.shift()!.resolve(value);
    },
    rejectNext: async (error: unknown) => {
      await vi.waitFor(() => expect(pending.length).toBeGreaterThan(0));
      pending.shift()!.reject(error);
    },
  };
}

describe('TtlCache', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers from memory within the time-to-live, and loads again once it and the stale period have run out', async () => {
    const cache = new TtlCache<string>({ ttlMs: 5_000, staleMs: 10_000, maxEntries: 10 });
    const load = vi.fn(async () => `v${load.mock.calls.length}`);

    expect(await cache.get('k', load)).toBe('v1');
    vi.advanceTimersByTime(4_999);
    expect(await cache.get('k', load)).toBe('v1');
    expect(load).toHaveBeenCalledTimes(1);

    vi.advanceTimersByTime(5_000 + 10_000); // past both: the caller waits for a new load
    expect(await cache.get('k', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.peek('k')).toBe('v2');
  });

  it('shares one load between concurrent callers of a key it does not have', async () => {
    const cache = new TtlCache<string>({ ttlMs: 5_000, staleMs: 0, maxEntries: 10 });
    const { load, resolveNext } = controlledLoad<string>();

    const callers = Array.from({ length: 20 }, () => cache.get('k', load));
    await resolveNext('shared');
    expect(await Promise.all(callers)).toEqual(Array(20).fill('shared'));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves the stale value at once while a single refresh runs, then the refreshed one', async () => {
    const cache = new TtlCache<string>({ ttlMs: 5_000, staleMs: 10_000, maxEntries: 10 });
    const { load, resolveNext } = controlledLoad<string>();
    const first = cache.get('k', load);
    await resolveNext('old');
    expect(await first).toBe('old');

    vi.advanceTimersByTime(6_000); // stale, within the stale period
    const burst = await Promise.all(Array.from({ length: 10 }, () => cache.get('k', load)));
    expect(burst).toEqual(Array(10).fill('old'));
    expect(load).toHaveBeenCalledTimes(2); // the first load and one refresh for the whole burst

    await resolveNext('new');
    await vi.waitFor(async () => expect(await cache.get('k', load)).toBe('new'));
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never stores a failed load or a value it may not keep, and the next caller tries again', async () => {
    const cache = new TtlCache<{ ok: boolean }>({ ttlMs: 5_000, staleMs: 0, maxEntries: 10, cacheable: (v) => v.ok });
    const { load, resolveNext, rejectNext } = controlledLoad<{ ok: boolean }>();

    const a = cache.get('k', load);
    const b = cache.get('k', load);
    await rejectNext(new Error('API down'));
    await expect(a).rejects.toThrow('API down');
    await expect(b).rejects.toThrow('API down');
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.size).toBe(0);

    const c = cache.get('k', load);
    await resolveNext({ ok: false }); // e.g. an answer with partial errors
    expect(await c).toEqual({ ok: false });
    expect(cache.size).toBe(0);

    const d = cache.get('k', load);
    await resolveNext({ ok: true });
    expect(await d).toEqual({ ok: true });
    expect(await cache.get('k', load)).toEqual({ ok: true });
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the stale value when a refresh fails, reports it, and refreshes again on the next request', async () => {
    const onRefreshError = vi.fn();
    const cache = new TtlCache<string>({ ttlMs: 5_000, staleMs: 10_000, maxEntries: 10, onRefreshError });
    const { load, resolveNext, rejectNext } = controlledLoad<string>();
    const first = cache.get('k', load);
    await resolveNext('old');
    await first;

    vi.advanceTimersByTime(6_000);
    expect(await cache.get('k', load)).toBe('old');
    await rejectNext(new Error('timeout'));
    await vi.waitFor(() => expect(onRefreshError).toHaveBeenCalledWith('k', expect.any(Error)));

    expect(await cache.get('k', load)).toBe('old');
    expect(load).toHaveBeenCalledTimes(3);
    await resolveNext('new');
    await vi.waitFor(async () => expect(await cache.get('k', load)).toBe('new'));

    // once the stale period is over too, a failure reaches the caller and nothing old is served
    vi.advanceTimersByTime(20_000);
    const late = cache.get('k', load);
    await rejectNext(new Error('still down'));
    await expect(late).rejects.toThrow('still down');
    expect(cache.peek('k')).toBeUndefined();
  });

  it('holds at most maxEntries keys and drops the least recently used first', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000, staleMs: 0, maxEntries: 2 });
    const load = vi.fn(async () => 'v');
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load); // a is now the most recently used
    await cache.get('c', load);
    expect(cache.size).toBe(2);
    expect(cache.peek('a')).toBe('v');
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('c')).toBe('v');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('drops what is tagged with a changed activity, and does not store a load that was in flight', async () => {
    const cache = new TtlCache<{ ids: string[]; n: number }>({ ttlMs: 60_000, staleMs: 0, maxEntries: 10, tags: (v) => v.ids });
    await cache.get('list', async () => ({ ids: ['A1', 'A2'], n: 1 }));
    await cache.get('detail-A3', async () => ({ ids: ['A3'], n: 1 }));

    const { load, resolveNext } = controlledLoad<{ ids: string[]; n: number }>();
    const inFlight = cache.get('detail-A1', load);

    expect(cache.invalidateTag('A1')).toBe(1);
    expect(cache.peek('list')).toBeUndefined();
    expect(cache.peek('detail-A3')).toEqual({ ids: ['A3'], n: 1 });

    // the load that started before the change still answers its caller, but is not kept
    await resolveNext({ ids: ['A1'], n: 1 });
    expect(await inFlight).toEqual({ ids: ['A1'], n: 1 });
    expect(cache.peek('detail-A1')).toBeUndefined();
    // and a caller after the change does not join it
    const after = cache.get('detail-A1', load);
    await resolveNext({ ids: ['A1'], n: 2 });
    expect(await after).toEqual({ ids: ['A1'], n: 2 });
    expect(cache.peek('detail-A1')).toEqual({ ids: ['A1'], n: 2 });
  });

  it('refuses settings that make no sense', () => {
    expect(() => new TtlCache({ ttlMs: -1, staleMs: 0, maxEntries: 1 })).toThrow(RangeError);
    expect(() => new TtlCache({ ttlMs: 1, staleMs: 0, maxEntries: 0 })).toThrow(RangeError);
  });
});
