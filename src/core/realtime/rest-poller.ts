import { errorMessage } from '../error-message';
import type { Journal } from '../journal/journal';
import type { Clock, TimerHandle, Timers } from '../ports';

/**
 * While the user hub is down or stale the guard would be blind; instead it polls REST every
 * `intervalMs` (5 s) so rules and enforcement keep seeing positions and orders. The poll
 * itself is injected: the integrator passes the reconciler's light pass
 * (`reconciler.reconcile('poll', undefined, { scope: 'positions-orders' })`), which runs in
 * the reconciliation lane. One poll at a time; the next starts `intervalMs` after the last
 * one ended, so a slow API is never stacked up. Stops as soon as the hub is healthy again.
 */
export interface RestPoller {
  /** Start (poll at once, then every interval) or stop polling. Idempotent. */
  setActive(active: boolean): void;
  isActive(): boolean;
  /** Polls completed since creation (tests and diagnostics). */
  count(): number;
}

export function createRestPoller(options: {
  timers: Timers;
  clock: Clock;
  poll: () => Promise<unknown>;
  intervalMs?: number;
  journal?: Journal;
}): RestPoller {
  const { timers } = options;
  const intervalMs = options.intervalMs ?? 5000;
  let active = false;
  let timer: TimerHandle | null = null;
  let running = false;
  let completed = 0;
  let failingSince: number | null = null;

  const schedule = (delay: number) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void tick();
    }, delay);
  };

  async function tick(): Promise<void> {
    if (!active || running) return;
    running = true;
    try {
      await options.poll();
      if (failingSince !== null) {
        failingSince = null;
        void options.journal
          ?.append({ at: options.clock.now(), kind: 'connection', accountId: null, message: 'REST polling recovered' })
          .catch(() => undefined);
      }
    } catch (error) {
      // Journal the first failure of a streak only: every 5 s would bury the journal.
      if (failingSince === null) {
        failingSince = options.clock.now();
        void options.journal
          ?.append({
            at: failingSince,
            kind: 'error',
            accountId: null,
            message: 'REST polling failed',
            data: { error: errorMessage(error) },
          })
          .catch(() => undefined);
      }
    } finally {
      running = false;
      completed += 1;
    }
    if (active) schedule(intervalMs);
  }

  return {
    setActive(next) {
      if (next === active) return;
      active = next;
      if (active) {
        if (!running) schedule(0);
      } else if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
    },
    isActive: () => active,
    count: () => completed,
  };
}
