import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created on first use and keyed by name (a name may carry the field's
 * arguments, e.g. `org.children:20:0`). Nothing here outlives the request.
 *
 * The caller's scope key (who they are, as far as what they may see goes) is fixed when the loaders are made
 * and is part of every loader's key, so rows loaded for one caller can never answer another: call sites name
 * only the data, never the scope.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(readonly scopeKey: string = 'anonymous') {}

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    const key = `${name}@${this.scopeKey}`;
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forget cached rows after a write, so the payload shows the new state. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}

/** Group rows by a key into the order of `keys` (for one-to-many batch loaders). */
export function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Order rows by `keys` (for one-to-one batch loaders); missing rows become null. */
export function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}
