import { describe, expect, it } from 'vitest';
import { dailyNetLossRule as rule } from '../../../../../src/core/rules/evaluation/daily-net-loss';
import { SETTLE_MS } from '../../../../../src/core/rules/measures/day-pnl';
import { accountState, ES, enforcements, MNQ, NOW, position, quoteEvent, runRule, trade, warnings } from '../fixtures';
import { meterOf, readContext } from '../meter-fixture';

/** What the trader sees of dailyNetLoss (meter, warning, decision) and when it judges at all. */

// Firm limit 1000, buffer 100 → the guard acts at a net loss of 900.
const settings = { firmLimit: 1000, buffer: 100 };
const losing = (pnl: number, fees = 0) => accountState({ trades: [trade({ orderId: 1, profitAndLoss: pnl, fees })] });

describe('dailyNetLoss: its meter', () => {
  it('shows the net loss today against the guard level (firm limit less the buffer)', () => {
    expect(meterOf(rule, { account: losing(-300, 5), settings })).toEqual({
      name: 'Net loss today',
      value: 305,
      limit: 900,
      unit: 'USD',
    });
  });

  it('counts the open P&L in, and shows 0 while the day is up', () => {
    const account = accountState({
      positions: [position(ES, 1, 5000)],
      trades: [trade({ orderId: 1, profitAndLoss: -100 })],
    });
    expect(meterOf(rule, { account, prices: { [ES]: 4990 }, settings })?.value).toBe(600);
    expect(meterOf(rule, { account, prices: { [ES]: 5010 }, settings })?.value).toBe(0);
  });

  it('shows unknown, never 0, while an open position has no price or the figures are another day’s', () => {
    const open = accountState({ positions: [position(MNQ, 1, 100)] });
    expect(meterOf(rule, { account: open, settings })?.value).toBeNull();
    const yesterday = accountState({ tradingDay: '2026-11-24', trades: [trade({ orderId: 1, profitAndLoss: -300 })] });
    expect(meterOf(rule, { account: yesterday, settings })?.value).toBeNull();
  });
});

describe('dailyNetLoss: what it says', () => {
  it('warns with the net loss and the guard level', () => {
    const [w] = warnings(runRule(rule, { account: losing(-460), settings }).decisions);
    expect(w).toMatchObject({ message: 'Net loss 460 of 900', figures: { netPnl: -460, limit: 900 } });
  });

  it('flattens and locks the account until the next reset, saying the net, the level and how it is made up', () => {
    const account = accountState({
      positions: [position(ES, 1, 5000)],
      trades: [trade({ orderId: 1, profitAndLoss: -500 })],
    });
    const r = runRule(rule, { account, event: quoteEvent(ES, 4992), prices: { [ES]: 4992 }, settings });
    expect(enforcements(r.decisions)).toEqual([
      {
        kind: 'enforce',
        ruleId: 'dailyNetLoss',
        accountId: account.account.id,
        action: { type: 'flatten' },
        reason: 'Net P&L -900 reached the guard level −900 (firm limit 1000 − buffer 100)',
        figures: { netPnl: -900, realizedPnl: -500, unrealizedPnl: -400, limit: 900 },
        monitorOnly: false,
        lockout: { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
      },
    ]);
  });

  it('notes a settling picture (a close half-arrived) instead of judging it', () => {
    // MNQ long 1 was seen; its position update (flat) arrives before its closing trade.
    const long = position(MNQ, 1, 100);
    const seen = runRule(rule, {
      account: accountState({
        positions: [long],
        trades: [trade({ orderId: 1, contractId: ES, profitAndLoss: -950 })],
      }),
      event: quoteEvent(MNQ, 100),
      prices: { [MNQ]: 100 },
      settings,
    });
    const half = runRule(rule, {
      account: accountState({ trades: [trade({ orderId: 1, contractId: ES, profitAndLoss: -950 })] }),
      event: { kind: 'position', source: 'hub', receivedAt: NOW, position: { ...long, size: 0 } },
      settings,
      memory: seen.memory,
    });
    expect(half.decisions).toEqual([]);
    expect(half.notes).toEqual([{ ruleId: 'dailyNetLoss', figures: { netPnl: 'settling', contractId: MNQ } }]);
    expect(rule.nextDeadline?.(readContext(rule, { settings, memory: half.memory }))).toBe(NOW + SETTLE_MS);
  });
});

describe('dailyNetLoss: when it judges', () => {
  it('judges nothing on another trading day’s figures (a worker asleep across the reset)', () => {
    const account = accountState({ tradingDay: '2026-11-24', trades: [trade({ orderId: 1, profitAndLoss: -2000 })] });
    expect(runRule(rule, { account, settings }).decisions).toEqual([]);
  });

  it('acts once a day: the next event past the level decides nothing more', () => {
    const first = runRule(rule, { account: losing(-950), settings });
    expect(enforcements(first.decisions)).toHaveLength(1);
    expect(runRule(rule, { account: losing(-960), settings, memory: first.memory }).decisions).toEqual([]);
  });
});
