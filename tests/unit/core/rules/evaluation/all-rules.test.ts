import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../../../src/core/rules/catalog/rule-catalog';
import { ALL_RULES, RULES } from '../../../../../src/core/rules/evaluation/all-rules';

describe('the rules the engine runs', () => {
  it('holds every rule once, each catalog entry joined with its evaluation under its id', () => {
    expect(ALL_RULES.map((r) => r.id)).toEqual(RULE_IDS);
    for (const id of RULE_IDS) expect(RULES[id].id).toBe(id);
    expect(new Set(ALL_RULES.map((r) => r.name)).size).toBe(ALL_RULES.length);
  });

  // docs/rules.md says what each rule watches; every rule is judged on the timer too ('tick'),
  // so a limit reached while nothing happens (the reset, a deadline) is judged all the same.
  it('judges each rule on the events it watches, and on the timer', () => {
    expect(Object.fromEntries(ALL_RULES.map((r) => [r.id, [...r.listensTo].sort()]))).toEqual({
      maxContracts: ['position', 'tick'],
      maxContractsPerInstrument: ['position', 'tick'],
      dailyRealizedLoss: ['account', 'tick', 'trade'],
      unrealizedLoss: ['contract', 'position', 'quote', 'tick'],
      unrealizedProfitTarget: ['contract', 'position', 'quote', 'tick'],
      tradeFrequency: ['tick', 'trade'],
      cooldownAfterLoss: ['tick', 'trade'],
      stopLossRequired: ['order', 'position', 'tick'],
      tradingHours: ['order', 'position', 'tick'],
      tradingPermission: ['account', 'health', 'tick'],
      symbolBlocks: ['account', 'order', 'position', 'tick'],
      tradeManagement: ['order', 'position', 'quote', 'tick'],
      dailyNetLoss: ['contract', 'position', 'quote', 'tick', 'trade'],
      trailingDrawdown: ['account', 'contract', 'position', 'quote', 'tick', 'trade'],
      trailingDailyLoss: ['account', 'contract', 'position', 'quote', 'tick', 'trade'],
      weeklyLoss: ['account', 'tick', 'trade'],
      weeklyTradeLimit: ['account', 'tick', 'trade'],
    });
  });
});
