import { describe, expect, it } from 'vitest';
import { weeklyLossRule } from '../../../../../src/core/rules/evaluation/weekly-loss';
import { weeklyTradeLimitRule } from '../../../../../src/core/rules/evaluation/weekly-trade-limit';
import { accountState, ES, enforcements, MNQ, position, runRule, trade } from '../fixtures';

/** What both weekly limits do on reaching theirs (weekly-limit.ts): the lock until the week's end. */

const FRIDAY_RESET = Date.parse('2026-11-27T23:00:00Z');
const untilFriday = { kind: 'lockout', end: { type: 'at', at: FRIDAY_RESET }, scope: { type: 'account' } };

describe('a weekly limit reached', () => {
  it('without flattening, is a lockout (not a cooldown) until the week’s end that keeps the open positions as they are', () => {
    const open = [position(ES, 2, 5000), position(MNQ, -3, 100)];
    const r = runRule(weeklyLossRule, {
      account: accountState({ trades: [trade({ orderId: 9, profitAndLoss: -1600 })], positions: open }),
      settings: { limit: 1500, flatten: false },
    });
    expect(enforcements(r.decisions).map((d) => [d.action, d.lockout])).toEqual([
      [{ type: 'none' }, { ...untilFriday, keep: { [ES]: 2, [MNQ]: 3 } }],
    ]);
  });

  it('flattening, is the same lockout until the week’s end, with nothing kept', () => {
    const trades = [trade({ orderId: 1 }), trade({ orderId: 2, profitAndLoss: 10 })];
    const r = runRule(weeklyTradeLimitRule, {
      account: accountState({ trades, positions: [position(ES, 1, 5000)] }),
      settings: { limit: 2, flatten: true },
    });
    expect(enforcements(r.decisions).map((d) => [d.action, d.lockout])).toEqual([[{ type: 'flatten' }, untilFriday]]);
  });
});
