import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { StoreName } from './durable-store';

/**
 * The IndexedDB schema, as an explicit list of migrations. Migration N takes a database at
 * version N − 1 to version N; opening at version V runs every migration from the stored
 * version + 1 up to V, inside the one `versionchange` transaction, so an upgrade lands whole
 * or not at all and never drops what older versions stored.
 *
 * Append only: never edit a released migration, add a new one (a user's database may be at
 * any earlier version). The current schema version is the number of migrations.
 */
export interface Migration {
  version: number;
  description: string;
  migrate(db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>): void | Promise<void>;
}

/** The key-value stores of the DurableStore port, as created by migration 1. */
const V1_STORES: readonly StoreName[] = [
  'config',
  'accounts',
  'contracts',
  'lockouts',
  'deadlines',
  'intents',
  'secrets',
  'limiter',
  'breakers',
  'meta',
];

export const JOURNAL_STORE = 'journal';

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'one key-value store (out-of-line string keys) per DurableStore name',
    migrate(db) {
      for (const name of V1_STORES) db.createObjectStore(name);
    },
  },
  {
    version: 2,
    description: 'journal: auto-increment seq, indexes by time, account and kind',
    migrate(db) {
      const journal = db.createObjectStore(JOURNAL_STORE, { keyPath: 'seq', autoIncrement: true });
      journal.createIndex('at', 'at');
      journal.createIndex('accountId', 'accountId');
      journal.createIndex('kind', 'kind');
    },
  },
];

export const IDB_SCHEMA_VERSION = migrations.length;
