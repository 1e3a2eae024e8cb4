import { describe, expect, it } from 'vitest';
import { trailingDrawdownRule as rule } from '../../../../../src/core/rules/evaluation/trailing-drawdown';
import { accountState, DAY, enforcements, MNQ, position, runRule, warnings } from '../fixtures';

const settings = { startingBalance: 50_000, maxLoss: 2000, buffer: 200 };
const withBalance = (balance: number, positions: ReturnType<typeof position>[] = []) => {
  const a = accountState({ positions });
  return { ...a, account: { ...a.account, balance } };
};

describe('trailingDrawdown: at the guard', () => {
  it('flattens and locks the account until the reset, saying where equity stands against the guard', () => {
    const r = runRule(rule, { account: withBalance(48_150), settings });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'flatten' },
        reason: 'Equity 48150 reached the drawdown guard 48200',
        figures: { equity: 48_150, guardLevel: 48_200, highEod: 50_000 },
        lockout: { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
      }),
    ]);
  });

  it('acts once a trading day, however many events follow', () => {
    const first = runRule(rule, { account: withBalance(48_150), settings });
    expect(runRule(rule, { account: withBalance(48_100), settings, memory: first.memory }).decisions).toEqual([]);
  });

  it('waits, and says so, while an open position has no price: equity is unknown, not the balance alone', () => {
    const r = runRule(rule, { account: withBalance(48_000, [position(MNQ, 1, 100)]), settings });
    expect(r.decisions).toEqual([]);
    expect(r.notes).toEqual([{ ruleId: 'trailingDrawdown', figures: { unrealizedPnl: 'unknown', contractId: MNQ } }]);
  });
});

describe('trailingDrawdown: warnings', () => {
  it('warns as the cushion above the guard is used up, with how much is left', () => {
    // Cushion 1,800 (50,000 → 48,200); at 48,560, 1,440 of it (80 %) is used.
    const r = runRule(rule, { account: withBalance(48_560), settings });
    expect(warnings(r.decisions)).toEqual([
      expect.objectContaining({
        level: 0.8,
        fraction: 0.8,
        message: 'Equity 48560 is 360 above the drawdown guard',
        figures: { equity: 48_560, guardLevel: 48_200, highEod: 50_000 },
      }),
    ]);
  });

  it('measures the cushion from the end-of-day high once it is above the start', () => {
    // High 51,000: guard 49,200, cushion 1,800; at 49,560 80 % is used.
    const r = runRule(rule, { account: withBalance(49_560), settings: { ...settings, highEodSeed: 51_000 } });
    expect(warnings(r.decisions)).toMatchObject([{ level: 0.8, fraction: 0.8 }]);
  });

  it('warns of nothing with most of the cushion left', () => {
    expect(runRule(rule, { account: withBalance(49_900), settings }).decisions).toEqual([]);
  });
});

describe('trailingDrawdown: the end-of-day high it remembers', () => {
  it('writes nothing while the balance and the high stay as they were', () => {
    const first = runRule(rule, { account: withBalance(49_900), settings });
    expect(runRule(rule, { account: withBalance(49_900), settings, memory: first.memory }).memory).toBe(first.memory);
  });

  it('records each new balance of the day, and a seed raised during the day', () => {
    const first = runRule(rule, { account: withBalance(49_900), settings });
    const moved = runRule(rule, { account: withBalance(50_100), settings, memory: first.memory });
    expect(moved.memory.drawdown).toEqual({ day: DAY.key, lastBalance: 50_100, highEod: 50_000 });
    const seeded = runRule(rule, {
      account: withBalance(50_100),
      settings: { ...settings, highEodSeed: 51_000 },
      memory: moved.memory,
    });
    expect(seeded.memory.drawdown).toEqual({ day: DAY.key, lastBalance: 50_100, highEod: 51_000 });
    const sameSeed = runRule(rule, {
      account: withBalance(50_100),
      settings: { ...settings, highEodSeed: 51_000 },
      memory: seeded.memory,
    });
    expect(sameSeed.memory).toBe(seeded.memory);
  });
});
