/**
 * A small in-memory cache for answers that many visitors share (the public activity list and
 * detail data), so that a burst of page views makes one upstream call instead of one each.
 *
 * - Fresh for `ttlMs`: answered from memory.
 * - Then stale for `staleMs` more: still answered from memory at once, while one refresh runs in
 *   the background (stale-while-revalidate); the next visitors get the refreshed value.
 * - Older than that, or never loaded: the caller waits for a load. Concurrent callers for the same
 *   key share that one load (single flight).
 * - Failed loads, and values `cacheable` rejects, are never stored: the next caller tries again.
 * - At most `maxEntries` keys; the least recently used one goes first.
 * - Entries carry tags (e.g. the activity ids an answer shows) so a change to one activity can drop
 *   every answer that shows it; loads in flight at that moment are not stored.
 */
export interface TtlCacheOptions<T> {
  ttlMs: number;
  staleMs: number;
  maxEntries: number;
  /** Whether a loaded value may be stored (e.g. not an answer with partial errors). Default: all. */
  cacheable?: (value: T) => boolean;
  /** Tags of a loaded value, for invalidateTag(). */
  tags?: (value: T) => Iterable<string>;
  /** Called when a background refresh fails; the stale value stays until it runs out. */
  onRefreshError?: (key: string, error: unknown) => void;
}

interface Entry<T> {
  value: T;
  storedAt: number;
  tags: Set<string>;
}

export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(private readonly options: TtlCacheOptions<T>) {
    if (!(options.ttlMs >= 0 && options.staleMs >= 0 && options.maxEntries >= 1)) {
      throw new RangeError('TtlCache needs ttlMs >= 0, staleMs >= 0 and maxEntries >= 1');
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, from memory when it is young enough, else from `load` (shared by concurrent callers). */
  async get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    const age = entry ? Date.now() - entry.storedAt : Infinity;
    if (entry && age < this.options.ttlMs + this.options.staleMs) {
      // most recently used last, so the size bound drops the coldest key
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (age >= this.options.ttlMs && !this.loading.has(key)) {
        this.load(key, load).catch((error: unknown) => this.options.onRefreshError?.(key, error));
      }
      return entry.value;
    }
    if (entry) this.entries.delete(key);
    return this.loading.get(key) ?? this.load(key, load);
  }

  /** The value for `key` if it is in memory and not too old; never loads. */
  peek(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || Date.now() - entry.storedAt >= this.options.ttlMs + this.options.staleMs) return undefined;
    return entry.value;
  }

  /**
   * Drop every entry tagged with `tag`, and detach every load in flight: a load that started before the
   * change may carry the old state, so it still answers its own callers but is not stored, and later
   * callers start a new one. Returns how many entries went.
   */
  invalidateTag(tag: string): number {
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.tags.has(tag)) {
        this.entries.delete(key);
        dropped += 1;
      }
    }
    this.loading.clear();
    return dropped;
  }

  clear(): void {
    this.entries.clear();
    this.loading.clear();
  }

  private load(key: string, load: () => Promise<T>): Promise<T> {
    const promise: Promise<T> = Promise.resolve()
      .then(load)
      .then((value) => {
        if (this.loading.get(key) === promise && (this.options.cacheable?.(value) ?? true)) this.store(key, value);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  private store(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, storedAt: Date.now(), tags: new Set(this.options.tags?.(value) ?? []) });
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }
}
