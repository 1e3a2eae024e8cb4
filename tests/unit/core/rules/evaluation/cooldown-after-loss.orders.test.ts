import { describe, expect, it } from 'vitest';
import { cooldownAfterLossRule as rule } from '../../../../../src/core/rules/evaluation/cooldown-after-loss';
import { accountState, DAY, enforcements, NOW, runRule, tick, trade } from '../fixtures';

const tiers = [
  { loss: 200, minutes: 15 },
  { loss: 400, minutes: 60 },
];
const streakOf = (count: number) => ({ tiers: [], streak: { count, minutes: 30 } });
/** A fill that closed something, `msAgo` before now, with its gross P&L and fees. */
const closing = (orderId: number, pnl: number, msAgo = 1000, fees = 0) =>
  trade({ orderId, profitAndLoss: pnl, fees, creationTimestamp: new Date(NOW - msAgo).toISOString() });
/** A fill that only opened a position: no P&L of its own. */
const opening = (orderId: number, msAgo: number, fees = 0) =>
  trade({ orderId, profitAndLoss: null, fees, creationTimestamp: new Date(NOW - msAgo).toISOString() });

const judge = (trades: ReturnType<typeof trade>[], settings: object, extra: Parameters<typeof runRule>[1] = {}) =>
  runRule(rule, { account: accountState({ trades }), event: tick(), settings, ...extra });

describe('cooldownAfterLoss: the cooldown of one losing order', () => {
  it('flattens and pauses the account, saying which order lost how much and for how long', () => {
    const r = judge([closing(41, -250)], { tiers });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'flatten' },
        reason: 'Order 41 lost 250: 15 min cooldown',
        figures: { orderId: 41, loss: 250, minutes: 15, lossAt: NOW - 1000 },
      }),
    ]);
  });

  it('gives each losing order its own cooldown, even two of the same length', () => {
    const r = judge([closing(41, -250, 2000), closing(42, -250, 1000)], { tiers });
    expect(enforcements(r.decisions).map((d) => d.figures.orderId)).toEqual([41, 42]);
  });

  it('starts nothing for a loss below every tier, even one stamped a moment after the guard’s clock', () => {
    expect(judge([closing(41, -150, -5000)], { tiers }).decisions).toEqual([]);
  });

  it('starts nothing when the cooldown ends this very moment', () => {
    expect(judge([closing(41, -250, 15 * 60_000)], { tiers }).decisions).toEqual([]);
    expect(enforcements(judge([closing(41, -250, 15 * 60_000 - 1)], { tiers }).decisions)).toHaveLength(1);
  });

  it('judges nothing while the account’s state is still yesterday’s', () => {
    const r = runRule(rule, {
      account: accountState({ trades: [closing(41, -250)], tradingDay: '2026-11-24' }),
      settings: { tiers },
      tradingDay: DAY,
    });
    expect(r.decisions).toEqual([]);
  });
});

describe('cooldownAfterLoss: a losing streak', () => {
  it('counts orders in the order they closed, not the order they arrived', () => {
    // Closed: loser, winner, loser, loser: never three losers in a row.
    const trades = [closing(1, -10, 5000), closing(3, -10, 3000), closing(4, -10, 2000), closing(2, 25, 4000)];
    expect(judge(trades, streakOf(3)).decisions).toEqual([]);
  });

  it('orders two orders closed in the same instant by their order number', () => {
    // 12 (loser) and 13 (winner) closed together: 10, 11, 12 lose in a row, then 13 wins.
    const trades = [closing(10, -10, 3000), closing(11, -10, 2000), closing(13, 25, 1000), closing(12, -10, 1000)];
    expect(enforcements(judge(trades, streakOf(3)).decisions)).toMatchObject([
      { figures: { losingOrdersInARow: 3, lossAt: NOW - 1000 } },
    ]);
  });

  it('counts only orders that closed something: an order that opened a position neither loses nor breaks the streak', () => {
    const withFees = [closing(1, -10, 5000), opening(2, 4500, 4), closing(3, -10, 4000)];
    expect(judge(withFees, streakOf(3)).decisions).toEqual([]);
    const between = [closing(1, -10, 5000), opening(2, 4500), closing(3, -10, 4000), closing(4, -10, 3000)];
    expect(enforcements(judge(between, streakOf(3)).decisions)).toHaveLength(1);
  });

  it('takes an order closed at break-even as the end of a streak', () => {
    const trades = [closing(1, -10, 5000), closing(2, 0, 4000), closing(3, -10, 3000), closing(4, -10, 2000)];
    expect(judge(trades, streakOf(3)).decisions).toEqual([]);
  });

  it('flattens and pauses for the streak’s minutes from its last loss, saying so', () => {
    const r = judge([closing(1, -10, 3000), closing(2, -10, 2000)], { tiers: [], streak: { count: 2, minutes: 30 } });
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'flatten' },
        reason: '2 losing orders in a row: 30 min cooldown',
        figures: { losingOrdersInARow: 2, minutes: 30, lossAt: NOW - 2000 },
        lockout: { kind: 'cooldown', end: { type: 'at', at: NOW - 2000 + 30 * 60_000 }, scope: { type: 'account' } },
      }),
    ]);
  });

  it('starts nothing for a streak whose pause ends this very moment', () => {
    const trades = [closing(1, -10, 31 * 60_000), closing(2, -10, 30 * 60_000)];
    expect(judge(trades, { tiers: [], streak: { count: 2, minutes: 30 } }).decisions).toEqual([]);
  });

  it('takes each of two streaks of a day once: judged again, neither starts anew', () => {
    const trades = [1, 2, 3, 4].map((id) => closing(id, -10, (10 - id) * 1000));
    const settings = { tiers: [], streak: { count: 2, minutes: 30 } };
    const first = judge(trades, settings);
    expect(enforcements(first.decisions)).toHaveLength(2);
    expect(judge(trades, settings, { memory: first.memory }).decisions).toEqual([]);
  });
});
