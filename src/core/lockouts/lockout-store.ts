import { errorMessage } from '../error-message';
import { appendBestEffort, type Journal } from '../journal/journal';
import type { Clock } from '../ports';
import type { DurableStore } from '../storage/durable-store';
import { type Lockout, LockoutRecordSchema } from './lockout-record';

/**
 * Where the lockout book keeps its lockouts: the durable store's `lockouts`, every write and
 * delete strict (a lockout must outlive a browser crash). A write that fails never lifts a
 * lockout: the book keeps it in force in memory, the failure is journaled as an error, and
 * what was not written (or not deleted) goes again with the next write or `flush()`.
 */
export interface LockoutStore {
  /** Every stored lockout; one that does not read as a lockout is journaled and skipped. */
  load(): Promise<Lockout[]>;
  /** Writes the book's lockouts at `keys` as they are now, deletes `removed` (ids), and retries what failed before; false when the write failed. */
  write(keys: string[], removed?: string[]): Promise<boolean>;
  /** The lockout at `key` left the book: a rewrite of it that failed before is dropped. */
  forget(key: string): void;
  /** Retries the writes that failed earlier, if any. */
  flush(): Promise<void>;
  /** Resolves when every write begun so far has landed or failed (not when later ones have). */
  settled(): Promise<void>;
}

export interface LockoutStoreOptions {
  store: DurableStore;
  clock: Clock;
  journal: Journal;
  /** The book's lockout at a key now (undefined: it left the book). */
  current(key: string): Lockout | undefined;
}

const STORE = 'lockouts';

export function createLockoutStore(opts: LockoutStoreOptions): LockoutStore {
  const { store, clock, journal } = opts;
  const dirty = new Set<string>();
  const pendingDeletes = new Set<string>();
  const inFlight = new Set<Promise<boolean>>();

  const writeNow = async (keys: string[], removed: string[]): Promise<boolean> => {
    const all = [...new Set([...keys, ...dirty])];
    try {
      const writes = all.flatMap((k) => {
        const v = opts.current(k);
        return v ? [{ store: STORE as typeof STORE, key: v.id, value: v }] : [];
      });
      for (const id of removed) pendingDeletes.add(id);
      if (writes.length > 0) await store.putMany(writes, { durability: 'strict' });
      for (const id of [...pendingDeletes]) {
        await store.delete(STORE, id, { durability: 'strict' });
        pendingDeletes.delete(id);
      }
      for (const k of all) dirty.delete(k);
      return true;
    } catch (error) {
      for (const k of keys) dirty.add(k);
      await appendBestEffort(journal, {
        at: clock.now(),
        kind: 'error',
        accountId: null,
        message: 'Could not save lockouts; they stay in force in memory and the save is retried',
        data: { error: errorMessage(error) },
      });
      return false;
    }
  };

  const write = (keys: string[], removed: string[] = []): Promise<boolean> => {
    const written = writeNow(keys, removed);
    inFlight.add(written);
    void written.finally(() => inFlight.delete(written));
    return written;
  };

  return {
    async load() {
      const rows = await store.getAll<unknown>(STORE);
      const out: Lockout[] = [];
      for (const row of rows) {
        const parsed = LockoutRecordSchema.safeParse(row.value);
        if (parsed.success) {
          out.push(parsed.data);
          continue;
        }
        await appendBestEffort(journal, {
          at: clock.now(),
          kind: 'error',
          accountId: null,
          message: 'A stored lockout could not be read and was skipped',
          data: { key: row.key, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
        });
      }
      return out;
    },
    write,
    forget: (key) => {
      dirty.delete(key);
    },
    async flush() {
      if (dirty.size > 0 || pendingDeletes.size > 0) await write([]);
    },
    settled: () => Promise.all([...inFlight]).then(() => undefined),
  };
}
