import type { LockoutBook } from '../lockouts/lockout-book';
import type { Deadlines } from './deadlines';

/**
 * The lockout loop.
 *
 * Triggered by every change of the lockout book: a lockout added or extended (a rule, lock me
 * out, a copy-trading group), ended (its time, its condition) or loaded at start.
 * Does: re-arms the lockout deadline for the next end, and tells the views, which redraw the
 * popup, the overlay, the toolbar and the page's network block from the new snapshot. The
 * lockout guard needs no signal: it checks the book on every position and order event and on
 * every tick (pipeline-effects.ts, catch-up.ts).
 *
 *   lockout book changed ─▶ lockout deadline re-armed ─▶ views told
 */
export function createLockoutChangeLoop(deps: {
  lockouts: Pick<LockoutBook, 'onChange'>;
  deadlines: Pick<Deadlines, 'armLockouts'>;
  changed: () => void;
}): () => void {
  return deps.lockouts.onChange(() => {
    deps.deadlines.armLockouts();
    deps.changed();
  });
}
