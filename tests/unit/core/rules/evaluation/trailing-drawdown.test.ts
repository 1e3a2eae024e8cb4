import { describe, expect, it } from 'vitest';
import {
  drawdownGuardLevel,
  trailingDrawdownRule as rule,
} from '../../../../../src/core/rules/evaluation/trailing-drawdown';
import { accountState, DAY, ES, enforcements, position, quoteEvent, runRule } from '../fixtures';

const settings = { startingBalance: 50_000, maxLoss: 2000, buffer: 200 };
const withBalance = (balance: number, extra = {}) => {
  const a = accountState(extra);
  return { ...a, account: { ...a.account, balance } };
};

describe('trailingDrawdown', () => {
  it.each([
    { highEod: 50_000, guard: 48_200 },
    { highEod: 51_000, guard: 49_200 },
    { highEod: 52_000, guard: 50_200 },
    { highEod: 55_000, guard: 50_200 },
  ])(
    'with an end-of-day high of $highEod the guard level is $guard (trailing stops at the start)',
    ({ highEod, guard }) => {
      expect(drawdownGuardLevel(rule.settingsSchema.parse(settings), highEod)).toBe(guard);
    },
  );

  it.each([
    { balance: 48_200.01, breach: false },
    { balance: 48_200, breach: true },
    { balance: 48_100, breach: true },
  ])('balance $balance against the guard 48,200 → breach $breach', ({ balance, breach }) => {
    const r = runRule(rule, { account: withBalance(balance), settings });
    expect(enforcements(r.decisions)).toHaveLength(breach ? 1 : 0);
  });

  it('waits, and says so, while the balance is not known yet (a fill before the account record): unknown is not 0', () => {
    const early = { ...withBalance(0), placeholder: true };
    const r = runRule(rule, { account: early, settings });
    expect(r.decisions).toEqual([]);
    expect(r.notes).toEqual([{ ruleId: 'trailingDrawdown', figures: { balance: 'unknown' } }]);
    // Nothing learned from the placeholder: the first real balance is the day's first.
    expect(r.memory.drawdown).toBeNull();
    const known = runRule(rule, { account: withBalance(49_000), settings, memory: r.memory });
    expect(enforcements(known.decisions)).toEqual([]);
    expect(known.memory.drawdown).toMatchObject({ lastBalance: 49_000, highEod: 50_000 });
  });

  it('counts open P&L in equity', () => {
    const account = withBalance(48_500, { positions: [position(ES, 1, 5000)] });
    const r = runRule(rule, { account, event: quoteEvent(ES, 4994), prices: { [ES]: 4994 }, settings }); // −300
    expect(enforcements(r.decisions)).toMatchObject([{ figures: { equity: 48_200, guardLevel: 48_200 } }]);
  });

  it('trails the end-of-day high, not the intraday high', () => {
    const day1 = runRule(rule, { account: withBalance(51_500), settings });
    // Intraday the balance touched 51,500 but the day ended at 51,000.
    const close1 = runRule(rule, { account: withBalance(51_000), settings, memory: day1.memory });
    const next = { key: '2026-11-26', start: DAY.nextReset, nextReset: DAY.nextReset + 86_400_000 };
    const day2 = runRule(rule, {
      account: withBalance(49_300),
      settings,
      memory: close1.memory,
      tradingDay: next,
      now: DAY.nextReset + 1000,
    });
    expect(day2.memory.drawdown).toEqual({ day: '2026-11-26', lastBalance: 49_300, highEod: 51_000 });
    expect(enforcements(day2.decisions)).toHaveLength(0);
    const lower = runRule(rule, {
      account: withBalance(49_200),
      settings,
      memory: day2.memory,
      tradingDay: next,
      now: DAY.nextReset + 2000,
    });
    expect(enforcements(lower.decisions)).toMatchObject([{ figures: { guardLevel: 49_200, highEod: 51_000 } }]);
  });

  it('starts from a seeded end-of-day high', () => {
    const r = runRule(rule, { account: withBalance(50_100), settings: { ...settings, highEodSeed: 52_000 } });
    expect(enforcements(r.decisions)).toMatchObject([{ figures: { guardLevel: 50_200 } }]);
  });
});
