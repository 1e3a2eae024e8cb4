import { describe, expect, it } from 'vitest';
import {
  addDays,
  isValidTimeZone,
  parseHhmm,
  zonedParts,
  zonedToEpoch,
} from '../../../../../src/core/rules/wall-clock/zoned-time';

const CHICAGO = 'America/Chicago';
const at = (iso: string) => Date.parse(iso);

describe('the wall clock in a trading time zone', () => {
  it('reads date, weekday and minutes since midnight as Chicago shows them', () => {
    // 2026-11-27 (Friday) 14:05 UTC is 08:05 in Chicago (CST, UTC-6).
    expect(zonedParts(at('2026-11-27T14:05:00Z'), CHICAGO)).toEqual({
      date: '2026-11-27',
      weekday: 5,
      minutes: 8 * 60 + 5,
      year: 2026,
      month: 11,
      day: 27,
    });
  });

  it('is still the evening before in Chicago when it is past midnight in London', () => {
    // Sunday 2026-11-29 03:30 UTC = Saturday 21:30 in Chicago.
    expect(zonedParts(at('2026-11-29T03:30:00Z'), CHICAGO)).toMatchObject({
      date: '2026-11-28',
      weekday: 6,
      minutes: 21 * 60 + 30,
    });
  });

  it('counts midnight as minute 0, not 24:00', () => {
    expect(zonedParts(at('2026-11-30T06:00:00Z'), CHICAGO)).toMatchObject({
      date: '2026-11-30',
      weekday: 1,
      minutes: 0,
    });
  });

  it('names each weekday, Sunday 0 to Saturday 6', () => {
    const days = [0, 1, 2, 3, 4, 5, 6].map(
      (i) => zonedParts(at(`2026-11-${String(22 + i)}T18:00:00Z`), CHICAGO).weekday,
    );
    expect(days).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('answers a later minute afresh, and another zone for the same minute afresh', () => {
    const t = at('2026-11-27T14:05:00Z');
    expect(zonedParts(t, CHICAGO).minutes).toBe(8 * 60 + 5);
    expect(zonedParts(t + 60_000, CHICAGO).minutes).toBe(8 * 60 + 6);
    expect(zonedParts(t + 60_000, 'Europe/London').minutes).toBe(14 * 60 + 6);
  });

  it('knows the zones Intl knows, and refuses a made-up one', () => {
    expect(isValidTimeZone(CHICAGO)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Springfield')).toBe(false);
  });
});

describe('times and dates as the settings write them', () => {
  it('reads HH:MM as minutes since midnight', () => {
    expect(parseHhmm('00:00')).toBe(0);
    expect(parseHhmm('08:30')).toBe(510);
    expect(parseHhmm('23:59')).toBe(1439);
  });

  it('moves a date by days, across months and years, with its weekday', () => {
    expect(addDays('2026-11-27', 1)).toEqual({ date: '2026-11-28', weekday: 6 });
    expect(addDays('2026-11-30', 1)).toEqual({ date: '2026-12-01', weekday: 2 });
    expect(addDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', weekday: 5 });
    expect(addDays('2026-03-01', -1)).toEqual({ date: '2026-02-28', weekday: 6 });
    expect(addDays('2026-11-27', 0)).toEqual({ date: '2026-11-27', weekday: 5 });
  });
});

describe('the instant a Chicago wall clock shows a time', () => {
  it('is six hours behind UTC in winter and five in summer', () => {
    expect(zonedToEpoch('2026-11-27', 17 * 60, CHICAGO)).toBe(at('2026-11-27T23:00:00Z'));
    expect(zonedToEpoch('2026-07-15', 8 * 60 + 30, CHICAGO)).toBe(at('2026-07-15T13:30:00Z'));
  });

  it('holds on the days the clocks change', () => {
    // 2026-03-08: 02:00 CST becomes 03:00 CDT. 17:00 that day is CDT (UTC-5).
    expect(zonedToEpoch('2026-03-08', 17 * 60, CHICAGO)).toBe(at('2026-03-08T22:00:00Z'));
    // 2026-11-01: 02:00 CDT becomes 01:00 CST. 17:00 that day is CST (UTC-6).
    expect(zonedToEpoch('2026-11-01', 17 * 60, CHICAGO)).toBe(at('2026-11-01T23:00:00Z'));
    // Midnight before the spring change is still CST.
    expect(zonedToEpoch('2026-03-08', 0, CHICAGO)).toBe(at('2026-03-08T06:00:00Z'));
  });

  it('holds in the morning of the days the clocks change, hours after the change', () => {
    // 2026-03-08: the clocks went forward at 02:00, so 08:30 is CDT (UTC-5).
    expect(zonedToEpoch('2026-03-08', 8 * 60 + 30, CHICAGO)).toBe(at('2026-03-08T13:30:00Z'));
    // 2026-11-01: the clocks went back at 02:00, so 08:30 is CST (UTC-6).
    expect(zonedToEpoch('2026-11-01', 8 * 60 + 30, CHICAGO)).toBe(at('2026-11-01T14:30:00Z'));
  });

  it('reads back as the same wall clock', () => {
    const t = zonedToEpoch('2026-11-30', 9 * 60 + 30, CHICAGO);
    expect(zonedParts(t, CHICAGO)).toMatchObject({ date: '2026-11-30', minutes: 9 * 60 + 30 });
  });
});
