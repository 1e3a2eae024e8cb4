/**
 * Wall-clock parts of an instant in an IANA time zone, with Intl (no dependency: @date-fns/tz
 * would do the same through Intl, and this hot-ish path wants one cached formatter per zone).
 */

export interface ZonedParts {
  /** 'YYYY-MM-DD' local date. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the zone name is one Intl knows (config validation). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

let lastKey = '';
let lastParts: ZonedParts | null = null;

export function zonedParts(epochMs: number, timeZone: string): ZonedParts {
  // Every caller within one minute asks the same question: answer from a one-entry cache.
  const key = `${timeZone}|${Math.floor(epochMs / 60_000)}`;
  if (key === lastKey && lastParts) return lastParts;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const result: ZonedParts = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[String(parts.weekday)] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    year,
    month,
    day,
  };
  lastKey = key;
  lastParts = result;
  return result;
}

/** 'HH:MM' → minutes since midnight. */
export function parseHhmm(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** The calendar date `days` after a 'YYYY-MM-DD' date, with its weekday. */
export function addDays(date: string, days: number): { date: string; weekday: number } {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return { date: t.toISOString().slice(0, 10), weekday: t.getUTCDay() };
}

/** The instant at which the local wall clock in `timeZone` shows `date` `minutes`. */
export function zonedToEpoch(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, minutes);
  const offsetAt = (t: number): number => {
    const p = zonedParts(t, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes) - Math.floor(t / 60_000) * 60_000;
  };
  const first = wall - offsetAt(wall);
  const second = wall - offsetAt(first);
  return second;
}
