import { parseHhmm, zonedToEpoch } from '../rules/wall-clock/zoned-time';
import type { TradingDayClock } from '../state/trading-day';
import type { RangeSpec, ReplayRange } from './replay-types';

/**
 * Which trading days a replay covers, counted by the same trading-day clock the live guard
 * uses (reset time and zone from the config; Friday's reset leads to Monday's day). "Last N
 * trading days" are the N days BEFORE the one in progress: a replay answers for finished days,
 * the live guard already watches today. A date range names trading days by the date they end
 * on (as the guard does) and may include today, up to now.
 */

export const MAX_REPLAY_DAYS = 120;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The days [start, end) covers, each by its key, walking reset to reset. */
function daysBetween(clock: TradingDayClock, start: number, end: number): string[] {
  const days: string[] = [];
  for (let t = start; t < end; t = clock.nextReset(t)) days.push(clock.tradingDayOf(t));
  return days;
}

/** An instant inside the trading day that ends on `date` (a minute before that date's reset). */
function insideDay(clock: TradingDayClock, date: string): number {
  return zonedToEpoch(date, parseHhmm(clock.resetTime) - 1, clock.timeZone);
}

export function resolveRange(spec: RangeSpec, clock: TradingDayClock, now: number): ReplayRange {
  if (spec.kind === 'last') {
    const n = spec.tradingDays;
    if (!Number.isInteger(n) || n < 1 || n > MAX_REPLAY_DAYS) {
      throw new RangeError(`the number of trading days must be 1 to ${MAX_REPLAY_DAYS}, got ${n}`);
    }
    const end = clock.previousReset(now);
    let start = end;
    for (let i = 0; i < n; i++) start = clock.previousReset(start - 1);
    return { start, end, days: daysBetween(clock, start, end) };
  }
  if (!DATE.test(spec.from) || !DATE.test(spec.to)) throw new RangeError('dates must be YYYY-MM-DD');
  if (spec.from > spec.to) throw new RangeError(`the first day (${spec.from}) is after the last (${spec.to})`);
  const start = clock.previousReset(insideDay(clock, spec.from));
  const end = Math.min(clock.nextReset(insideDay(clock, spec.to)), now);
  if (end <= start) throw new RangeError(`the range ${spec.from} – ${spec.to} has not begun yet`);
  const days = daysBetween(clock, start, end);
  if (days.length > MAX_REPLAY_DAYS) {
    throw new RangeError(`the range covers ${days.length} trading days; at most ${MAX_REPLAY_DAYS} at once`);
  }
  return { start, end, days };
}
