import { appendBestEffort, type Journal } from '../journal/journal';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { Clock } from '../ports';
import type { StorageHealthTracker } from './storage-health';

/**
 * The disk loop.
 *
 * Triggered by the storage health changing (storage-health.ts): a write refused (a full disk)
 * after they landed, or a write landing again after refusals.
 * Does: tells the views (guard health shows it), journals it (best effort: the journal shares
 * the disk that just failed or came back), and once writes land again writes the lockouts the
 * full disk refused (they held in memory meanwhile).
 *
 *   storage ok ⇄ failing ─▶ views told ─▶ journal
 *                  └─ ok again ─▶ lockouts flushed to disk
 */
export function createStorageHealthLoop(deps: {
  storage: Pick<StorageHealthTracker, 'onChange'>;
  journal: Journal;
  clock: Clock;
  lockouts: Pick<LockoutBook, 'flush'>;
  changed: () => void;
}): () => void {
  return deps.storage.onChange((h) => {
    deps.changed();
    void appendBestEffort(deps.journal, {
      at: deps.clock.now(),
      kind: 'error',
      accountId: null,
      message:
        h.state === 'failing'
          ? `Storage is refusing writes (${h.lastError}): the guard keeps enforcing, but lockouts and the journal may not survive a restart`
          : 'Storage accepts writes again',
      data: { ...h },
    });
    if (h.state === 'ok') void deps.lockouts.flush().catch(() => undefined);
  });
}
