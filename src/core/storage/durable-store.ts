/**
 * The one persistence port of the guard. Every component that must survive a worker restart
 * (token vault, rate-limit timestamps, breakers, order intents, lockouts, deadlines, config,
 * state snapshots) writes through it. `state/idb-store.ts` implements it on IndexedDB (idb);
 * `createMemoryStore()` backs unit tests.
 *
 * `strict` durability is for facts that something will act on (lockouts, intents): the
 * promise resolves only once the write is on disk.
 */
export type StoreName =
  | 'config'
  | 'accounts'
  | 'contracts'
  | 'lockouts'
  | 'deadlines'
  | 'intents'
  | 'secrets'
  | 'limiter'
  | 'breakers'
  | 'meta';

export type Durability = 'strict' | 'relaxed';

export interface DurableStore {
  get<T>(store: StoreName, key: string): Promise<T | undefined>;
  getAll<T>(store: StoreName): Promise<Array<{ key: string; value: T }>>;
  put<T>(store: StoreName, key: string, value: T, options?: { durability?: Durability }): Promise<void>;
  /** Several writes in one transaction: all land or none. */
  putMany(
    writes: ReadonlyArray<{ store: StoreName; key: string; value: unknown }>,
    options?: { durability?: Durability },
  ): Promise<void>;
  delete(store: StoreName, key: string, options?: { durability?: Durability }): Promise<void>;
  clear(store: StoreName): Promise<void>;
}
