import { describe, expect, it } from 'vitest';
import {
  cachedNextWindowChange,
  hoursWithin,
  isWindowOpen,
  minutesCovered,
  nextWindowChange,
  type WindowSpec,
} from '../../../../../src/core/rules/wall-clock/trading-window';

const T = (iso: string) => Date.parse(iso);
// November 2026, Chicago on CST (UTC−6): 2026-11-23 is a Monday.
const weekdays: WindowSpec = {
  timeZone: 'America/Chicago',
  weekdays: [1, 2, 3, 4, 5],
  holidays: [],
  start: '08:30',
  end: '15:10',
};
const overnight: WindowSpec = { ...weekdays, weekdays: [0, 1, 2, 3, 4], start: '17:00', end: '16:00' };

describe('a trading window past midnight (17:00–16:00, opening Sunday to Thursday)', () => {
  it('opens at its start and closes at its end, to the minute', () => {
    expect(isWindowOpen(T('2026-11-23T22:59:00Z'), overnight)).toBe(false); // Mon 16:59
    expect(isWindowOpen(T('2026-11-23T23:00:00Z'), overnight)).toBe(true); // Mon 17:00
    expect(isWindowOpen(T('2026-11-24T21:59:00Z'), overnight)).toBe(true); // Tue 15:59
    expect(isWindowOpen(T('2026-11-24T22:00:00Z'), overnight)).toBe(false); // Tue 16:00
  });

  it('after midnight belongs to the day it opened: Saturday 02:00 is Friday’s (none), Friday 02:00 Thursday’s', () => {
    expect(isWindowOpen(T('2026-11-28T08:00:00Z'), overnight)).toBe(false); // Sat 02:00
    expect(isWindowOpen(T('2026-11-27T08:00:00Z'), overnight)).toBe(true); // Fri 02:00
  });

  it('is shut on a holiday from the opening on that date until that session’s end', () => {
    const holiday = { ...overnight, holidays: ['2026-11-25'] };
    expect(isWindowOpen(T('2026-11-25T23:30:00Z'), holiday)).toBe(false); // Wed 17:30
    expect(isWindowOpen(T('2026-11-26T08:00:00Z'), holiday)).toBe(false); // Thu 02:00, Wednesday's session
    expect(isWindowOpen(T('2026-11-26T23:30:00Z'), holiday)).toBe(true); // Thu 17:30
  });
});

describe('a whole-day window (start = end)', () => {
  const allDay = { ...weekdays, start: '00:00', end: '00:00' };

  it('is open every minute of an allowed day and none of another', () => {
    expect(isWindowOpen(T('2026-11-25T06:00:00Z'), allDay)).toBe(true); // Wed 00:00
    expect(isWindowOpen(T('2026-11-26T05:59:00Z'), allDay)).toBe(true); // Wed 23:59
    expect(isWindowOpen(T('2026-11-28T18:00:00Z'), allDay)).toBe(false); // Saturday
  });

  it('is the whole calendar day whatever the time named: 09:00–09:00 is open Monday 08:00, shut Saturday 08:00', () => {
    const nine = { ...weekdays, start: '09:00', end: '09:00' };
    expect(isWindowOpen(T('2026-11-23T14:00:00Z'), nine)).toBe(true); // Mon 08:00
    expect(isWindowOpen(T('2026-11-28T14:00:00Z'), nine)).toBe(false); // Sat 08:00
  });
});

describe('the next change of a window', () => {
  it('is the next opening while shut and the next end while open', () => {
    expect(nextWindowChange(T('2026-11-25T12:00:00Z'), weekdays)).toBe(T('2026-11-25T14:30:00Z'));
    expect(nextWindowChange(T('2026-11-25T14:30:00Z'), weekdays)).toBe(T('2026-11-25T21:10:00Z'));
  });

  it('skips the weekend and holidays', () => {
    const withHolidays = { ...weekdays, holidays: ['2026-11-30', '2026-12-01'] };
    expect(nextWindowChange(T('2026-11-27T21:10:00Z'), withHolidays)).toBe(T('2026-12-02T14:30:00Z'));
  });

  it('is none when the window never changes: no day allowed, or open all day every day', () => {
    expect(nextWindowChange(T('2026-11-25T12:00:00Z'), { ...weekdays, weekdays: [] })).toBeNull();
    const always = { ...weekdays, weekdays: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' };
    expect(nextWindowChange(T('2026-11-25T12:00:00Z'), always)).toBeNull();
  });

  it('finds the end of the session it is in when that session opened the day before', () => {
    expect(nextWindowChange(T('2026-11-24T08:00:00Z'), overnight)).toBe(T('2026-11-24T22:00:00Z'));
  });

  it('ends Thursday’s overnight session at 16:00 Friday, though no session opens Friday at 17:00', () => {
    expect(nextWindowChange(T('2026-11-27T08:00:00Z'), overnight)).toBe(T('2026-11-27T22:00:00Z')); // Fri 02:00
  });

  it('finds an opening nine days ahead, the furthest day it looks at', () => {
    // Thursday 2026-11-26 to Thursday 2026-12-03 are holidays: the next opening is Friday 2026-12-04.
    const dates = Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(2026, 10, 26 + i)).toISOString().slice(0, 10));
    expect(nextWindowChange(T('2026-11-25T21:10:00Z'), { ...weekdays, holidays: dates })).toBe(
      T('2026-12-04T14:30:00Z'),
    );
  });

  it('looks at most ten days ahead', () => {
    // Every date from Thursday 2026-11-26 for two weeks is a holiday.
    const dates = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 10, 26 + i)).toISOString().slice(0, 10));
    const rare = { ...weekdays, holidays: dates };
    expect(nextWindowChange(T('2026-11-25T21:10:00Z'), rare)).toBeNull();
  });
});

