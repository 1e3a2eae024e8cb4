import type { Journal } from '../journal/journal';
import type { DurableStore } from '../storage/durable-store';

/**
 * Whether the guard can still write what it must keep (lockouts, pending enforcements, the
 * journal). A full disk (IndexedDB's QuotaExceededError) or a broken profile must never
 * switch enforcement off, so writes that fail are not errors on the enforcement path: they
 * are recorded here, and the views and a notification tell the trader.
 *
 *   ok ──write-failed──▶ failing ──write-succeeded──▶ ok
 *                          │  ▲
 *                          └──┘ write-failed (counted; listeners hear transitions only)
 *
 * Every change goes through `dispatch`, along `STORAGE_TRANSITIONS`.
 *
 * `watchStore` / `watchJournal` wrap the ports once, where the guard is wired, so every
 * component's writes are seen without each of them knowing about it.
 */
export interface StorageHealth {
  state: 'ok' | 'failing';
  /** Epoch ms of the first failure of the current failing spell, else null. */
  since: number | null;
  /** The last failure, e.g. "QuotaExceededError: The quota has been exceeded." */
  lastError: string | null;
  /** True when the last failure was the storage quota (the disk or the browser's share of it is full). */
  quota: boolean;
  /** Writes refused in the current failing spell. */
  failedWrites: number;
}

export interface StorageHealthTracker {
  current(): StorageHealth;
  failed(error: unknown): void;
  succeeded(): void;
  /** Called when the state changes (ok → failing, failing → ok), not on every failed write. */
  onChange(listener: (health: StorageHealth) => void): () => void;
}

const OK: StorageHealth = { state: 'ok', since: null, lastError: null, quota: false, failedWrites: 0 };

export type StorageState = StorageHealth['state'];

export const STORAGE_STATES: readonly StorageState[] = ['ok', 'failing'];

export type StorageEvent = { type: 'write-failed'; error: unknown; at: number } | { type: 'write-succeeded' };

export type StorageEventType = StorageEvent['type'];

export const STORAGE_EVENTS: readonly StorageEventType[] = ['write-failed', 'write-succeeded'];

/** The whole machine: anything not listed is ignored. */
export const STORAGE_TRANSITIONS: Readonly<Record<StorageState, Partial<Record<StorageEventType, StorageState>>>> = {
  ok: { 'write-failed': 'failing' },
  failing: { 'write-failed': 'failing', 'write-succeeded': 'ok' },
};

/** The health `event` leads to, or null when the table does not allow it. */
export function nextStorageHealth(health: StorageHealth, event: StorageEvent): StorageHealth | null {
  if (STORAGE_TRANSITIONS[health.state][event.type] === undefined) return null;
  if (event.type === 'write-succeeded') return OK;
  return {
    state: 'failing',
    since: health.since ?? event.at,
    lastError: errorText(event.error),
    quota: isQuotaError(event.error),
    failedWrites: health.failedWrites + 1,
  };
}

export function isQuotaError(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message));
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null && 'name' in error) return String((error as { name: unknown }).name);
  return String(error);
}

export function createStorageHealth(now: () => number): StorageHealthTracker {
  let health: StorageHealth = OK;
  const listeners = new Set<(h: StorageHealth) => void>();
  // Listeners hear transitions only: a journal write reporting a failure would otherwise
  // fail in turn and report again, for ever.
  const dispatch = (event: StorageEvent) => {
    const next = nextStorageHealth(health, event);
    if (next === null) return;
    const changed = next.state !== health.state;
    health = next;
    if (changed) for (const l of listeners) l(health);
  };
  return {
    current: () => health,
    failed(error) {
      dispatch({ type: 'write-failed', error, at: now() });
    },
    succeeded() {
      dispatch({ type: 'write-succeeded' });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Reports every write's outcome to `health`; the caller still sees the failure as before. */
function watched<A extends unknown[], R>(
  health: StorageHealthTracker,
  write: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      const result = await write(...args);
      health.succeeded();
      return result;
    } catch (error) {
      health.failed(error);
      throw error;
    }
  };
}

export function watchStore(store: DurableStore, health: StorageHealthTracker): DurableStore {
  return {
    get: (name, key) => store.get(name, key),
    getAll: (name) => store.getAll(name),
    put: watched(health, (name, key, value, options) => store.put(name, key, value, options)),
    putMany: watched(health, (writes, options) => store.putMany(writes, options)),
    delete: watched(health, (name, key, options) => store.delete(name, key, options)),
    clear: watched(health, (name) => store.clear(name)),
  };
}

export function watchJournal<J extends Journal>(journal: J, health: StorageHealthTracker): J {
  return { ...journal, append: watched(health, (entry) => journal.append(entry)), list: journal.list.bind(journal) };
}
