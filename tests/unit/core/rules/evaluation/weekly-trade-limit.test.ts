import { describe, expect, it } from 'vitest';
import { weeklyTradeLimitRule as rule } from '../../../../../src/core/rules/evaluation/weekly-trade-limit';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, ES, enforcements, position, runRule, trade, tradeEvent, warnings } from '../fixtures';

const FRIDAY_RESET = Date.parse('2026-11-27T23:00:00Z');

describe('weekly trade limit', () => {
  // An entry and its exit: two trades. Two fills of one order: one trade.
  const today = [
    trade({ orderId: 1 }),
    trade({ orderId: 2, profitAndLoss: 10 }),
    trade({ orderId: 3 }),
    trade({ orderId: 3 }),
  ];
  const memory = {
    ...emptyRuleMemory(DAY.key),
    week: {
      week: '2026-11-23',
      days: { '2026-11-23': { realized: 0, trades: 4 }, '2026-11-24': { realized: 0, trades: 3 } },
    },
  };

  it('counts every entry and exit of the week as TopstepX does and locks until the week’s end on reaching the limit, leaving open positions by default', () => {
    const r = runRule(rule, {
      account: accountState({ trades: today, positions: [position(ES, 1, 5000)] }),
      event: tradeEvent(today[3]!),
      settings: { limit: 10 },
      memory,
    });
    expect(enforcements(r.decisions)).toMatchObject([
      {
        ruleId: 'weeklyTradeLimit',
        action: { type: 'none' },
        lockout: { end: { type: 'at', at: FRIDAY_RESET }, keep: { [ES]: 1 } },
        figures: { weekTrades: 10, limit: 10 },
      },
    ]);
  });

  it('flattens as well when set to', () => {
    const r = runRule(rule, {
      account: accountState({ trades: today }),
      settings: { limit: 10, flatten: true },
      memory,
    });
    expect(enforcements(r.decisions)).toMatchObject([
      { action: { type: 'flatten' }, lockout: { end: { at: FRIDAY_RESET } } },
    ]);
  });

  it('warns as the week’s count nears the limit', () => {
    const r = runRule(rule, { account: accountState({ trades: today }), settings: { limit: 11 }, memory });
    expect(enforcements(r.decisions)).toEqual([]);
    expect(warnings(r.decisions)).toMatchObject([{ level: 0.8, figures: { weekTrades: 10 } }]);
  });
});
