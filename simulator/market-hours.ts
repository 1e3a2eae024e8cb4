/**
 * The CME futures calendar the simulator can follow (opt-in: `marketHours` in the options).
 * From docs/gateway.md, "Topstep facts the guard leans on": a daily break from 16:00 to 17:00
 * America/Chicago, and closed from Friday 16:00 to Sunday 17:00 (Chicago wall clock, so
 * DST-correct). Holidays are not modelled.
 *
 *   Sun 17:00 ──open── Mon 16:00 ─break─ Mon 17:00 ──open── … Thu 17:00 ──open── Fri 16:00
 *   ─────────────────────────── weekend ──────────────────────────── Sun 17:00 ──open── …
 *
 * The edges: 16:00:00.000 is closed, 17:00:00.000 is open.
 *
 * Time zone maths with Intl (no dependency, as src/core/state/trading-day.ts does): the
 * wall-clock fields of an instant, and the instant of a wall-clock time, resolving the zone's
 * offset at the instant itself. 16:00 and 17:00 are never inside a DST jump (02:00 local).
 */
export type MarketSession = 'open' | 'break' | 'weekend';

export interface MarketHoursOptions {
  /** Default America/Chicago. */
  timeZone?: string;
  /** `HH:MM`: the daily close (start of the break; Friday: start of the weekend). Default 16:00. */
  closeTime?: string;
  /** `HH:MM`: the daily reopen (end of the break; Sunday: end of the weekend). Default 17:00. */
  openTime?: string;
}

export interface MarketCalendar {
  session(epochMs: number): MarketSession;
  isOpen(epochMs: number): boolean;
  /** `epochMs` itself when open, else the instant trading resumes. */
  nextOpen(epochMs: number): number;
  /** `epochMs` itself when closed, else the instant of the next close (break or weekend). */
  nextClose(epochMs: number): number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

interface Wall {
  y: number;
  m: number;
  d: number;
  weekday: number;
  /** Milliseconds since local midnight. */
  ms: number;
}

function minutesOf(hhmm: string, what: string): number {
  const m = HHMM.exec(hhmm);
  if (!m) throw new RangeError(`${what} must be HH:MM (24-hour), got '${hhmm}'`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function createMarketCalendar(options: MarketHoursOptions = {}): MarketCalendar {
  const timeZone = options.timeZone ?? 'America/Chicago';
  const closeMs = minutesOf(options.closeTime ?? '16:00', 'closeTime') * 60_000;
  const openMs = minutesOf(options.openTime ?? '17:00', 'openTime') * 60_000;
  if (openMs <= closeMs) throw new RangeError('openTime must be after closeTime (a break within one day)');
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
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

  const wall = (epochMs: number): Wall => {
    const parts: Record<string, string> = {};
    for (const p of fmt.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
    const sub = ((epochMs % 1000) + 1000) % 1000;
    return {
      y: Number(parts.year),
      m: Number(parts.month),
      d: Number(parts.day),
      weekday: WEEKDAYS[parts.weekday ?? ''] ?? Number.NaN,
      ms: ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + sub,
    };
  };
  /** The zone's offset (local − UTC) at an instant. */
  const offsetAt = (epochMs: number): number => {
    const w = wall(epochMs);
    return Date.UTC(w.y, w.m - 1, w.d) + w.ms - epochMs;
  };
  /** The instant of local time `ms` after midnight on the local date `days` after w's date. */
  const instant = (w: Wall, days: number, ms: number): number => {
    const local = Date.UTC(w.y, w.m - 1, w.d + days) + ms;
    const guess = local - offsetAt(local);
    return local - offsetAt(guess);
  };

  const sessionOf = (w: Wall): MarketSession => {
    if (w.weekday === 6) return 'weekend';
    if (w.weekday === 5 && w.ms >= closeMs) return 'weekend';
    if (w.weekday === 0 && w.ms < openMs) return 'weekend';
    if (w.ms >= closeMs && w.ms < openMs) return 'break';
    return 'open';
  };

  return {
    session: (epochMs) => sessionOf(wall(epochMs)),
    isOpen: (epochMs) => sessionOf(wall(epochMs)) === 'open',
    nextOpen(epochMs) {
      const w = wall(epochMs);
      const s = sessionOf(w);
      if (s === 'open') return epochMs;
      if (s === 'break') return instant(w, 0, openMs);
      // Weekend: Sunday's reopen (Friday evening → +2 days, Saturday → +1, Sunday → same day).
      return instant(w, (7 - w.weekday) % 7, openMs);
    },
    nextClose(epochMs) {
      const w = wall(epochMs);
      if (sessionOf(w) !== 'open') return epochMs;
      // Open: today's close when before it (Mon–Fri), else tomorrow's (Sun evening → Mon, …).
      return instant(w, w.ms < closeMs && w.weekday !== 0 ? 0 : 1, closeMs);
    },
  };
}
