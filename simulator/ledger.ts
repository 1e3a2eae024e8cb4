import { WORKING_ORDER_STATUSES } from '../src/core/gateway/enums';
import type { Order } from '../src/core/gateway/schemas';
import { type AccountBook, applyEntry, bookTruth, copyBook, copyPlain, createBook } from './ledger-book';
import { createEntryIndex } from './ledger-index';
import type { Ledger, LedgerEntry } from './types';

/**
 * The ground truth: an append-only list of every order version, fill (and voided version of
 * a fill), position change, balance change, account change and close request. The list stays
 * whole (for audits, `entries()` and `truth(at)`); next to it each account's truth is kept up
 * to date as entries are appended, so `truth()` now costs the size of its answer and a run of
 * a million entries appends and answers as fast as its first minute did. `truth(at)` replays
 * the account's entries through the same code (ledger-book.ts).
 *
 * A run of days may prune (`prune(before)`, the simulator's `retainHistoryMs`): entries older
 * than `before` are folded into a checkpoint per account (its account, positions, working
 * orders and running P&L sums) and forgotten, with the finished orders and the trades they
 * were the latest version of. `truth(at)` then replays from the checkpoint and refuses a time
 * before it; `truth()` lists the orders and trades of the kept history (and every working
 * order); realized P&L, fees and commissions stay all-time sums.
 */
type Omit2<T> = T extends unknown ? Omit<T, 'seq' | 'at'> : never;
export type LedgerInput = Omit2<LedgerEntry>;

export interface SimLedger extends Ledger {
  append(entry: LedgerInput): LedgerEntry;
  /** Forgets the history before `before` (epoch ms on the ledger's clock); returns how many entries. */
  prune(before: number): number;
  /**
   * Entries and records the ledger has walked since it began: one per append, plus every
   * entry a filter, a replay, a prune or an audit walked and every order, position and trade
   * a truth copied. Its tests hold the work per call flat as the log grows.
   */
  visited(): number;
}

const clone = copyPlain;
const isWorking = (o: Order) => WORKING_ORDER_STATUSES.has(o.status);

export function createLedger(now: () => number): SimLedger {
  const index = createEntryIndex();
  const books = new Map<number, AccountBook>();
  /** Each account as it stood after the last pruned entry (history before `prunedBefore` is gone). */
  const checkpoints = new Map<number, AccountBook>();
  let prunedThrough = 0;
  let prunedBefore = Number.NEGATIVE_INFINITY;
  /** accountId|customTag → latest version of each order with that tag (the duplicate check runs on every place). */
  const byTag = new Map<string, Map<number, Order>>();
  let visited = 0;
  let seq = 0;

  const pruned = (what: string) =>
    new RangeError(
      `ledger: ${what} is before the kept history (pruned before ${new Date(prunedBefore).toISOString()})`,
    );

  /** The account's book as it stood after entry `upTo.seq` (or at time `upTo.at`): the checkpoint plus a replay. */
  const replay = (accountId: number, upTo: { seq?: number; at?: number }): AccountBook => {
    if (upTo.seq !== undefined && upTo.seq < prunedThrough) throw pruned(`entry ${upTo.seq}`);
    if (upTo.at !== undefined && upTo.at < prunedBefore) throw pruned(new Date(upTo.at).toISOString());
    const checkpoint = checkpoints.get(accountId);
    const book = checkpoint ? copyBook(checkpoint) : createBook();
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

  /** Folds one entry leaving the kept history into its account's checkpoint, and forgets what it was the last word on. */
  const forget = (e: LedgerEntry) => {
    let checkpoint = checkpoints.get(e.accountId);
    if (!checkpoint) {
      checkpoint = createBook();
      checkpoints.set(e.accountId, checkpoint);
    }
    applyEntry(checkpoint, e);
    // Only what this entry was the LAST version of goes: an order or trade with a later
    // version in the kept history stays in the checkpoint, so a replay from it (and its sums)
    // sees the same history the kept-up book did.
    const book = books.get(e.accountId);
    if (e.type === 'order' && !isWorking(e.order) && book?.orders.get(e.order.id) === e.order) {
      book.orders.delete(e.order.id);
      checkpoint.orders.delete(e.order.id);
      const key = `${e.accountId}|${e.order.customTag}`;
      const tagged = typeof e.order.customTag === 'string' ? byTag.get(key) : undefined;
      if (tagged?.get(e.order.id) === e.order) {
        tagged.delete(e.order.id);
        if (tagged.size === 0) byTag.delete(key);
      }
    } else if (e.type === 'trade' && book?.trades.get(e.trade.id) === e.trade) {
      book.trades.delete(e.trade.id);
      checkpoint.trades.delete(e.trade.id);
    }
  };

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
    prune(before) {
      // The oldest run of entries before `before` (a clock moved back stops it early: kept is safe).
      let through = prunedThrough;
      for (const e of index.all()) {
        if (e.at >= before) break;
        visited += 1;
        forget(e);
        through = e.seq;
      }
      if (through === prunedThrough) return 0;
      prunedThrough = through;
      prunedBefore = Math.max(prunedBefore, before);
      return index.dropThrough(through);
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
