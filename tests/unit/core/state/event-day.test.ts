import { describe, expect, it } from 'vitest';
import { currentTradingDay, DAY_SKEW_MS, tradingDayOfEvent } from '../../../../src/core/state/event-day';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';

const calendar = createTradingDayClock();
/** Wednesday 25 November 2026, 17:00 CST. */
const RESET = Date.parse('2026-11-25T23:00:00Z');
const day = (stamp: number | null, now: number) => tradingDayOfEvent(calendar, stamp, now).tradingDay;

describe('the trading day of an event', () => {
  it('is the day of the guard’s time for an event without a stamp', () => {
    expect(day(null, RESET - 1)).toBe('2026-11-25');
    expect(day(null, RESET)).toBe('2026-11-26');
  });

  it('is the new day for a fill at the reopen stamped a second AHEAD of the guard (the guard still shows 16:59:59)', () => {
    expect(day(RESET + 200, RESET - 800)).toBe('2026-11-26');
  });

  it('is the new day for a fill at the reopen stamped a second BEHIND the guard (the guard already reset)', () => {
    expect(day(RESET - 800, RESET + 200)).toBe('2026-11-26');
  });

  it('is the stamp’s own day for a late event stamped well before the reset', () => {
    expect(day(RESET - DAY_SKEW_MS - 1, RESET + 200)).toBe('2026-11-25');
    expect(day(RESET - 3_600_000, RESET + 60_000)).toBe('2026-11-25');
  });

  it('keeps the exact boundary when both clocks agree', () => {
    expect(day(RESET - 1, RESET - 1)).toBe('2026-11-25');
    expect(day(RESET, RESET)).toBe('2026-11-26');
  });

  it(`believes a stamp at most ${DAY_SKEW_MS / 1000} s ahead of the guard: further is a bad stamp, not skew`, () => {
    expect(day(RESET + 3_600_000, RESET - DAY_SKEW_MS - 1)).toBe('2026-11-25');
    expect(day(Date.parse('2099-01-01T00:00:00Z'), RESET - 60_000)).toBe('2026-11-25');
    expect(day(RESET + 3_600_000, RESET - DAY_SKEW_MS)).toBe('2026-11-26');
  });
});

describe('the guard’s current trading day', () => {
  it('is the day of its time, or the later day its state has already moved to', () => {
    expect(currentTradingDay(calendar, RESET - 800).tradingDay).toBe('2026-11-25');
    expect(currentTradingDay(calendar, RESET - 800, '2026-11-25')).toEqual(calendar.boundsOf(RESET - 800));
    expect(currentTradingDay(calendar, RESET - 800, '2026-11-26')).toEqual({
      tradingDay: '2026-11-26',
      start: RESET,
      end: RESET + 86_400_000,
    });
  });

  it('never goes back to a state’s older day', () => {
    expect(currentTradingDay(calendar, RESET + 1, '2026-11-20').tradingDay).toBe('2026-11-26');
  });
});
