import { describe, expect, it } from 'vitest';
import { dailyRealizedLossRule as rule } from '../../../../../src/core/rules/evaluation/daily-realized-loss';
import { accountState, DAY, enforcements, runRule, trade, tradeEvent, warnings } from '../fixtures';

const t = (pnl: number | null, fees = 0, extra = {}) => trade({ orderId: 1, profitAndLoss: pnl, fees, ...extra });

describe('dailyRealizedLoss', () => {
  it.each([
    { pnl: -499.99, breach: false },
    { pnl: -500, breach: true },
    { pnl: -500.01, breach: true },
  ])('limit 500, realized $pnl → breach $breach', ({ pnl, breach }) => {
    const x = t(pnl);
    const r = runRule(rule, { account: accountState({ trades: [x] }), event: tradeEvent(x), settings: { limit: 500 } });
    const e = enforcements(r.decisions);
    expect(e).toHaveLength(breach ? 1 : 0);
    if (breach) {
      expect(e[0]?.action).toEqual({ type: 'flatten' });
      expect(e[0]?.lockout).toEqual({ kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } });
    }
  });

  it('counts fees (also of half-turn trades) unless fees are not counted', () => {
    const trades = [t(-490, 5), t(null, 5)];
    const account = accountState({ trades });
    const counted = runRule(rule, { account, event: tradeEvent(trades[0]!), settings: { limit: 500 } });
    expect(enforcements(counted.decisions)).toHaveLength(1);
    expect(enforcements(counted.decisions)[0]?.figures.realizedPnl).toBe(-500);
    const gross = runRule(rule, {
      account,
      event: tradeEvent(trades[0]!),
      settings: { limit: 500 },
      options: { countFees: false },
    });
    expect(enforcements(gross.decisions)).toHaveLength(0);
  });

  it('ignores voided trades (they count for nothing)', () => {
    const trades = [t(-300), t(-300, 0, { voided: true })];
    const r = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[1]!),
      settings: { limit: 500 },
    });
    expect(enforcements(r.decisions)).toHaveLength(0);
  });

  it('flattens once per trading day, however many trades follow (no flatten storm)', () => {
    const trades = [t(-600)];
    const first = runRule(rule, {
      account: accountState({ trades }),
      event: tradeEvent(trades[0]!),
      settings: { limit: 500 },
    });
    const more = [...trades, t(-50)];
    const second = runRule(rule, {
      account: accountState({ trades: more }),
      event: tradeEvent(more[1]!),
      settings: { limit: 500 },
      memory: first.memory,
    });
    expect(enforcements(second.decisions)).toHaveLength(0);
    expect(first.memory.latches.dailyRealizedLoss?.until).toBe(DAY.nextReset);
  });

  it('decides nothing from figures of another trading day (worker asleep across the reset)', () => {
    const x = t(-900);
    const r = runRule(rule, {
      account: accountState({ trades: [x], tradingDay: '2026-11-24' }),
      event: tradeEvent(x),
      settings: { limit: 500 },
    });
    expect(r.decisions).toHaveLength(0);
  });

  it('warns at 50 / 80 / 95 % of the limit and marks monitor-mode enforcement', () => {
    const x = t(-410);
    const w = runRule(rule, { account: accountState({ trades: [x] }), event: tradeEvent(x), settings: { limit: 500 } });
    expect(warnings(w.decisions)).toMatchObject([{ level: 0.8, fraction: 0.82 }]);
    const y = t(-700);
    const m = runRule(rule, { account: accountState({ trades: [y] }), event: tradeEvent(y), mode: 'monitor' });
    expect(enforcements(m.decisions)[0]?.monitorOnly).toBe(true);
  });
});
