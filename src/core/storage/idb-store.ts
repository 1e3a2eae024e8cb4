import { type IDBPDatabase, type IDBPTransaction, wrap } from 'idb';
import { errorMessage, errorNameAndMessage } from '../error-message';
import type { Durability, DurableStore, StoreName } from './durable-store';
import { migrations as defaultMigrations, IDB_SCHEMA_VERSION, type Migration } from './idb-migrations';

/**
 * DurableStore on IndexedDB through idb 8 (promises over the raw API, nothing more; Dexie
 * was rejected as a second schema language and ~10× the size for a key-value port).
 *
 * The IDBFactory is injected (`indexedDB` is a browser global): the worker passes its own,
 * tests pass fake-indexeddb's. idb's `openDB` reads the global factory, so the open request
 * is made here and wrapped with idb's `wrap`. (idb still checks values against the global
 * IDBRequest/IDBTransaction classes, so the factory must be of the global implementation:
 * the browser's in the worker, fake-indexeddb/auto's in Node.)
 *
 * Durability: `strict` opens the transaction with `{ durability: 'strict' }`, whose complete
 * event fires only once the data is flushed to disk; `relaxed` lets the browser batch the
 * flush (faster, may lose the last writes on a crash); omitted uses the browser default.
 * Every write resolves on the transaction's completion, never on the request's success.
 */
export interface OpenIdbStoreOptions {
  indexedDB: IDBFactory;
  name?: string;
  /** Schema version to open at; defaults to the newest. Lower only to build old fixtures in tests. */
  version?: number;
  migrations?: readonly Migration[];
  /** Another context holds an older connection open and blocks the upgrade. */
  onBlocked?: () => void;
}

export interface IdbStore extends DurableStore {
  readonly db: IDBPDatabase<unknown>;
  readonly version: number;
  close(): void;
}

export async function openIdbStore(options: OpenIdbStoreOptions): Promise<IdbStore> {
  const name = options.name ?? 'risk-guard';
  const steps = options.migrations ?? defaultMigrations;
  const version = options.version ?? (options.migrations ? steps.length : IDB_SCHEMA_VERSION);
  if (!Number.isInteger(version) || version < 1 || version > steps.length) {
    throw new RangeError(`IndexedDB schema version must be 1..${steps.length}, got ${version}`);
  }
  let db: IDBPDatabase<unknown>;
  try {
    db = await openDatabase(options.indexedDB, name, version, steps, options.onBlocked);
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'VersionError') {
      throw new NewerDatabaseError(name, await storedVersion(options.indexedDB, name), version, error);
    }
    throw error;
  }
  return createStore(db);
}

/**
 * A downgrade: an older build meets the database of a newer one. IndexedDB itself refuses to
 * open a database at a lower version than stored (VersionError) and changes nothing; this
 * says so in words the toolbar and the popup can show. Never answered by deleting the
 * database: it holds the lockouts, the config and the encrypted key.
 */
export class NewerDatabaseError extends Error {
  constructor(
    readonly database: string,
    readonly storedVersion: number | null,
    readonly knownVersion: number,
    cause: unknown,
  ) {
    // Short (start-up shows name and message in 160 characters): what, and what to do.
    super(
      `data from a newer Risk Guard (schema ${storedVersion ?? '?'}; this version reads ${knownVersion}): ` +
        'nothing changed, install the newer version',
      { cause },
    );
    this.name = 'NewerDatabaseError';
  }
}

/** The version a database is stored at, read by opening it without asking for one (no upgrade runs). */
function storedVersion(factory: IDBFactory, name: string): Promise<number | null> {
  return new Promise((resolve) => {
    const request = factory.open(name);
    request.onsuccess = () => {
      const version = request.result.version;
      request.result.close();
      resolve(version);
    };
    request.onerror = () => resolve(null);
  });
}