describe('the next change, remembered per settings', () => {
  it('answers from memory until that change is reached, then looks again', () => {
    const owner = {};
    const at = T('2026-11-25T12:00:00Z');
    expect(cachedNextWindowChange(at, weekdays, owner)).toBe(T('2026-11-25T14:30:00Z'));
    // A different window with the same owner: the remembered answer still stands before it is reached.
    const later = { ...weekdays, start: '10:00' };
    expect(cachedNextWindowChange(at + 60_000, later, owner)).toBe(T('2026-11-25T14:30:00Z'));
    expect(cachedNextWindowChange(T('2026-11-25T14:30:00Z'), later, owner)).toBe(T('2026-11-25T16:00:00Z'));
  });

  it('answers from memory when asked again at the same instant', () => {
    const owner = {};
    const at = T('2026-11-25T12:00:00Z');
    cachedNextWindowChange(at, weekdays, owner);
    expect(cachedNextWindowChange(at, { ...weekdays, start: '10:00' }, owner)).toBe(T('2026-11-25T14:30:00Z'));
  });

  it('looks again for a moment before the one it remembers', () => {
    const owner = {};
    cachedNextWindowChange(T('2026-11-25T15:00:00Z'), weekdays, owner);
    expect(cachedNextWindowChange(T('2026-11-25T12:00:00Z'), weekdays, owner)).toBe(T('2026-11-25T14:30:00Z'));
  });

  it('trusts "no change" for an hour, then looks again', () => {
    const owner = {};
    const at = T('2026-11-25T12:00:00Z');
    expect(cachedNextWindowChange(at, { ...weekdays, weekdays: [] }, owner)).toBeNull();
    expect(cachedNextWindowChange(at + 3_599_999, weekdays, owner)).toBeNull();
    expect(cachedNextWindowChange(at + 3_600_000, weekdays, owner)).toBe(T('2026-11-25T14:30:00Z'));
  });
});

describe('comparing windows (the commitment lock)', () => {
  it('covers the minutes from start up to, not including, the end; past midnight too; all day when equal', () => {
    const day = minutesCovered('08:30', '15:10');
    expect([day[509], day[510], day[909], day[910]]).toEqual([0, 1, 1, 0]);
    const night = minutesCovered('17:00', '16:00');
    expect([night[959], night[960], night[1019], night[1020], night[1439], night[0]]).toEqual([1, 0, 0, 1, 1, 1]);
    expect(minutesCovered('09:00', '09:00').every((m) => m === 1)).toBe(true);
    expect(minutesCovered('09:00', '09:00')).toHaveLength(1440);
  });

  it('finds a window within another only when it adds no minute', () => {
    expect(hoursWithin({ start: '09:00', end: '15:00' }, { start: '08:30', end: '15:10' })).toBe(true);
    expect(hoursWithin({ start: '08:30', end: '15:10' }, { start: '08:30', end: '15:10' })).toBe(true);
    expect(hoursWithin({ start: '08:29', end: '15:10' }, { start: '08:30', end: '15:10' })).toBe(false);
    expect(hoursWithin({ start: '08:30', end: '15:11' }, { start: '08:30', end: '15:10' })).toBe(false);
    expect(hoursWithin({ start: '23:00', end: '00:30' }, { start: '17:00', end: '16:00' })).toBe(true);
    expect(hoursWithin({ start: '23:59', end: '00:00' }, { start: '08:00', end: '23:59' })).toBe(false);
  });
});
