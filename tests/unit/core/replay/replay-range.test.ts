import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../../../src/core/replay/replay-range';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';
import { ct } from './history-kit';

const clock = createTradingDayClock();

describe('resolveRange', () => {
  it('takes the last N finished trading days before the one in progress, weekends folded into Monday', () => {
    // Wednesday 2026-11-18 10:00 CT: today is in progress; the last 3 finished are Fri, Mon, Tue.
    const r = resolveRange({ kind: 'last', tradingDays: 3 }, clock, ct('2026-11-18', '10:00'));
    expect(r.days).toEqual(['2026-11-13', '2026-11-16', '2026-11-17']);
    expect(r.start).toBe(ct('2026-11-12', '17:00'));
    expect(r.end).toBe(ct('2026-11-17', '17:00'));
  });

  it('names dates by the trading day they end on and stops at now', () => {
    const r = resolveRange({ kind: 'dates', from: '2026-11-14', to: '2026-11-18' }, clock, ct('2026-11-18', '10:00'));
    expect(r.days).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
    expect(r.start).toBe(ct('2026-11-13', '17:00'));
    expect(r.end).toBe(ct('2026-11-18', '10:00'));
  });

  it('follows a daylight-saving change: the day ending Monday 2026-03-09 is 23 hours long', () => {
    const r = resolveRange({ kind: 'dates', from: '2026-03-09', to: '2026-03-09' }, clock, ct('2026-04-01', '10:00'));
    expect(r.end - r.start).toBe((3 * 24 - 1) * 3_600_000); // Friday 17:00 CST → Monday 17:00 CDT
  });

  it('rejects what it cannot replay with a clear reason', () => {
    const now = ct('2026-11-18', '10:00');
    expect(() => resolveRange({ kind: 'last', tradingDays: 0 }, clock, now)).toThrow(/1 to 120/);
    expect(() => resolveRange({ kind: 'dates', from: '2026-11-18', to: '2026-11-01' }, clock, now)).toThrow(
      /after the last/,
    );
    expect(() => resolveRange({ kind: 'dates', from: '2026-12-01', to: '2026-12-02' }, clock, now)).toThrow(
      /not begun/,
    );
    expect(() => resolveRange({ kind: 'dates', from: '2026-1-1', to: '2026-12-02' }, clock, now)).toThrow(/YYYY-MM-DD/);
    expect(() => resolveRange({ kind: 'dates', from: '2025-01-01', to: '2026-11-01' }, clock, now)).toThrow(
      /at most 120/,
    );
  });
});