function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  steps: readonly Migration[],
  onBlocked?: () => void,
): Promise<IDBPDatabase<unknown>> {
  const request = factory.open(name, version);
  const opened = wrap(request) as Promise<IDBPDatabase<unknown>>;
  let migrationError: { version: number; error: unknown } | undefined;
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as IDBPDatabase<unknown>;
    const raw = request.transaction;
    if (!raw) return;
    const tx = wrap(raw) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
    tx.done.catch(() => undefined); // an aborted upgrade is reported through the open request
    const due = steps.filter((s) => s.version > event.oldVersion && s.version <= version);
    // Synchronous steps run back to back; a step that returns a promise (a data migration
    // awaiting its requests) holds the next one until it settles. Any failure aborts the
    // upgrade, so the open fails and the database stays at its old version, data intact.
    const runFrom = (i: number): void => {
      try {
        for (; i < due.length; i++) {
          const step = due[i];
          if (!step) continue;
          const result = step.migrate(db, tx);
          if (result instanceof Promise) {
            result.then(
              () => runFrom(i + 1),
              (error: unknown) => {
                migrationError = { version: step.version, error };
                raw.abort();
              },
            );
            return;
          }
        }
      } catch (error) {
        migrationError = { version: due[i]?.version ?? -1, error };
        raw.abort();
      }
    };
    runFrom(0);
  });
  if (onBlocked) request.addEventListener('blocked', () => onBlocked());
  return opened.then(
    (db) => {
      // Step aside when a newer version (another context after an update) wants to upgrade.
      db.addEventListener('versionchange', () => db.close());
      return db;
    },
    (error: unknown) => {
      if (!migrationError) throw error;
      const why = errorMessage(migrationError.error);
      throw new Error(`IndexedDB migration to version ${migrationError.version} failed: ${why}`, {
        cause: migrationError.error,
      });
    },
  );
}

function txOptions(durability: Durability | undefined): IDBTransactionOptions | undefined {
  return durability ? { durability } : undefined;
}

/**
 * Runs `issue` in a readwrite transaction and resolves on its completion. If issuing throws
 * (e.g. a value that cannot be cloned) the transaction is aborted, so requests already made
 * in it are undone: a putMany lands whole or not at all.
 */
async function write(
  db: IDBPDatabase<unknown>,
  stores: string[],
  durability: Durability | undefined,
  issue: (tx: IDBPTransaction<unknown, string[], 'readwrite'>, track: (request: Promise<unknown>) => void) => void,
): Promise<void> {
  const tx = db.transaction(stores, 'readwrite', txOptions(durability));
  const done = tx.done;
  done.catch(() => undefined); // awaited below; avoid an unhandled rejection if issuing throws first
  try {
    // A failed request aborts the transaction, which `done` reports; the request's own rejection is noise.
    issue(tx, (request) => void request.catch(() => undefined));
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    throw error;
  }
  await done;
}

function createStore(db: IDBPDatabase<unknown>): IdbStore {
  const fail = (what: string, error: unknown): never => {
    const message = errorNameAndMessage(error);
    // Keys and store names only: values may be secrets.
    throw new Error(`IndexedDB ${what} failed (${message})`, { cause: error });
  };
  return {
    db,
    version: db.version,
    close: () => db.close(),
    async get<T>(store: StoreName, key: string) {
      try {
        return (await db.get(store, key)) as T | undefined;
      } catch (error) {
        return fail(`get ${store}/${key}`, error);
      }
    },
    async getAll<T>(store: StoreName) {
      try {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
        return keys.map((key, i) => ({ key: String(key), value: values[i] as T }));
      } catch (error) {
        return fail(`getAll ${store}`, error);
      }
    },
    async put(store, key, value, options) {
      try {
        await write(db, [store], options?.durability, (tx, track) => track(tx.objectStore(store).put(value, key)));
      } catch (error) {
        fail(`put ${store}/${key}`, error);
      }
    },
    async putMany(writes, options) {
      if (writes.length === 0) return;
      const names = [...new Set(writes.map((w) => w.store))];
      try {
        await write(db, names, options?.durability, (tx, track) => {
          for (const w of writes) track(tx.objectStore(w.store).put(w.value, w.key));
        });
      } catch (error) {
        fail(`putMany ${names.join(',')} (${writes.length} writes)`, error);
      }
    },
    async delete(store, key, options) {
      try {
        await write(db, [store], options?.durability, (tx, track) => track(tx.objectStore(store).delete(key)));
      } catch (error) {
        fail(`delete ${store}/${key}`, error);
      }
    },
    async clear(store) {
      try {
        await write(db, [store], undefined, (tx, track) => track(tx.objectStore(store).clear()));
      } catch (error) {
        fail(`clear ${store}`, error);
      }
    },
  };
}
