import type { LedgerEntry } from './types';

export interface EntryFilter {
  accountId?: number;
  type?: LedgerEntry['type'];
  sinceSeq?: number;
}

/**
 * The ledger's entries in seq order, also listed by account, by type and by both, so that a
 * filter walks its own matches and nothing else: `entries({ accountId, type: 'close-request' })`
 * on a ledger of a million fills looks at that account's close requests only, and `sinceSeq`
 * starts by binary search. Each list shares the entry objects (no copies are kept).
 */
export interface EntryIndex {
  add(e: LedgerEntry): void;
  /** The matching entries, in seq order (the stored objects: the caller copies). */
  select(filter?: EntryFilter): LedgerEntry[];
  /** One account's entries, in seq order. */
  ofAccount(accountId: number): readonly LedgerEntry[];
  /** Every entry kept, in seq order. */
  all(): readonly LedgerEntry[];
  /** Forgets every entry with seq ≤ `seq` (history pruned); returns how many. */
  dropThrough(seq: number): number;
  size(): number;
}

export function createEntryIndex(): EntryIndex {
  const all: LedgerEntry[] = [];
  const byAccount = new Map<number, LedgerEntry[]>();
  const byType = new Map<LedgerEntry['type'], LedgerEntry[]>();
  const byBoth = new Map<string, LedgerEntry[]>();
  const push = <K>(map: Map<K, LedgerEntry[]>, key: K, e: LedgerEntry) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  const listFor = (filter: EntryFilter): readonly LedgerEntry[] => {
    const { accountId, type } = filter;
    if (accountId !== undefined && type !== undefined) return byBoth.get(`${accountId}|${type}`) ?? [];
    if (accountId !== undefined) return byAccount.get(accountId) ?? [];
    if (type !== undefined) return byType.get(type) ?? [];
    return all;
  };
  return {
    add(e) {
      all.push(e);
      push(byAccount, e.accountId, e);
      push(byType, e.type, e);
      push(byBoth, `${e.accountId}|${e.type}`, e);
    },
    select(filter = {}) {
      const list = listFor(filter);
      return list.slice(filter.sinceSeq === undefined ? 0 : firstAfter(list, filter.sinceSeq));
    },
    ofAccount: (accountId) => byAccount.get(accountId) ?? [],
    all: () => all,
    dropThrough(seq) {
      const dropped = firstAfter(all, seq);
      all.splice(0, dropped);
      for (const map of [byAccount, byType, byBoth] as Array<Map<unknown, LedgerEntry[]>>) {
        for (const list of map.values()) list.splice(0, firstAfter(list, seq));
      }
      return dropped;
    },
    size: () => all.length,
  };
}

/** Index of the first entry with seq > `seq` in a list sorted by seq. */
function firstAfter(list: readonly LedgerEntry[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid]?.seq ?? 0) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
