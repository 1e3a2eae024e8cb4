import { describe, expect, it } from 'vitest';
import { weeklyLossRule as rule } from '../../../../../src/core/rules/evaluation/weekly-loss';
import { emptyRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, enforcements, runRule, trade, tradeEvent, warnings } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** What the trader sees of the weekly loss limit: its meter and its words. */

const withWeek = (days: Record<string, number>): RuleMemory => ({
  ...emptyRuleMemory(DAY.key),
  week: {
    week: '2026-11-23',
    days: Object.fromEntries(Object.entries(days).map(([d, realized]) => [d, { realized, trades: 2 }])),
  },
});
const lost = (pnl: number) => accountState({ trades: [trade({ orderId: 9, profitAndLoss: pnl })] });

describe('weekly loss: its meter', () => {
  it('shows the week’s realized loss so far, earlier days and today, against the limit', () => {
    const meter = meterOf(rule, {
      account: lost(-250),
      settings: { limit: 1500 },
      memory: withWeek({ '2026-11-23': -600 }),
    });
    expect(meter).toEqual({ name: 'Week’s loss', value: 850, limit: 1500, unit: 'USD' });
  });

  it('shows 0 in a week that is up', () => {
    expect(meterOf(rule, { account: lost(400), settings: { limit: 1500 } })?.value).toBe(0);
  });
});

describe('weekly loss: what it says', () => {
  it('warns with the week’s loss and the limit', () => {
    const t = trade({ orderId: 9, profitAndLoss: -800 });
    const r = runRule(rule, {
      account: accountState({ trades: [t] }),
      event: tradeEvent(t),
      settings: { limit: 1500 },
    });
    expect(warnings(r.decisions)).toMatchObject([{ message: 'Week’s loss 800 of 1500' }]);
  });

  it('says the week’s realized P&L reached the limit', () => {
    const r = runRule(rule, { account: lost(-1500), settings: { limit: 1500 } });
    expect(enforcements(r.decisions)[0]?.reason).toBe(
      'The week’s realized P&L -1500 reached the weekly loss limit 1500',
    );
  });
});
