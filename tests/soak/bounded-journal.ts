import { type Journal, type JournalEntry, type JournalKind, journalMatches } from '../../src/core/journal/journal';

/**
 * A journal for a run of a day or more in memory: counts every entry by kind and keeps the
 * last `keep` (the memory journal keeps all, which a long soak would mistake for a leak).
 */
export interface BoundedJournal extends Journal {
  count(kind: JournalKind): number;
  total(): number;
}

export function createBoundedJournal(keep = 1000): BoundedJournal {
  let entries: JournalEntry[] = [];
  const counts = new Map<JournalKind, number>();
  let seq = 0;
  return {
    async append(entry) {
      seq += 1;
      const stored: JournalEntry = { ...structuredClone(entry), seq };
      entries.push(stored);
      if (entries.length > 2 * keep) entries = entries.slice(-keep);
      counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
      return stored;
    },
    async list(q = {}) {
      const out = entries.filter((e) => journalMatches(e, q));
      return q.limit === undefined ? out : out.slice(-q.limit);
    },
    count: (kind) => counts.get(kind) ?? 0,
    total: () => seq,
  };
}
