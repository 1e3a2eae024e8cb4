import type { Journal } from '../../../../src/core/journal/journal';
import type { DurableStore } from '../../../../src/core/storage/durable-store';

/**
 * A disk that fills up: wraps a store and a journal so that, once `fill()` is called, every
 * write rejects the way IndexedDB does when the profile is out of quota (a DOMException named
 * QuotaExceededError) while reads keep working. `free()` gives the space back.
 */
export interface FullDisk<S extends DurableStore, J extends Journal> {
  store: S;
  journal: J;
  fill(): void;
  free(): void;
  /** Writes refused so far (store and journal). */
  refused(): number;
}

export function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

export function createFullDisk<S extends DurableStore, J extends Journal>(store: S, journal: J): FullDisk<S, J> {
  let full = false;
  let refused = 0;
  const guard =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      if (!full) return write(...args);
      refused += 1;
      return Promise.reject(quotaError());
    };
  const wrappedStore = {
    ...store,
    put: guard(store.put.bind(store)),
    putMany: guard(store.putMany.bind(store)),
    delete: guard(store.delete.bind(store)),
    clear: guard(store.clear.bind(store)),
  } as S;
  const wrappedJournal = { ...journal, append: guard(journal.append.bind(journal)) } as J;
  return {
    store: wrappedStore,
    journal: wrappedJournal,
    fill: () => {
      full = true;
    },
    free: () => {
      full = false;
    },
    refused: () => refused,
  };
}
