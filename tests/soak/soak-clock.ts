import { createDemoClock } from '../../scripts/demo/demo-clock';
import type { ShiftableClock } from './trading-days';

/**
 * The one clock of a soak: the simulator is started with `now: clock.now` and the guard gets
 * the same object, so both agree on "now" through every jump (the demo's clock, moved only
 * forward). Starts at `startAt`, by default Monday 23 November 2026, 16:59:45 Chicago: in the
 * break, a quarter of a minute before a reset, so what is set up at the start (the guard's
 * config, whose loosening parts wait for a reset) is in force from the first whole day on
 * (Tuesday's).
 */
export const SOAK_START = Date.parse('2026-11-23T16:59:45-06:00');

export function createSoakClock(startAt = SOAK_START): ShiftableClock {
  const clock = createDemoClock();
  clock.setOffsetMs(startAt - clock.now());
  return {
    now: () => clock.now(),
    jumpTo(epochMs) {
      const now = clock.now();
      if (epochMs < now) throw new RangeError(`the soak clock only moves forward (${epochMs} < ${now})`);
      clock.setOffsetMs(clock.offsetMs() + (epochMs - now));
    },
  };
}

/**
 * Whether another day fits before the wall-clock `deadline`: asked once per day, it takes the
 * time since it was last asked as that day's length and says yes while the longest day so far
 * would still end in time. With `days`, simply until that many are done.
 */
export function createDayBudget(deadline: number, days?: number): () => boolean {
  let last = Date.now();
  let longest = 0;
  let done = 0;
  return () => {
    done += 1;
    if (days !== undefined) return done < days;
    const now = Date.now();
    longest = Math.max(longest, now - last);
    last = now;
    return now + longest <= deadline;
  };
}

const chicago = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Chicago',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A soak instant as a person reads it, e.g. `Tue, Nov 24, 2026, 08:30 CT`. */
export function soakTime(epochMs: number): string {
  return `${chicago.format(epochMs)} CT`;
}
