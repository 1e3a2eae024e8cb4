import type { DurableStore, StoreName } from './durable-store';

/**
 * An in-memory DurableStore for unit tests and for the simulator's reference client.
 * Values are deep-copied on the way in and out, as IndexedDB's structured clone would.
 */
export function createMemoryStore(): DurableStore & { dump(): Record<string, Record<string, unknown>> } {
  const stores = new Map<StoreName, Map<string, unknown>>();
  const table = (name: StoreName): Map<string, unknown> => {
    let t = stores.get(name);
    if (!t) {
      t = new Map();
      stores.set(name, t);
    }
    return t;
  };
  return {
    async get<T>(store: StoreName, key: string) {
      const v = table(store).get(key);
      return v === undefined ? undefined : (structuredClone(v) as T);
    },
    async getAll<T>(store: StoreName) {
      return [...table(store).entries()].map(([key, value]) => ({ key, value: structuredClone(value) as T }));
    },
    async put(store, key, value) {
      table(store).set(key, structuredClone(value));
    },
    async putMany(writes) {
      for (const w of writes) table(w.store).set(w.key, structuredClone(w.value));
    },
    async delete(store, key) {
      table(store).delete(key);
    },
    async clear(store) {
      table(store).clear();
    },
    dump() {
      const out: Record<string, Record<string, unknown>> = {};
      for (const [name, t] of stores) out[name] = Object.fromEntries(t);
      return out;
    },
  };
}
