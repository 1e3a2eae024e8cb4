/**
 * The journal: every decision, action, missed event, malformed event, connection change and
 * config change, append-only. `journal/idb-journal.ts` stores it in IndexedDB (bounded: oldest
 * entries compacted); `createMemoryJournal()` backs unit tests. Never put a secret in `data`.
 */
export type JournalKind =
  | 'decision'
  | 'warning'
  | 'action'
  | 'enforcement'
  | 'lockout'
  | 'unlock'
  | 'missed-event'
  | 'malformed-event'
  | 'connection'
  | 'config'
  | 'auth'
  | 'clock'
  | 'error';

export interface JournalEntry {
  /** Monotonic sequence assigned by the journal. */
  seq: number;
  at: number;
  kind: JournalKind;
  accountId: number | null;
  ruleId?: string;
  message: string;
  data?: Record<string, unknown>;
}

export type NewJournalEntry = Omit<JournalEntry, 'seq'>;

/** Which entries `list` returns (all given filters apply); the views send the same filters (messaging/protocol.ts). */
export interface JournalFilters {
  sinceSeq?: number;
  from?: number;
  to?: number;
  accountId?: number;
  kinds?: readonly JournalKind[];
  limit?: number;
}

export interface Journal {
  append(entry: NewJournalEntry): Promise<JournalEntry>;
  list(filters?: JournalFilters): Promise<JournalEntry[]>;
}

/**
 * Appends without ever rejecting, for paths where the journal is a record, not a gate: acting
 * on a breach must not wait for, nor fail with, a journal write (a full disk refuses them).
 * The guard's storage health sees the failure (storage-health.ts watches every write).
 */
export function appendBestEffort(journal: Journal, entry: NewJournalEntry): Promise<void> {
  try {
    return journal.append(entry).then(
      () => undefined,
      () => undefined,
    );
  } catch {
    return Promise.resolve();
  }
}

export function createMemoryJournal(): Journal & { entries: JournalEntry[] } {
  const entries: JournalEntry[] = [];
  let seq = 0;
  return {
    entries,
    async append(entry) {
      seq += 1;
      const stored: JournalEntry = { ...structuredClone(entry), seq };
      entries.push(stored);
      return stored;
    },
    async list(q = {}) {
      const out = entries.filter((e) => journalMatches(e, q));
      return q.limit === undefined ? out : out.slice(-q.limit);
    },
  };
}

/** Whether an entry is one a query asks for (every filter but `limit`). */
export function journalMatches(e: JournalEntry, q: JournalFilters): boolean {
  return (
    (q.sinceSeq === undefined || e.seq > q.sinceSeq) &&
    (q.from === undefined || e.at >= q.from) &&
    (q.to === undefined || e.at <= q.to) &&
    (q.accountId === undefined || e.accountId === q.accountId) &&
    (q.kinds === undefined || q.kinds.includes(e.kind))
  );
}
