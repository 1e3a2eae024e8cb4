import { describe, expect, it } from 'vitest';
import { createMarketCalendar } from '../../simulator/market-hours';

const cal = createMarketCalendar();
/** Chicago wall clock → epoch ms, written with the offset in force that day (CST −06:00, CDT −05:00). */
const ct = (iso: string) => Date.parse(iso);

describe('the CME calendar (America/Chicago)', () => {
  it('closes for the daily break at 16:00:00.000 CT exactly and reopens at 17:00:00.000 CT', () => {
    // Tuesday 24 November 2026, CST (UTC−6)
    expect(cal.session(ct('2026-11-24T15:59:59.999-06:00'))).toBe('open');
    expect(cal.session(ct('2026-11-24T16:00:00.000-06:00'))).toBe('break');
    expect(cal.session(ct('2026-11-24T16:59:59.999-06:00'))).toBe('break');
    expect(cal.session(ct('2026-11-24T17:00:00.000-06:00'))).toBe('open');
    expect(cal.isOpen(ct('2026-11-24T16:30:00-06:00'))).toBe(false);
    expect(cal.nextOpen(ct('2026-11-24T16:00:00-06:00'))).toBe(ct('2026-11-24T17:00:00-06:00'));
    expect(cal.nextClose(ct('2026-11-24T09:30:00-06:00'))).toBe(ct('2026-11-24T16:00:00-06:00'));
    expect(cal.nextClose(ct('2026-11-24T17:00:00-06:00'))).toBe(ct('2026-11-25T16:00:00-06:00'));
    const open = ct('2026-11-24T10:00:00-06:00');
    expect(cal.nextOpen(open)).toBe(open);
    const closed = ct('2026-11-24T16:10:00-06:00');
    expect(cal.nextClose(closed)).toBe(closed);
  });

  it('is closed from Friday 16:00 CT to Sunday 17:00 CT, with no break-time reopen on Friday', () => {
    expect(cal.session(ct('2026-11-27T15:59:59.999-06:00'))).toBe('open'); // Friday
    expect(cal.session(ct('2026-11-27T16:00:00.000-06:00'))).toBe('weekend');
    expect(cal.session(ct('2026-11-27T17:00:00.000-06:00'))).toBe('weekend');
    expect(cal.session(ct('2026-11-28T12:00:00-06:00'))).toBe('weekend'); // Saturday
    expect(cal.session(ct('2026-11-29T16:59:59.999-06:00'))).toBe('weekend'); // Sunday
    expect(cal.session(ct('2026-11-29T17:00:00.000-06:00'))).toBe('open');
    expect(cal.session(ct('2026-11-29T16:30:00-06:00'))).toBe('weekend'); // not 'break' on Sunday
    for (const at of ['2026-11-27T16:00:00-06:00', '2026-11-28T03:00:00-06:00', '2026-11-29T16:59:00-06:00'])
      expect(cal.nextOpen(ct(at))).toBe(ct('2026-11-29T17:00:00-06:00'));
    expect(cal.nextClose(ct('2026-11-26T17:30:00-06:00'))).toBe(ct('2026-11-27T16:00:00-06:00')); // Thu eve → Fri
    expect(cal.nextClose(ct('2026-11-29T17:00:00-06:00'))).toBe(ct('2026-11-30T16:00:00-06:00')); // Sun eve → Mon
  });

  it('follows Chicago wall time across the spring DST switch (Sunday 8 March 2026, CST → CDT)', () => {
    // The weekend ends at 17:00 CDT (22:00 UTC), not at 17:00 CST (23:00 UTC).
    expect(cal.session(Date.parse('2026-03-08T21:59:59.999Z'))).toBe('weekend');
    expect(cal.session(Date.parse('2026-03-08T22:00:00.000Z'))).toBe('open');
    expect(cal.nextOpen(ct('2026-03-06T16:00:00-06:00'))).toBe(Date.parse('2026-03-08T22:00:00Z'));
    // Monday's break: 16:00–17:00 CDT = 21:00–22:00 UTC; the Friday before: 22:00 UTC (CST).
    expect(cal.session(Date.parse('2026-03-09T20:59:59.999Z'))).toBe('open');
    expect(cal.session(Date.parse('2026-03-09T21:00:00.000Z'))).toBe('break');
    expect(cal.session(Date.parse('2026-03-09T22:00:00.000Z'))).toBe('open');
    expect(cal.session(Date.parse('2026-03-06T21:59:59.999Z'))).toBe('open');
    expect(cal.session(Date.parse('2026-03-06T22:00:00.000Z'))).toBe('weekend');
  });

  it('follows Chicago wall time across the autumn DST switch (Sunday 1 November 2026, CDT → CST)', () => {
    // Friday 30 October closes at 16:00 CDT (21:00 UTC); Sunday reopens at 17:00 CST (23:00 UTC).
    expect(cal.session(Date.parse('2026-10-30T20:59:59.999Z'))).toBe('open');
    expect(cal.session(Date.parse('2026-10-30T21:00:00.000Z'))).toBe('weekend');
    expect(cal.nextOpen(Date.parse('2026-10-30T21:00:00Z'))).toBe(Date.parse('2026-11-01T23:00:00Z'));
    expect(cal.session(Date.parse('2026-11-01T22:59:59.999Z'))).toBe('weekend');
    expect(cal.session(Date.parse('2026-11-01T23:00:00.000Z'))).toBe('open');
    // Monday 2 November's break: 16:00–17:00 CST = 22:00–23:00 UTC.
    expect(cal.session(Date.parse('2026-11-02T21:59:59.999Z'))).toBe('open');
    expect(cal.session(Date.parse('2026-11-02T22:00:00.000Z'))).toBe('break');
    expect(cal.nextOpen(Date.parse('2026-11-02T22:00:00Z'))).toBe(Date.parse('2026-11-02T23:00:00Z'));
  });

  it('takes another zone or hours, and rejects bad ones clearly', () => {
    const ny = createMarketCalendar({ timeZone: 'America/New_York', closeTime: '17:00', openTime: '18:00' });
    expect(ny.session(ct('2026-11-24T16:00:00-06:00'))).toBe('break'); // 17:00 New York
    expect(() => createMarketCalendar({ timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    expect(() => createMarketCalendar({ closeTime: '4pm' })).toThrow(/closeTime must be HH:MM/);
    expect(() => createMarketCalendar({ closeTime: '17:00', openTime: '16:00' })).toThrow(/after closeTime/);
  });
});
