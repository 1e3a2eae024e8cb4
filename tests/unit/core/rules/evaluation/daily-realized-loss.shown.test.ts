import { describe, expect, it } from 'vitest';
import { dailyRealizedLossRule as rule } from '../../../../../src/core/rules/evaluation/daily-realized-loss';
import { accountState, enforcements, runRule, trade, warnings } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** What the trader sees of dailyRealizedLoss: its meter and its words, with the costs as counted. */

const lost = (pnl: number, extra = {}) =>
  accountState({ trades: [trade({ orderId: 1, profitAndLoss: pnl, ...extra })] });

describe('dailyRealizedLoss: its meter', () => {
  it('shows the day’s realized loss, fees counted, against the limit', () => {
    expect(meterOf(rule, { account: lost(-300, { fees: 4.5 }), settings: { limit: 500 } })).toEqual({
      name: 'Daily loss',
      value: 304.5,
      limit: 500,
      unit: 'USD',
    });
  });

  it('shows 0 on a winning day, and unknown (never 0) on another day’s figures', () => {
    expect(meterOf(rule, { account: lost(250), settings: { limit: 500 } })?.value).toBe(0);
    const yesterday = accountState({ tradingDay: '2026-11-24', trades: [trade({ orderId: 1, profitAndLoss: -300 })] });
    expect(meterOf(rule, { account: yesterday, settings: { limit: 500 } })?.value).toBeNull();
  });
});

describe('dailyRealizedLoss: what it says', () => {
  it('warns with the realized loss and the limit, and the costs it counted', () => {
    const r = runRule(rule, { account: lost(-260), settings: { limit: 500 } });
    expect(warnings(r.decisions)).toMatchObject([
      {
        message: 'Realized loss 260 of 500',
        figures: { realizedPnl: -260, limit: 500, countFees: true, countCommissions: true },
      },
    ]);
  });

  it('says the realized P&L reached the limit, and whether commissions were counted', () => {
    const counted = runRule(rule, { account: lost(-500), settings: { limit: 500 } });
    expect(enforcements(counted.decisions)[0]).toMatchObject({
      reason: 'Realized P&L -500 reached the daily loss limit 500',
      figures: { countCommissions: true },
    });
    const notCounted = runRule(rule, {
      account: lost(-500),
      settings: { limit: 500 },
      options: { countCommissions: false },
    });
    expect(enforcements(notCounted.decisions)[0]?.figures).toMatchObject({ countCommissions: false });
  });
});
