import { describe, expect, it } from 'vitest';
import { weeklyLossRule as rule } from '../../../../../src/core/rules/evaluation/weekly-loss';
import { emptyRuleMemory, type RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, ES, enforcements, position, runRule, tick, trade, tradeEvent, warnings } from '../fixtures';

const FRIDAY_RESET = Date.parse('2026-11-27T23:00:00Z');
const withWeek = (week: string, days: Record<string, number>): RuleMemory => ({
  ...emptyRuleMemory(DAY.key),
  week: { week, days: Object.fromEntries(Object.entries(days).map(([d, realized]) => [d, { realized, trades: 2 }])) },
});
const loss = (pnl: number) => trade({ orderId: 9, profitAndLoss: pnl });

describe('weekly loss', () => {
  it('adds up the week’s days and, at the limit, flattens and locks until Friday’s close', () => {
    const t = loss(-400);
    const r = runRule(rule, {
      account: accountState({ trades: [t] }),
      event: tradeEvent(t),
      settings: { limit: 1500 },
      memory: withWeek('2026-11-23', { '2026-11-23': -600, '2026-11-24': -500 }),
    });
    expect(enforcements(r.decisions)).toMatchObject([
      {
        ruleId: 'weeklyLoss',
        action: { type: 'flatten' },
        lockout: { kind: 'lockout', end: { type: 'at', at: FRIDAY_RESET }, scope: { type: 'account' } },
        figures: { weekRealizedPnl: -1500, limit: 1500, week: '2026-11-23' },
      },
    ]);
    expect(r.memory.week?.days).toEqual({
      '2026-11-23': { realized: -600, trades: 2 },
      '2026-11-24': { realized: -500, trades: 2 },
      '2026-11-25': { realized: -400, trades: 1 },
    });
  });

  it('starts a new week from nothing (last week’s losses are last week’s)', () => {
    const t = loss(-200);
    const r = runRule(rule, {
      account: accountState({ trades: [t] }),
      event: tradeEvent(t),
      settings: { limit: 1500 },
      memory: withWeek('2026-11-16', { '2026-11-19': -1400 }),
    });
    expect(enforcements(r.decisions)).toEqual([]);
    expect(r.memory.week).toEqual({ week: '2026-11-23', days: { '2026-11-25': { realized: -200, trades: 1 } } });
  });

  it('leaves the open positions to the trader when set not to flatten, and locks until the week’s end', () => {
    const t = loss(-1600);
    const r = runRule(rule, {
      account: accountState({ trades: [t], positions: [position(ES, 2, 5000)] }),
      event: tick(),
      settings: { limit: 1500, flatten: false },
    });
    expect(enforcements(r.decisions)).toMatchObject([
      { action: { type: 'none' }, lockout: { end: { type: 'at', at: FRIDAY_RESET }, keep: { [ES]: 2 } } },
    ]);
  });

  it('locks once a week, and warns on the way', () => {
    const t = loss(-800);
    const warned = runRule(rule, {
      account: accountState({ trades: [t] }),
      event: tradeEvent(t),
      settings: { limit: 1500 },
    });
    expect(warnings(warned.decisions)).toMatchObject([{ level: 0.5 }]);
    const t2 = loss(-1500);
    const first = runRule(rule, { account: accountState({ trades: [t2] }), settings: { limit: 1500 } });
    const again = runRule(rule, {
      account: accountState({ trades: [t2] }),
      settings: { limit: 1500 },
      memory: first.memory,
    });
    expect(enforcements(first.decisions)).toHaveLength(1);
    expect(again.decisions).toEqual([]);
  });
});
