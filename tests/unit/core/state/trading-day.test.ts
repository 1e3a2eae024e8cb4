import { describe, expect, it } from 'vitest';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';

const t = (iso: string) => Date.parse(iso);
const clock = createTradingDayClock();

describe('trading-day clock (17:00 America/Chicago)', () => {
  it('puts 16:59:59.999 CST in today and 17:00:00.000 CST in tomorrow (winter, UTC−6)', () => {
    expect(clock.tradingDayOf(t('2026-11-25T22:59:59.999Z'))).toBe('2026-11-25');
    expect(clock.tradingDayOf(t('2026-11-25T23:00:00.000Z'))).toBe('2026-11-26');
  });

  it('puts 16:59:59.999 CDT in today and 17:00:00.000 CDT in tomorrow (summer, UTC−5)', () => {
    expect(clock.tradingDayOf(t('2026-07-15T21:59:59.999Z'))).toBe('2026-07-15');
    expect(clock.tradingDayOf(t('2026-07-15T22:00:00.000Z'))).toBe('2026-07-16');
  });

  it('gives the reset that starts and the reset that ends the day', () => {
    const at = t('2026-11-25T15:00:00Z');
    expect(clock.previousReset(at)).toBe(t('2026-11-24T23:00:00Z'));
    expect(clock.nextReset(at)).toBe(t('2026-11-25T23:00:00Z'));
    // At the reset instant itself the new day has started.
    expect(clock.previousReset(t('2026-11-25T23:00:00Z'))).toBe(t('2026-11-25T23:00:00Z'));
    expect(clock.nextReset(t('2026-11-25T22:59:59.999Z'))).toBe(t('2026-11-25T23:00:00Z'));
  });

  it('folds Friday 17:00 → Monday 17:00 into Monday, one day across the weekend', () => {
    expect(clock.tradingDayOf(t('2026-11-20T22:59:59.999Z'))).toBe('2026-11-20'); // Fri 16:59:59.999 CST
    for (const iso of [
      '2026-11-20T23:00:00Z',
      '2026-11-21T12:00:00Z',
      '2026-11-22T22:59:00Z',
      '2026-11-23T00:00:00Z',
    ]) {
      expect(clock.tradingDayOf(t(iso))).toBe('2026-11-23');
    }
    expect(clock.previousReset(t('2026-11-22T12:00:00Z'))).toBe(t('2026-11-20T23:00:00Z'));
    expect(clock.nextReset(t('2026-11-22T12:00:00Z'))).toBe(t('2026-11-23T23:00:00Z'));
    expect(clock.tradingDayOf(t('2026-11-23T23:00:00Z'))).toBe('2026-11-24');
  });

  it('spans the spring-forward weekend (2026-03-08): Fri 17:00 CST to Mon 17:00 CDT, 71 hours', () => {
    const sunday = t('2026-03-08T12:00:00Z');
    expect(clock.tradingDayOf(sunday)).toBe('2026-03-09');
    expect(clock.previousReset(sunday)).toBe(t('2026-03-06T23:00:00Z'));
    expect(clock.nextReset(sunday)).toBe(t('2026-03-09T22:00:00Z'));
    expect(clock.nextReset(sunday) - clock.previousReset(sunday)).toBe(71 * 3_600_000);
    expect(clock.tradingDayOf(t('2026-03-09T21:59:59.999Z'))).toBe('2026-03-09');
    expect(clock.tradingDayOf(t('2026-03-09T22:00:00.000Z'))).toBe('2026-03-10');
  });

  it('spans the fall-back weekend (2026-11-01): Fri 17:00 CDT to Mon 17:00 CST, 73 hours', () => {
    const sunday = t('2026-11-01T12:00:00Z');
    expect(clock.tradingDayOf(sunday)).toBe('2026-11-02');
    expect(clock.previousReset(sunday)).toBe(t('2026-10-30T22:00:00Z'));
    expect(clock.nextReset(sunday)).toBe(t('2026-11-02T23:00:00Z'));
    expect(clock.nextReset(sunday) - clock.previousReset(sunday)).toBe(73 * 3_600_000);
    // 01:30 happens twice that night; both belong to Monday.
    expect(clock.tradingDayOf(t('2026-11-01T06:30:00Z'))).toBe('2026-11-02');
    expect(clock.tradingDayOf(t('2026-11-01T07:30:00Z'))).toBe('2026-11-02');
  });

  it('keeps previousReset ≤ t < nextReset and one day per interval for every hour of a year', () => {
    const start = t('2026-01-01T00:00:00Z');
    let lastDay = '';
    for (let at = start; at < start + 366 * 86_400_000; at += 3_600_000 + 17_000) {
      const prev = clock.previousReset(at);
      const next = clock.nextReset(at);
      expect(prev).toBeLessThanOrEqual(at);
      expect(next).toBeGreaterThan(at);
      const day = clock.tradingDayOf(at);
      expect(clock.tradingDayOf(prev)).toBe(day);
      expect(clock.tradingDayOf(next - 1)).toBe(day);
      expect(clock.tradingDayOf(next)).not.toBe(day);
      expect(day >= lastDay).toBe(true);
      lastDay = day;
    }
  });

  it('honours another reset time and time zone', () => {
    const ny = createTradingDayClock({ resetTime: '18:00', timeZone: 'America/New_York' });
    expect(ny.tradingDayOf(t('2026-11-25T22:59:59.999Z'))).toBe('2026-11-25'); // 17:59:59 EST
    expect(ny.tradingDayOf(t('2026-11-25T23:00:00.000Z'))).toBe('2026-11-26'); // 18:00 EST
  });

  it('resets at the start of a DST gap when the reset time does not exist that day', () => {
    // Cairo springs forward Friday 2026-04-24 at 00:00 → 01:00; a 00:30 reset is skipped over.
    const cairo = createTradingDayClock({ resetTime: '00:30', timeZone: 'Africa/Cairo' });
    const gapStart = t('2026-04-23T22:00:00Z'); // 00:00 EET = 01:00 EEST
    expect(cairo.tradingDayOf(gapStart - 1)).toBe('2026-04-24');
    expect(cairo.nextReset(gapStart - 1)).toBe(gapStart);
    expect(cairo.tradingDayOf(gapStart)).toBe('2026-04-27');
    expect(cairo.previousReset(gapStart + 60_000)).toBe(gapStart);
  });

  it('rejects a malformed reset time or an unknown time zone with a clear error', () => {
    expect(() => createTradingDayClock({ resetTime: '5pm' })).toThrow(/HH:MM/);
    expect(() => createTradingDayClock({ resetTime: '24:00' })).toThrow(/HH:MM/);
    expect(() => createTradingDayClock({ timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});
