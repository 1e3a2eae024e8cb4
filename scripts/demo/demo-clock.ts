import { createTradingDayClock } from '../../src/core/state/trading-day';

/**
 * The demo's fast clock: real time plus an offset the demo controls. The simulator is started
 * with `now: clock.now` and the extension gets the same offset through its dev hook, so both
 * sides agree on "now" and the 17:00 Chicago reset can be reached in seconds.
 *
 * Sub-millisecond base (performance) so short latencies are not rounded to whole ms.
 */
export interface DemoClock {
  now(): number;
  offsetMs(): number;
  setOffsetMs(ms: number): void;
}

export function createDemoClock(base: () => number = () => performance.timeOrigin + performance.now()): DemoClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    offsetMs: () => offset,
    setOffsetMs(ms) {
      if (!Number.isFinite(ms)) throw new RangeError(`clock offset must be finite, got ${ms}`);
      offset = ms;
    },
  };
}

const HOUR_MS = 3_600_000;

/**
 * Where the demo's day starts: `hoursBefore` hours before the next reset (10:00 CT with the
 * default 7 h), so a run at any real hour never crosses a reset by accident. Uses the guard's
 * own trading-day clock (weekends: Friday's reset leads to Monday's).
 */
export function demoDayStart(realNow: number, hoursBefore = 7): { startAt: number; resetAt: number } {
  const day = createTradingDayClock();
  const resetAt = day.nextReset(realNow);
  return { startAt: resetAt - hoursBefore * HOUR_MS, resetAt };
}

/** The next reset strictly after `epochMs` (the end of the current trading day). */
export function nextReset(epochMs: number): number {
  return createTradingDayClock().nextReset(epochMs);
}

/** Wall-clock time in Chicago, e.g. '16:59:57 CT', for the timeline. */
export function chicagoTime(epochMs: number): string {
  const t = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Chicago',
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(epochMs));
  return `${t} CT`;
}
