import { describe, expect, it } from 'vitest';
import { trailingDrawdownRule as rule } from '../../../../../src/core/rules/evaluation/trailing-drawdown';
import { emptyRuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, DAY, ES, position } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** trailingDrawdown's meter: how much of the cushion above the guard level equity has used. */

// Guard level 48,200 from a start of 50,000: a cushion of 1,800.
const settings = { startingBalance: 50_000, maxLoss: 2000, buffer: 200 };
const withBalance = (balance: number, extra = {}) => {
  const a = accountState(extra);
  return { ...a, account: { ...a.account, balance } };
};

describe('trailingDrawdown: its meter', () => {
  it('shows the cushion used (balance and open P&L) against the whole cushion', () => {
    // ES short 1 from 5000 at 5002: −$100 open.
    const account = withBalance(49_500, { positions: [position(ES, -1, 5000)] });
    expect(meterOf(rule, { account, prices: { [ES]: 5002 }, settings })).toEqual({
      name: 'Below the end-of-day high',
      value: 600,
      limit: 1800,
      unit: 'USD',
    });
  });

  it('shows 0 above the starting balance, and trails the seeded end-of-day high', () => {
    expect(meterOf(rule, { account: withBalance(50_400), settings })?.value).toBe(0);
    const seeded = meterOf(rule, { account: withBalance(50_400), settings: { ...settings, highEodSeed: 51_000 } });
    expect(seeded).toMatchObject({ value: 600, limit: 1800 });
  });

  it('reads the end-of-day high it learned', () => {
    const memory = { ...emptyRuleMemory(DAY.key), drawdown: { day: DAY.key, lastBalance: 51_000, highEod: 51_000 } };
    expect(meterOf(rule, { account: withBalance(50_700), settings, memory })).toMatchObject({ value: 300 });
  });

  it('shows unknown, never 0, while the balance or an open position’s price is unknown', () => {
    const early = { ...withBalance(0), placeholder: true };
    expect(meterOf(rule, { account: early, settings })?.value).toBeNull();
    const open = withBalance(49_500, { positions: [position(ES, 1, 5000)] });
    expect(meterOf(rule, { account: open, settings })?.value).toBeNull();
  });
});
