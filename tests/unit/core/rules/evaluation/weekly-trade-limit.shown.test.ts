import { describe, expect, it } from 'vitest';
import { weeklyTradeLimitRule as rule } from '../../../../../src/core/rules/evaluation/weekly-trade-limit';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, enforcements, runRule, trade, warnings } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** What the trader sees of the weekly trade limit: its meter and its words. */

/** `n` executed orders today (one fill each). */
const traded = (n: number) =>
  accountState({ trades: Array.from({ length: n }, (_, i) => trade({ orderId: 100 + i, profitAndLoss: null })) });

describe('weekly trade limit: its meter', () => {
  it('shows the week’s trades so far, earlier days and today, against the limit', () => {
    const memory = {
      ...emptyRuleMemory(DAY.key),
      week: { week: '2026-11-23', days: { '2026-11-23': { realized: 0, trades: 7 } } },
    };
    expect(meterOf(rule, { account: traded(3), settings: { limit: 20 }, memory })).toEqual({
      name: 'Trades this week',
      value: 10,
      limit: 20,
      unit: 'trades',
    });
  });
});

describe('weekly trade limit: what it says', () => {
  it('warns with the week’s trades and the limit', () => {
    const r = runRule(rule, { account: traded(10), settings: { limit: 20 } });
    expect(warnings(r.decisions)).toMatchObject([{ message: '10 of 20 trades this week' }]);
  });

  it('says the week’s trades reached the limit', () => {
    const r = runRule(rule, { account: traded(20), settings: { limit: 20 } });
    expect(enforcements(r.decisions)[0]?.reason).toBe('20 trades this week reached the weekly trade limit 20');
  });
});
