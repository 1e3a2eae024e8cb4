import type { TradingDayInfo } from '../rules/rule';
import { currentTradingDay, DAY_SKEW_MS } from '../state/event-day';
import { createTradingDayClock, type TradingDayBounds, type TradingDayClock } from '../state/trading-day';
import type { ServerClock } from '../time/server-clock';

/**
 * The guard's trading days for everything that is not an event (the reducer decides those with
 * the same function, state/event-day.ts): the current day is the later of the state's and the
 * guard time's, so a stamped fill that moved the state into the new day moves lockout ends, the
 * enforcer's rollover and the views with it. Ends are computed from the latest the time could
 * be (server-clock.ts), so a clock still slow after a restart never makes an end too early.
 */
export interface GuardDays {
  calendar(): TradingDayClock;
  /** The config's reset time and zone. */
  configure(day: { resetTime: string; timeZone: string }): void;
  /** The day in force at `now` (default: the guard's time). */
  current(now?: number): TradingDayBounds;
  /** When 'until the next reset' ends, from `from` (a lockout's start) or now. */
  end(from?: number): number;
  /** Where a reconcile reads trades back from: the day's start, less the skew a stamp may have. */
  readBackFrom(): number;
  info(): TradingDayInfo;
}

export function createGuardDays(deps: { time: ServerClock; stateDay: () => string | undefined }): GuardDays {
  let calendar = createTradingDayClock();
  const current = (now = deps.time.now()) => currentTradingDay(calendar, now, deps.stateDay());
  return {
    calendar: () => calendar,
    configure(day) {
      calendar = createTradingDayClock({ resetTime: day.resetTime, timeZone: day.timeZone });
    },
    current,
    end: (from) => current(Math.max(from ?? deps.time.now(), deps.time.latest())).end,
    readBackFrom: () => current().start - DAY_SKEW_MS,
    info() {
      const day = current();
      return { key: day.tradingDay, start: day.start, nextReset: day.end };
    },
  };
}
