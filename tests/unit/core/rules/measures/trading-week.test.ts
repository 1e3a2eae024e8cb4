import { describe, expect, it } from 'vitest';
import { tradingWeekOf, weekEndAt } from '../../../../../src/core/rules/measures/trading-week';
import { DAY } from '../fixtures';

describe('the trading week (Sunday 17:00 CT open to Friday’s close)', () => {
  it.each([
    { day: '2026-11-23', week: '2026-11-23' }, // Monday (its session opened Sunday 17:00)
    { day: '2026-11-25', week: '2026-11-23' },
    { day: '2026-11-27', week: '2026-11-23' }, // Friday
    { day: '2026-11-28', week: '2026-11-30' }, // a weekend key leads into the next week
    { day: '2026-11-29', week: '2026-11-30' },
  ])('trading day $day belongs to the week of Monday $week', ({ day, week }) => {
    expect(tradingWeekOf(day)).toBe(week);
  });

  it('ends at the reset that ends Friday’s trading day (17:00 Chicago on Friday)', () => {
    expect(weekEndAt(DAY)).toBe(Date.parse('2026-11-27T23:00:00Z'));
    const monday = { key: '2026-11-23', start: 0, nextReset: Date.parse('2026-11-23T23:00:00Z') };
    expect(weekEndAt(monday)).toBe(Date.parse('2026-11-27T23:00:00Z'));
  });
});
