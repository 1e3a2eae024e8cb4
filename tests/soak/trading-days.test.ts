import { describe, expect, it } from 'vitest';
import { dayMarks } from './trading-days';

const ct = (iso: string) => Date.parse(iso);

describe('the soak calendar', () => {
  it('marks a weekday: reopen at the reset, 08:30, 13:00, the 16:00 break, the next reset', () => {
    // Wednesday evening belongs to Thursday's trading day.
    const m = dayMarks(ct('2026-11-25T17:00:03-06:00'));
    expect(m).toEqual({
      tradingDay: '2026-11-26',
      start: ct('2026-11-25T17:00:00-06:00'),
      end: ct('2026-11-26T17:00:00-06:00'),
      reopen: ct('2026-11-25T17:00:00-06:00'),
      morning: ct('2026-11-26T08:30:00-06:00'),
      afternoon: ct('2026-11-26T13:00:00-06:00'),
      close: ct('2026-11-26T16:00:00-06:00'),
      weekendAfter: false,
      nextReopen: ct('2026-11-26T17:00:00-06:00'),
    });
  });

  it('closes Friday into the weekend and opens Monday’s day on Sunday evening', () => {
    const friday = dayMarks(ct('2026-11-27T10:00:00-06:00'));
    expect(friday).toMatchObject({ tradingDay: '2026-11-27', weekendAfter: true });
    expect(friday.nextReopen).toBe(ct('2026-11-29T17:00:00-06:00'));
    // Monday's day starts at Friday's reset, in the weekend; trading resumes Sunday 17:00.
    const monday = dayMarks(ct('2026-11-29T17:00:05-06:00'));
    expect(monday).toMatchObject({
      tradingDay: '2026-11-30',
      start: ct('2026-11-27T17:00:00-06:00'),
      reopen: ct('2026-11-29T17:00:00-06:00'),
      morning: ct('2026-11-30T08:30:00-06:00'),
    });
  });

  it('keeps Chicago wall times across a DST change', () => {
    // Sunday 8 March 2026, 02:00 CST → CDT: Monday's marks are in CDT (UTC−5).
    const m = dayMarks(ct('2026-03-09T10:00:00-05:00'));
    expect(m.morning).toBe(ct('2026-03-09T08:30:00-05:00'));
    expect(m.start).toBe(ct('2026-03-06T17:00:00-06:00'));
    expect(m.reopen).toBe(ct('2026-03-08T17:00:00-05:00'));
  });
});
