/**
 * The trading-day clock: which trading day an instant belongs to, and when that day starts
 * and ends. A trading day is named after the calendar date (in `timeZone`) on which it ENDS:
 * with the default 17:00 America/Chicago reset, 16:59:59.999 CT on the 25th belongs to
 * `2026-11-25` and 17:00:00.000 CT to `2026-11-26`.
 *
 * Weekends (calendar-simple, no exchange holidays): the session that starts Friday at the
 * reset runs to Monday's reset and is Monday's trading day, as CME and Topstep count it
 * (Sunday evening's reopen trades Monday's session). So Friday 17:00 → Monday 17:00 is one
 * day, and a daily lockout taken Friday evening holds until Monday 17:00. Holidays are not
 * modelled: a holiday simply is a (quiet) trading day of its own.
 *
 *   ... Thu 17:00 ──[Fri]── Fri 17:00 ──────────[Mon]────────── Mon 17:00 ──[Tue]── ...
 *
 * Time zone maths uses `Intl.DateTimeFormat` rather than @date-fns/tz: we need only two
 * operations (wall-clock fields of an instant, and the instant of a wall-clock time), Intl
 * carries the tz database in every browser and Node, and a cached formatter plus a cached
 * current-day interval make the hot path (every event) two number comparisons instead of a
 * TZDate allocation. DST is handled by resolving the zone offset at the instant itself.
 */

export interface TradingDayBounds {
  /** `YYYY-MM-DD`, the date on which the day ends. */
  tradingDay: string;
  /** Epoch ms of the reset that started the day (inclusive). */
  start: number;
  /** Epoch ms of the reset that ends it (exclusive). */
  end: number;
}

export interface TradingDayClock {
  readonly resetTime: string;
  readonly timeZone: string;
  tradingDayOf(epochMs: number): string;
  /** The first reset strictly after `epochMs` (the end of its trading day). */
  nextReset(epochMs: number): number;
  /** The last reset at or before `epochMs` (the start of its trading day). */
  previousReset(epochMs: number): number;
  boundsOf(epochMs: number): TradingDayBounds;
}

export interface TradingDayOptions {
  /** `HH:MM`, 24-hour, wall-clock time in `timeZone`. */
  resetTime?: string;
  timeZone?: string;
}

const DAY_MS = 86_400_000;
const RESET_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function createTradingDayClock(options: TradingDayOptions = {}): TradingDayClock {
  const resetTime = options.resetTime ?? '17:00';
  const timeZone = options.timeZone ?? 'America/Chicago';
  const match = RESET_TIME.exec(resetTime);
  if (!match) throw new RangeError(`resetTime must be HH:MM (24-hour), got '${resetTime}'`);
  const resetHour = Number(match[1]);
  const resetMinute = Number(match[2]);
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`unknown time zone '${timeZone}'`);
  }

  /** Wall-clock fields of an instant in the zone. */
  const wall = (epochMs: number) => {
    const f = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const p of formatter.formatToParts(epochMs)) {
      if (p.type in f) f[p.type as keyof typeof f] = Number(p.value);
    }
    return f;
  };

  /** Zone offset (ms, local − UTC) at an instant. */
  const offsetAt = (epochMs: number): number => {
    const f = wall(epochMs);
    const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
    return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
  };

  const isWall = (t: number, date: Ymd, hour: number, minute: number) => {
    const f = wall(t);
    return f.year === date.y && f.month === date.m && f.day === date.d && f.hour === hour && f.minute === minute;
  };

  /**
   * The instant of a wall-clock time in the zone. Twice-occurring times (fall back) take the
   * first; a time skipped by a DST gap (spring forward) is the instant the gap begins, so the
   * reset happens "as the clock passes it", consistent with the wall-clock rule in compute().
   */
  const instantOf = (date: Ymd, hour: number, minute: number): number => {
    const naive = Date.UTC(date.y, date.m - 1, date.d, hour, minute);
    const a = naive - offsetAt(naive);
    const b = naive - offsetAt(a);
    const candidates = [a, b].filter((t) => isWall(t, date, hour, minute));
    if (candidates.length > 0) return Math.min(...candidates);
    // In a gap: first whole minute at or past the wall time, found by bisection between the two guesses.
    const target = hour * 60 + minute;
    const reached = (t: number) => {
      const f = wall(t);
      const day = Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(date.y, date.m - 1, date.d);
      return day > 0 || (day === 0 && f.hour * 60 + f.minute >= target);
    };
    let lo = Math.min(a, b);
    let hi = Math.max(a, b);
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (reached(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  };

  const addDays = (date: Ymd, days: number): Ymd => {
    const t = new Date(Date.UTC(date.y, date.m - 1, date.d) + days * DAY_MS);
    return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
  };
  const weekday = (date: Ymd) => new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
  const format = (date: Ymd) =>
    `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;

  /** Saturday and Sunday days fold into Monday. */
  const toBusinessDay = (date: Ymd): Ymd => {
    const wd = weekday(date);
    return wd === 6 ? addDays(date, 2) : wd === 0 ? addDays(date, 1) : date;
  };
  /** The business day before a business day (Monday → Friday). */
  const previousBusinessDay = (date: Ymd): Ymd => {
    const prev = addDays(date, -1);
    const wd = weekday(prev);
    return wd === 0 ? addDays(prev, -2) : wd === 6 ? addDays(prev, -1) : prev;
  };

  const compute = (epochMs: number): TradingDayBounds => {
    const f = wall(epochMs);
    const today: Ymd = { y: f.year, m: f.month, d: f.day };
    const afterReset = f.hour * 60 + f.minute >= resetHour * 60 + resetMinute;
    const endDate = toBusinessDay(afterReset ? addDays(today, 1) : today);
    return {
      tradingDay: format(endDate),
      start: instantOf(previousBusinessDay(endDate), resetHour, resetMinute),
      end: instantOf(endDate, resetHour, resetMinute),
    };
  };

  // Almost every call falls in the current day: remember its interval.
  let cached: TradingDayBounds = compute(0);
  const boundsOf = (epochMs: number): TradingDayBounds => {
    if (epochMs >= cached.start && epochMs < cached.end) return cached;
    const b = compute(epochMs);
    // The wall-clock rule and the interval agree except for resets inside a DST gap; trust the interval.
    cached = b;
    return b;
  };

  return {
    resetTime,
    timeZone,
    boundsOf,
    tradingDayOf: (epochMs) => boundsOf(epochMs).tradingDay,
    nextReset: (epochMs) => boundsOf(epochMs).end,
    previousReset: (epochMs) => boundsOf(epochMs).start,
  };
}
