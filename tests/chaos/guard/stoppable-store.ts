import type { DurableStore, StoreName } from '../../../src/core/storage/durable-store';

/**
 * A store as a worker that may be stopped at any instruction sees it:
 *   - `stall(names)`: writes to those stores start but never land (a strict write still in
 *     flight when the worker stops); the rest land as usual;
 *   - `stop()`: the worker is gone; nothing it writes after that lands (the calls resolve, so
 *     the dead guard can be torn down without retry loops, but the store keeps none of it).
 * The underlying store keeps only what landed: a new worker opens it as it is.
 */
export interface StoppableStore {
  store: DurableStore;
  stall(names: readonly StoreName[]): void;
  stop(): void;
  /** Writes begun on a stalled store (that will never land). */
  stalled(): number;
}

export function stoppableStore(inner: DurableStore): StoppableStore {
  let stalledNames = new Set<StoreName>();
  let stopped = false;
  let stalled = 0;
  const never = () => {
    stalled += 1;
    return new Promise<never>(() => {});
  };
  const gone = () => Promise.resolve();
  return {
    store: {
      get: (name, key) => inner.get(name, key),
      getAll: (name) => inner.getAll(name),
      put(name, key, value, options) {
        if (stopped) return gone();
        if (stalledNames.has(name)) return never();
        return inner.put(name, key, value, options);
      },
      putMany(writes, options) {
        if (stopped) return gone();
        if (writes.some((w) => stalledNames.has(w.store))) return never();
        return inner.putMany(writes, options);
      },
      delete(name, key, options) {
        if (stopped) return gone();
        if (stalledNames.has(name)) return never();
        return inner.delete(name, key, options);
      },
      clear(name) {
        if (stopped) return gone();
        return inner.clear(name);
      },
    },
    stall(names) {
      stalledNames = new Set(names);
    },
    stop() {
      stopped = true;
    },
    stalled: () => stalled,
  };
}
