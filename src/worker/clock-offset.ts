import type { Clock } from '../core/ports';

/**
 * The worker's wall clock. In store builds it is the computer's clock, full stop. The local
 * build used by the demo and the end-to-end tests can shift it (to play the 17:00 Chicago reset
 * without waiting for it); the shift is set only through the worker's dev hook, which store
 * builds do not have. The shift means time passing: the worker moves its monotonic clock with
 * it, and the demo moves the simulator's. The guard itself runs on the server's time
 * (src/core/time/server-clock.ts), so a shift of this clock alone ends no lockout.
 */
export interface OffsetClock extends Clock {
  offsetMs(): number;
  setOffsetMs(ms: number): void;
}

export function createOffsetClock(now: () => number = Date.now): OffsetClock {
  let offset = 0;
  return {
    now: () => now() + offset,
    offsetMs: () => offset,
    setOffsetMs(ms) {
      if (!Number.isFinite(ms)) throw new RangeError('clock offset must be a finite number of ms');
      offset = ms;
    },
  };
}
