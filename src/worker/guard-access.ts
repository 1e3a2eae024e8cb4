import type { Guard } from '../core/guard/guard';
import type { NewJournalEntry } from '../core/journal/journal';
import type { GuardHost } from './guard-host';

/**
 * How the worker's listeners reach the guard, which may still be loading or failing to start:
 * `whenReady` runs work on the started guard and skips it while start-up is failing (the views
 * show why; alarms come again); `journalLater` journals through the guard once it is there
 * (page health and the network block are built before it).
 */
export interface GuardAccess {
  whenReady(fn: (guard: Guard) => unknown): Promise<unknown>;
  journalLater(entry: NewJournalEntry): void;
}

export function createGuardAccess(host: Pick<GuardHost, 'ready'>): GuardAccess {
  return {
    whenReady: (fn) =>
      host
        .ready()
        .then(fn)
        .catch(() => undefined),
    journalLater(entry) {
      void host
        .ready()
        .then((g) => g.journal.append(entry))
        .catch(() => undefined);
    },
  };
}
