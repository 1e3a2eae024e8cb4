import { describe, expect, it } from 'vitest';
import { createGuardDays } from '../../../../src/core/guard/guard-days';
import { DAY_SKEW_MS } from '../../../../src/core/state/event-day';
import type { ServerClock } from '../../../../src/core/time/server-clock';

/** Wednesday 25 November 2026, 17:00 CST. */
const RESET = Date.parse('2026-11-25T23:00:00Z');
const DAY = 86_400_000;

function days(now: number, options: { latest?: number; stateDay?: string } = {}) {
  const time = { now: () => now, latest: () => options.latest ?? now } as ServerClock;
  return createGuardDays({ time, stateDay: () => options.stateDay });
}

describe('the guard’s trading days', () => {
  it('ends a lockout “until the reset” at the end of the day the state is in, even a second before the reset', () => {
    expect(days(RESET - 800, { stateDay: '2026-11-25' }).end()).toBe(RESET);
    expect(days(RESET - 800, { stateDay: '2026-11-26' }).end()).toBe(RESET + DAY);
    expect(days(RESET - 800, { stateDay: '2026-11-26' }).info()).toEqual({
      key: '2026-11-26',
      start: RESET,
      nextReset: RESET + DAY,
    });
  });

  it('computes an end from the latest the time could be, so a clock still slow after a restart never ends early', () => {
    const slow = days(RESET - 8 * 3_600_000, { latest: RESET + 3_600_000 });
    expect(slow.end()).toBe(RESET + DAY);
    expect(slow.current().tradingDay).toBe('2026-11-25');
  });

  it('reads trades back from the day’s start less the skew a stamp may have', () => {
    expect(days(RESET + 60_000).readBackFrom()).toBe(RESET - DAY_SKEW_MS);
  });

  it('follows the configured reset time and zone', () => {
    const d = days(RESET);
    d.configure({ resetTime: '16:00', timeZone: 'America/Chicago' });
    expect(d.current().start).toBe(RESET - 3_600_000);
  });
});
