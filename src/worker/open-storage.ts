import { createIdbJournal } from '../core/journal/idb-journal';
import { openIdbStore } from '../core/storage/idb-store';
import type { OffsetClock } from './clock-offset';
import type { GuardStorage } from './guard-host';

/** Where local builds keep the dev shift of the worker's clock (the demo plays 17:00 with it). */
export const DEV_CLOCK_KEY = 'dev-clock-offset';

/**
 * Opens the guard's IndexedDB (the store and the journal in it). Called again by the host's
 * start-up retries when opening fails (startup.ts). Local builds restore the dev clock shift
 * from it first, so a restarted worker keeps the time the demo moved to.
 */
export function createStorageOpener(deps: {
  indexedDB: IDBFactory;
  clock: OffsetClock;
  localBuild: boolean;
}): () => Promise<GuardStorage> {
  return async () => {
    const store = await openIdbStore({ indexedDB: deps.indexedDB });
    const journal = createIdbJournal({ db: store.db });
    if (deps.localBuild) deps.clock.setOffsetMs((await store.get<number>('meta', DEV_CLOCK_KEY)) ?? 0);
    return { store, journal };
  };
}
