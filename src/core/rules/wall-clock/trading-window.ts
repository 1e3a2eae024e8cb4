import { addDays, parseHhmm, zonedParts, zonedToEpoch } from './zoned-time';

/**
 * An allowed trading window: weekdays + start–end in a time zone, minus holidays. A window
 * whose end is before its start wraps past midnight (17:00–16:00); its weekday and holiday
 * are those of the date on which it opened. start = end means the whole day.
 */

export interface WindowSpec {
  timeZone: string;
  weekdays: readonly number[];
  holidays: readonly string[];
  start: string;
  end: string;
}

export function isWindowOpen(at: number, w: WindowSpec): boolean {
  const p = zonedParts(at, w.timeZone);
  const s = parseHhmm(w.start);
  const e = parseHhmm(w.end);
  let date = p.date;
  let weekday = p.weekday;
  if (s < e) {
    if (p.minutes < s || p.minutes >= e) return false;
  } else if (s > e) {
    if (p.minutes < s && p.minutes >= e) return false;
    if (p.minutes < e) {
      const prev = addDays(p.date, -1);
      date = prev.date;
      weekday = prev.weekday;
    }
  }
  return w.weekdays.includes(weekday) && !w.holidays.includes(date);
}

/** The next instant after `at` at which the window opens or closes, within 10 days, or null. */
export function nextWindowChange(at: number, w: WindowSpec): number | null {
  const p = zonedParts(at, w.timeZone);
  const s = parseHhmm(w.start);
  const e = parseHhmm(w.end);
  const candidates: number[] = [];
  for (let d = -1; d <= 9; d++) {
    const date = addDays(p.date, d).date;
    candidates.push(zonedToEpoch(date, s, w.timeZone), zonedToEpoch(date, e, w.timeZone));
  }
  candidates.sort((a, b) => a - b);
  const openNow = isWindowOpen(at, w);
  for (const c of candidates) if (c > at && isWindowOpen(c, w) !== openNow) return c;
  return null;
}

/**
 * nextWindowChange memoized per settings object (its identity changes with the config): the
 * next change stays the answer until it is reached, so timers and events in between cost a
 * lookup. A pure cache, not rule memory: dropping it changes no result.
 */
const nextChangeMemo = new WeakMap<object, { from: number; value: number | null }>();

export function cachedNextWindowChange(at: number, w: WindowSpec, owner: object): number | null {
  const hit = nextChangeMemo.get(owner);
  if (hit && hit.from <= at && (hit.value === null ? at - hit.from < 3_600_000 : at < hit.value)) return hit.value;
  const value = nextWindowChange(at, w);
  nextChangeMemo.set(owner, { from: at, value });
  return value;
}

/** The set of minutes of a day a start–end pair covers (for comparing windows). */
export function minutesCovered(start: string, end: string): Uint8Array {
  const out = new Uint8Array(1440);
  const s = parseHhmm(start);
  const e = parseHhmm(end);
  // start = end takes the second form, which then covers every minute: the whole day.
  for (let m = 0; m < 1440; m++) out[m] = (s < e ? m >= s && m < e : m >= s || m < e) ? 1 : 0;
  return out;
}

/** Whether `inner` covers no minute `outer` does not. */
export function hoursWithin(inner: { start: string; end: string }, outer: { start: string; end: string }): boolean {
  const a = minutesCovered(inner.start, inner.end);
  const b = minutesCovered(outer.start, outer.end);
  for (let m = 0; m < 1440; m++) if (a[m] && !b[m]) return false;
  return true;
}
