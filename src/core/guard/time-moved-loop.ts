import type { CatchUp } from './catch-up';
import type { GuardTime } from './guard-time';

/**
 * The server-time loop.
 *
 * Triggered by new evidence of the server's time (guard-time.ts): the estimate appeared or
 * moved, once per burst of REST answers and live stamps.
 * Does: catches up at once (catch-up.ts, without asking the server again), so lockout ends,
 * the reset and rule deadlines are judged by the corrected time, not at the next alarm.
 *
 *   server time moved ─▶ (started?) ─▶ catch-up tick
 */
export function createTimeMovedLoop(deps: {
  time: Pick<GuardTime, 'onMoved'>;
  catchUp: Pick<CatchUp, 'tick'>;
  running: () => boolean;
}): () => void {
  return deps.time.onMoved(() => {
    if (deps.running()) void deps.catchUp.tick(false).catch(() => undefined);
  });
}
