import type { IDBPDatabase } from 'idb';
import { JOURNAL_STORE } from '../storage/idb-migrations';
import { openIdbStore } from '../storage/idb-store';
import type { Journal, JournalEntry, JournalFilters, NewJournalEntry } from './journal';
import { sanitizeJournalData } from './journal-sanitize';

/**
 * The journal on IndexedDB: append-only, `seq` assigned by the store's auto-increment key,
 * indexes by time (`at`), account and kind (schema: storage/idb-migrations.ts). Bounded:
 * when an append takes it past `maxEntries`, the oldest entries are deleted down to
 * `compactTo` in one transaction (the gap keeps compaction rare: once per 10,000 appends by
 * default, not on every append).
 *
 * Pass the database of an `openIdbStore` (one connection per context), or a factory to open
 * one. `keyRange` is IndexedDB's IDBKeyRange of the same implementation as the database
 * (a browser global like `indexedDB`; fake-indexeddb's under test).
 */
export interface IdbJournalOptions {
  db?: IDBPDatabase<unknown>;
  indexedDB?: IDBFactory;
  name?: string;
  keyRange?: typeof IDBKeyRange;
  maxEntries?: number;
  compactTo?: number;
}

export interface IdbJournal extends Journal {
  count(): Promise<number>;
  /** Deletes the oldest entries down to `compactTo`; resolves with how many were deleted. */
  compact(): Promise<number>;
}

export function createIdbJournal(options: IdbJournalOptions): IdbJournal {
  const maxEntries = options.maxEntries ?? 50_000;
  const compactTo = options.compactTo ?? 40_000;
  if (!(compactTo >= 0 && compactTo < maxEntries)) {
    throw new RangeError(`journal compactTo (${compactTo}) must be ≥ 0 and below maxEntries (${maxEntries})`);
  }
  const keyRange = options.keyRange ?? globalThis.IDBKeyRange;
  const { db: given, indexedDB } = options;
  let dbPromise: Promise<IDBPDatabase<unknown>>;
  if (given) dbPromise = Promise.resolve(given);
  else if (indexedDB) dbPromise = openIdbStore({ indexedDB, name: options.name }).then((s) => s.db);
  else throw new TypeError('createIdbJournal needs a db or an indexedDB factory');

  let counted: number | undefined;
  let compacting: Promise<number> | undefined;

  const count = async (): Promise<number> => {
    if (counted === undefined) counted = await (await dbPromise).count(JOURNAL_STORE);
    return counted;
  };

  const compactNow = async (): Promise<number> => {
    const db = await dbPromise;
    const tx = db.transaction(JOURNAL_STORE, 'readwrite');
    const total = await tx.store.count();
    const excess = total - compactTo;
    let deleted = 0;
    if (excess > 0) {
      const oldest = await tx.store.getAllKeys(null, excess);
      const last = oldest.at(-1);
      if (last !== undefined) {
        await tx.store.delete(keyRange.upperBound(last));
        deleted = oldest.length;
      }
    }
    await tx.done;
    counted = total - deleted;
    return deleted;
  };

  const compact = (): Promise<number> => {
    compacting ??= compactNow().finally(() => {
      compacting = undefined;
    });
    return compacting;
  };

  return {
    count,
    compact,
    async append(entry: NewJournalEntry): Promise<JournalEntry> {
      const db = await dbPromise;
      const stored: NewJournalEntry = { ...entry };
      if (entry.data !== undefined) stored.data = sanitizeJournalData(entry.data);
      if (stored.ruleId === undefined) delete stored.ruleId;
      const tx = db.transaction(JOURNAL_STORE, 'readwrite');
      const [seq] = await Promise.all([tx.store.add(stored), tx.done]);
      // First append of this context: count what is stored (the new entry included).
      counted = counted === undefined ? await db.count(JOURNAL_STORE) : counted + 1;
      if (counted > maxEntries) await compact();
      return { ...stored, seq: Number(seq) };
    },
    async list(filters: JournalFilters = {}): Promise<JournalEntry[]> {
      const db = await dbPromise;
      const tx = db.transaction(JOURNAL_STORE, 'readonly');
      const { sinceSeq, from, to, accountId, kinds, limit } = filters;
      const lo = from ?? -Infinity;
      const hi = to ?? Infinity;
      let cursor =
        accountId !== undefined
          ? await tx.store.index('accountId').openCursor(keyRange.only(accountId), 'prev')
          : from !== undefined || to !== undefined
            ? await tx.store.index('at').openCursor(atRange(keyRange, from, to), 'prev')
            : await tx.store.openCursor(sinceSeq === undefined ? null : keyRange.lowerBound(sinceSeq, true), 'prev');
      const out: JournalEntry[] = [];
      while (cursor && (limit === undefined || out.length < limit)) {
        const e = cursor.value as JournalEntry;
        if (
          (sinceSeq === undefined || e.seq > sinceSeq) &&
          e.at >= lo &&
          e.at <= hi &&
          (kinds === undefined || kinds.includes(e.kind))
        ) {
          out.push(e);
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      return out.sort((a, b) => a.seq - b.seq);
    },
  };
}

function atRange(keyRange: typeof IDBKeyRange, from?: number, to?: number): IDBKeyRange {
  if (from !== undefined && to !== undefined) return keyRange.bound(from, to);
  if (from !== undefined) return keyRange.lowerBound(from);
  return keyRange.upperBound(to ?? Infinity);
}
