import type { TradingDayBounds, TradingDayClock } from './trading-day';

/**
 * The one answer to "which trading day does this belong to?". The reducer (an account's daily
 * figures), the rules engine (through the state's day), the enforcer's day rollover, lockout
 * ends and the commitment lock all ask here, so they can never disagree about a day.
 *
 * An event without a server stamp is judged by the guard's time `now`. One with a stamp (a
 * trade's `creationTimestamp`) is judged by the stamp, but the gateway's clocks and the guard's
 * differ by a second or two, and a stop that fills at the 17:00 CT reopen is stamped right at
 * the reset. So, within `DAY_SKEW_MS` either way, the LATER of the two clocks decides:
 *
 *   stamp 17:00:00.2, guard 16:59:59.2 (server ahead)  → the new day (the stamp)
 *   stamp 16:59:59.2, guard 17:00:00.2 (server behind) → the new day (the guard)
 *   stamp 16:59:00.0, guard 17:00:00.2                 → the day that ended (a late event)
 *
 * The later day is the safe reading: a loss at the boundary counts against the day that is
 * starting (a lockout until the next reset), never against one that ends a second later. A stamp
 * more than `DAY_SKEW_MS` ahead of the guard is a bad stamp, not skew: it is believed only that
 * far. Days never go back: the guard's current day is the later of its state's and `now`'s.
 */
export const DAY_SKEW_MS = 5_000;

/** The trading day of an event stamped `stampedAt` (null: no stamp) seen at the guard's time `now`. */
export function tradingDayOfEvent(calendar: TradingDayClock, stampedAt: number | null, now: number): TradingDayBounds {
  if (stampedAt === null) return calendar.boundsOf(now);
  const stamp = Math.min(stampedAt, now + DAY_SKEW_MS);
  return calendar.boundsOf(stamp >= now - DAY_SKEW_MS ? Math.max(stamp, now) : stamp);
}

/** The guard's current trading day: `now`'s, or the state's when an event already moved it on. */
export function currentTradingDay(calendar: TradingDayClock, now: number, stateDay?: string): TradingDayBounds {
  let bounds = calendar.boundsOf(now);
  // An event moves the state at most DAY_SKEW_MS ahead of `now`: one step, bounded for safety.
  for (let i = 0; i < 7 && stateDay !== undefined && bounds.tradingDay < stateDay; i++) {
    bounds = calendar.boundsOf(bounds.end);
  }
  return bounds;
}
