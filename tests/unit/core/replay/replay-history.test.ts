import { describe, expect, it } from 'vitest';
import { breachAtThirdTrade, configWith, ct, dayOf, days, replay, roundTrip } from './history-kit';

const DAILY_500 = { dailyRealizedLoss: { mode: 'enforce', limit: 500 } };

describe('replay: daily realized loss', () => {
  // breachAtThirdTrade (history-kit.ts): −203.70, −153.70, −153.70 (day −511.10: the breach at
  // 10:20), then +396.30 and −603.70 that the lockout removes; Thursday +96.30 (a new day: kept).
  const config = configWith(DAILY_500);
  const trades = breachAtThirdTrade();
  const result = replay(trades, config, days('2026-11-18', '2026-11-19', config));

  it('locks the account at the third trade and removes every later trade of the day', () => {
    const d = dayOf(result, '2026-11-18');
    expect(d.actualPnl).toBe(-718.5); // −203.70 − 153.70 − 153.70 + 396.30 − 603.70
    expect(d.replayedPnl).toBe(-511.1);
    expect(d.fills).toBe(10);
    expect(d.removedFills).toBe(4);
    expect(d.locked).toBe(true);
    expect(d.fired).toHaveLength(1);
    expect(d.fired[0]).toMatchObject({
      ruleId: 'dailyRealizedLoss',
      at: ct('2026-11-18', '10:20'),
      action: 'flatten',
      monitorOnly: false,
      lockout: { kind: 'lockout', until: ct('2026-11-18', '17:00') },
    });
    expect(d.approximate).toEqual([]);
  });

  it('lets the next trading day trade again', () => {
    const d = dayOf(result, '2026-11-19');
    expect(d.actualPnl).toBe(96.3);
    expect(d.replayedPnl).toBe(96.3);
    expect(d.removedFills).toBe(0);
    expect(d.fired).toEqual([]);
  });

  it('totals: net difference, worst days and drawdowns before and after', () => {
    const t = result.totals;
    expect(t.actualPnl).toBe(-622.2);
    expect(t.replayedPnl).toBe(-414.8);
    expect(t.difference).toBe(207.4);
    expect(t.daysLocked).toBe(1);
    expect(t.worstDayActual).toEqual({ day: '2026-11-18', pnl: -718.5 });
    expect(t.worstDayReplayed).toEqual({ day: '2026-11-18', pnl: -511.1 });
    // Realized after every fill (an opening fill costs its fee): the peak is 0 before the first
    // fill; the trough is RT6's opening fill on Thursday, −718.50 − 1.85 = −720.35. Replayed:
    // −511.10 at the breach, then RT6's opening fee: −512.95.
    expect(t.maxDrawdownActual).toBe(720.35);
    expect(t.maxDrawdownReplayed).toBe(512.95);
    expect(t.daysBetter).toEqual({ days: 1, sum: 207.4 });
    expect(t.daysWorse).toEqual({ days: 0, sum: 0 });
    expect(result.equity).toEqual([
      { day: '2026-11-18', actual: -718.5, replayed: -511.1 },
      { day: '2026-11-19', actual: -622.2, replayed: -414.8 },
    ]);
  });

  it('says honestly when the rule costs money: a profitable day cut short', () => {
    // −520 by 10:00, then +900: the day ends +380 gross; the limit would have stopped it at −520.
    const t2 = [
      ...roundTrip(ct('2026-11-18', '09:00'), ct('2026-11-18', '09:30'), 'long', 5, 20000, 19948),
      ...roundTrip(ct('2026-11-18', '10:30'), ct('2026-11-18', '11:30'), 'long', 5, 19950, 20040),
    ];
    const r = replay(t2, config, days('2026-11-18', '2026-11-18', config));
    const d = dayOf(r, '2026-11-18');
    expect(d.actualPnl).toBe(372.6); // −523.70 + 896.30
    expect(d.replayedPnl).toBe(-523.7);
    expect(r.totals.difference).toBe(-896.3);
    expect(r.totals.daysWorse).toEqual({ days: 1, sum: -896.3 });
    expect(r.totals.profitableDaysCut).toEqual({ days: 1, sum: -896.3 });
  });
});

describe('replay: cooldown after loss', () => {
  it('skips the two trades the 15-minute cooldown covers and resumes at its end', () => {
    // RT1 09:00–09:05 long 20000 → 19975: −250 gross → cooldown 09:05–09:20.
    // RT2 09:07–09:10 and RT3 09:12–09:18 fall inside: removed. RT4 opens at 09:20:00: kept
    // (the cooldown ends AT 09:20:00, as the live lockout book's `end > now`).
    const config = configWith({ cooldownAfterLoss: { mode: 'enforce', tiers: [{ loss: 200, minutes: 15 }] } });
    const trades = [
      ...roundTrip(ct('2026-11-18', '09:00'), ct('2026-11-18', '09:05'), 'long', 5, 20000, 19975),
      ...roundTrip(ct('2026-11-18', '09:07'), ct('2026-11-18', '09:10'), 'long', 5, 19975, 19970),
      ...roundTrip(ct('2026-11-18', '09:12'), ct('2026-11-18', '09:18'), 'short', 5, 19970, 19980),
      ...roundTrip(ct('2026-11-18', '09:20'), ct('2026-11-18', '09:40'), 'long', 5, 19980, 19990),
    ];
    const r = replay(trades, config, days('2026-11-18', '2026-11-18', config));
    const d = dayOf(r, '2026-11-18');
    expect(d.removedFills).toBe(4);
    expect(d.cooldown).toBe(true);
    expect(d.locked).toBe(false);
    expect(d.fired.map((f) => f.ruleId)).toEqual(['cooldownAfterLoss']);
    expect(d.fired[0]?.lockout).toEqual({ kind: 'cooldown', until: ct('2026-11-18', '09:20') });
    expect(d.actualPnl).toBe(-314.8); // −253.70 − 53.70 − 103.70 + 96.30
    expect(d.replayedPnl).toBe(-157.4); // −253.70 + 96.30
    expect(r.totals.daysWithCooldown).toBe(1);
  });
});
