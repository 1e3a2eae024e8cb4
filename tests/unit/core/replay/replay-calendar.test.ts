import { describe, expect, it } from 'vitest';
import { configWith, ct, dayOf, days, replay, roundTrip } from './history-kit';

/**
 * The replay's days and lockout ends come from the live guard's own trading-day clock: 17:00
 * Chicago, DST-correct, Friday's reset leading to Monday's day. Each case breaches the $100
 * daily limit with one losing round trip, then trades around the reset.
 */
const config = configWith({ dailyRealizedLoss: { mode: 'enforce', limit: 100 } });
/** Long 1 MNQ, −60 points: −120 gross, −120.74 net: a breach of the $100 limit at its close. */
const breach = (open: number, close: number) => roundTrip(open, close, 'long', 1, 20000, 19940);
const scalp = (open: number, close: number) => roundTrip(open, close, 'long', 1, 20000, 20005); // +10 gross, +9.26 net

describe('replay: the reset at 17:00 Chicago', () => {
  it('removes a trade at 16:59:59 CT and keeps one at 17:00:00 CT (the next trading day)', () => {
    const trades = [
      ...breach(ct('2026-11-18', '10:00'), ct('2026-11-18', '10:05')),
      ...scalp(ct('2026-11-18', '16:59:59'), ct('2026-11-18', '16:59:59')),
      ...scalp(ct('2026-11-18', '17:00:00'), ct('2026-11-18', '17:05:00')),
    ];
    const r = replay(trades, config, days('2026-11-18', '2026-11-19', config));
    const wed = dayOf(r, '2026-11-18');
    expect(wed.fired[0]?.lockout?.until).toBe(Date.parse('2026-11-18T23:00:00Z'));
    expect(wed.removedFills).toBe(2);
    expect(wed.replayedPnl).toBe(-120.74);
    const thu = dayOf(r, '2026-11-19');
    expect(thu.removedFills).toBe(0);
    expect(thu.fills).toBe(2);
    expect(thu.replayedPnl).toBe(9.26);
    expect(thu.fired).toEqual([]);
  });

  it('ends a lockout at 17:00 CDT on the Monday after the switch to daylight time (22:00 UTC, not 23:00)', () => {
    // Sunday 2026-03-08 is the switch. Sunday 18:30 CDT trades Monday 2026-03-09's day; the
    // lockout taken then holds to Monday 17:00 CDT = 22:00 UTC.
    const trades = [
      ...breach(ct('2026-03-08', '18:30'), ct('2026-03-08', '18:40')),
      ...scalp(ct('2026-03-09', '10:00'), ct('2026-03-09', '10:10')),
      ...scalp(ct('2026-03-09', '16:59:59'), ct('2026-03-09', '16:59:59')),
      ...scalp(ct('2026-03-09', '17:00:00'), ct('2026-03-09', '17:10')),
    ];
    const r = replay(trades, config, days('2026-03-09', '2026-03-10', config));
    const mon = dayOf(r, '2026-03-09');
    expect(ct('2026-03-09', '17:00')).toBe(Date.parse('2026-03-09T22:00:00Z'));
    expect(mon.fired[0]).toMatchObject({ ruleId: 'dailyRealizedLoss', at: Date.parse('2026-03-08T23:40:00Z') });
    expect(mon.fired[0]?.lockout?.until).toBe(Date.parse('2026-03-09T22:00:00Z'));
    expect(mon.removedFills).toBe(4);
    expect(mon.replayedPnl).toBe(-120.74);
    const tue = dayOf(r, '2026-03-10');
    expect(tue.removedFills).toBe(0);
    expect(tue.replayedPnl).toBe(9.26);
  });

  it('ends a lockout at 17:00 CST after the switch back (23:00 UTC)', () => {
    const trades = [
      ...breach(ct('2026-11-02', '09:00'), ct('2026-11-02', '09:10')),
      ...scalp(ct('2026-11-02', '16:30'), ct('2026-11-02', '16:40')),
    ];
    const r = replay(trades, config, days('2026-11-02', '2026-11-02', config));
    const mon = dayOf(r, '2026-11-02');
    expect(mon.fired[0]?.lockout?.until).toBe(Date.parse('2026-11-02T23:00:00Z'));
    expect(mon.removedFills).toBe(2);
  });

  it('on a Friday: locked until Friday 17:00 CT; Sunday evening belongs to Monday and trades again', () => {
    const trades = [
      ...breach(ct('2026-11-20', '09:00'), ct('2026-11-20', '09:10')),
      ...scalp(ct('2026-11-20', '14:00'), ct('2026-11-20', '14:30')),
      ...scalp(ct('2026-11-22', '17:30'), ct('2026-11-22', '17:45')),
    ];
    const r = replay(trades, config, days('2026-11-20', '2026-11-23', config));
    expect(r.range.days).toEqual(['2026-11-20', '2026-11-23']);
    const fri = dayOf(r, '2026-11-20');
    expect(fri.fired[0]?.lockout?.until).toBe(ct('2026-11-20', '17:00'));
    expect(fri.removedFills).toBe(2);
    const mon = dayOf(r, '2026-11-23');
    expect(mon.removedFills).toBe(0);
    expect(mon.replayedPnl).toBe(9.26);
  });

  it('a breach on Sunday evening holds through Monday until Monday 17:00 CT', () => {
    const trades = [
      ...breach(ct('2026-11-22', '17:30'), ct('2026-11-22', '17:40')),
      ...scalp(ct('2026-11-23', '09:00'), ct('2026-11-23', '09:05')),
    ];
    const r = replay(trades, config, days('2026-11-23', '2026-11-23', config));
    const mon = dayOf(r, '2026-11-23');
    expect(mon.fired[0]?.lockout?.until).toBe(ct('2026-11-23', '17:00'));
    expect(mon.removedFills).toBe(2);
  });
});
