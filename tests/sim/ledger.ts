import type { Order } from '../../src/core/gateway/schemas';
import { type AccountBook, applyEntry, bookTruth, copyPlain, createBook } from './ledger-book';
import { createEntryIndex } from './ledger-index';
import type { Ledger, LedgerEntry } from './types';

/**
 * The ground truth: an append-only list of every order version, fill (and voided version of
 * a fill), position change, balance change, account change and close request. The list stays
 * whole (for audits, `entries()` and `truth(at)`); next to it each account's truth is kept up
 * to date as entries are appended, so `truth()` now costs the size of its answer and a run of
 * a million entries appends and answers as fast as its first minute did. `truth(at)` replays
 * the account's entries through the same code (ledger-book.ts).
 */
type Omit2<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type LedgerInput = Omit2<LedgerEntry>;

export interface SimLedger extends Ledger {
  append(entry: LedgerInput): LedgerEntry;
  /**
   * Entries and records the ledger has walked since it began: one per append, plus every
   * entry a filter, a replay or an audit walked and every order, position and trade a truth
   * copied. Its tests hold the work per call flat as the log grows.
   */
  visited(): number;
}

const clone = copyPlain;

export function createLedger(now: () => number): SimLedger {
  const index = createEntryIndex();
  const books = new Map<number, AccountBook>();
  /** accountId|customTag → latest version of each order with that tag (the duplicate check runs on every place). */
  const byTag = new Map<string, Map<number, Order>>();
  let visited = 0;
  let seq = 0;

  /** The account's book as it stood after entry `lastSeq` (or at time `at`): a replay of its entries. */
  const replay = (accountId: number, upTo: { seq?: number; at?: number }): AccountBook => {
    const book = createBook();
    for (const e of index.ofAccount(accountId)) {
      visited += 1;
      if (upTo.seq !== undefined && e.seq > upTo.seq) break;
      // Not a break: a clock moved back by a test leaves `at` out of order.
      if (upTo.at !== undefined && e.at > upTo.at) continue;
      applyEntry(book, e);
    }
    return book;
  };
  const rebuild = (accountId: number, lastSeq: number) => replay(accountId, { seq: lastSeq });

  return {
    append(entry) {
      seq += 1;
      const full = { ...clone(entry), seq, at: now() } as LedgerEntry;
      index.add(full);
      visited += 1;
      let book = books.get(full.accountId);
      if (!book) {
        book = createBook();
        books.set(full.accountId, book);
      }
      applyEntry(book, full);
      if (full.type === 'order' && typeof full.order.customTag === 'string') {
        const key = `${full.accountId}|${full.order.customTag}`;
        const m = byTag.get(key) ?? new Map<number, Order>();
        m.set(full.order.id, full.order);
        byTag.set(key, m);
      }
      return full;
    },
    entries(filter) {
      const selected = index.select(filter);
      visited += selected.length;
      return selected.map(clone);
    },
    truth(accountId, at) {
      const book = at === undefined ? books.get(accountId) : replay(accountId, { at });
      return bookTruth(book ?? createBook(), accountId, rebuild, (n) => {
        visited += n;
      });
    },
    ordersWithTag(accountId, customTag) {
      return [...(byTag.get(`${accountId}|${customTag}`)?.values() ?? [])].map(clone);
    },
    overCloses() {
      const requests = index.select({ type: 'close-request' });
      visited += requests.length;
      return requests
        .filter(
          (e): e is Extract<LedgerEntry, { type: 'close-request' }> =>
            e.type === 'close-request' && typeof e.requestedSize === 'number' && e.requestedSize > e.openSizeBefore,
        )
        .map(clone);
    },
    lastSeq: () => seq,
    visited: () => visited,
  };
}
