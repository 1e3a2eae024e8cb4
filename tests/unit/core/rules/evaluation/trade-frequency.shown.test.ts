import { describe, expect, it } from 'vitest';
import { tradeFrequencyRule as rule } from '../../../../../src/core/rules/evaluation/trade-frequency';
import { accountState, enforcements, NOW, runRule, trade, warnings } from '../fixtures';
import { meterOf } from '../meter-fixture';

/** What the trader sees of tradeFrequency: its meter (the window nearest its limit) and its words. */

/** Executed orders, one fill each, `agoMs` before now. */
const filled = (...agoMs: number[]) =>
  accountState({
    trades: agoMs.map((ago, i) =>
      trade({ orderId: 500 + i, profitAndLoss: null, creationTimestamp: new Date(NOW - ago).toISOString() }),
    ),
  });

describe('tradeFrequency: its meter', () => {
  it('shows the window nearest its limit', () => {
    const account = filled(10_000, 30_000, 600_000, 1_200_000, 1_800_000); // 2 in the minute, 5 in the hour
    const settings = { perMinute: 3, perHour: 10, perDay: 50 };
    expect(meterOf(rule, { account, settings })).toEqual({
      name: 'Orders in the last minute',
      value: 2,
      limit: 3,
      unit: 'orders',
      moreThan: true,
    });
    expect(meterOf(rule, { account, settings: { ...settings, perHour: 6 } })).toMatchObject({
      name: 'Orders in the last hour',
      value: 5,
      limit: 6,
    });
  });

  it('shows the longer window on a tie, so a quiet account shows today’s count', () => {
    expect(meterOf(rule, { account: filled(), settings: { perMinute: 3, perHour: 20, perDay: 50 } })).toMatchObject({
      name: 'Orders today',
      value: 0,
      limit: 50,
    });
  });

  it('shows unknown, never 0, on another trading day’s figures, and nothing with no limit set', () => {
    const yesterday = { ...filled(10_000), tradingDay: '2026-11-24' };
    expect(
      meterOf(rule, { account: yesterday, settings: { perMinute: null, perHour: null, perDay: 50 } }),
    ).toMatchObject({
      value: null,
    });
    expect(meterOf(rule, { account: filled(), settings: { perMinute: null, perHour: null, perDay: null } })).toBeNull();
  });
});

describe('tradeFrequency: what it says', () => {
  it('warns with the window’s count and limit', () => {
    const r = runRule(rule, { account: filled(1_000, 2_000), settings: { perMinute: 4, perHour: null, perDay: null } });
    expect(warnings(r.decisions)).toMatchObject([{ message: '2 of 4 orders this minute' }]);
  });

  it('says how many orders went into the window, and flattens the account for the cooldown', () => {
    const r = runRule(rule, {
      account: filled(1_000, 2_000, 3_000, 4_000),
      settings: { perMinute: 3, perHour: null, perDay: null },
    });
    expect(enforcements(r.decisions)).toMatchObject([
      {
        action: { type: 'flatten' },
        reason: '4 orders in the last minute, limit 3',
        lockout: { kind: 'cooldown', end: { type: 'at', at: NOW + 60_000 } },
      },
    ]);
  });

  it('judges nothing on another trading day’s figures', () => {
    const yesterday = { ...filled(1_000, 2_000, 3_000, 4_000), tradingDay: '2026-11-24' };
    expect(runRule(rule, { account: yesterday, settings: { perMinute: 3 } }).decisions).toEqual([]);
  });
});
