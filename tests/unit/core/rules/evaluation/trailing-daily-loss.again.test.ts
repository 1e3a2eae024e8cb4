import { describe, expect, it } from 'vitest';
import type { Order, Position } from '../../../../../src/core/gateway/schemas';
import { trailingDailyLossRule as rule } from '../../../../../src/core/rules/evaluation/trailing-daily-loss';
import type { RuleMemory } from '../../../../../src/core/rules/rule-memory';
import { accountState, ES, enforcements, MNQ, order, position, runRule, tick, trade } from '../fixtures';

/** When the trailing daily loss acts again after a breach: with the lock once a day, without it per open picture. */

// MNQ: $2 a point a contract. One long from 100; ES held flat at its entry price (open P&L 0).
const mnq = position(MNQ, 1, 100);
const es = position(ES, 1, 5000);
const locking = { limit: 300 };
const notLocking = { limit: 300, lock: false };

/** A timer tick with `positions` open and MNQ at `price` (its open P&L = (price − 100) × $2). */
const at = (
  price: number,
  memory: RuleMemory | undefined,
  settings: { limit: number; lock?: boolean },
  positions: Position[] = [mnq],
  orders: Order[] = [],
) =>
  runRule(rule, {
    account: accountState({ positions, orders }),
    event: tick(),
    prices: { [MNQ]: price, [ES]: 5000 },
    settings,
    ...(memory ? { memory } : {}),
  });

describe('trailing daily loss: acting again after a breach', () => {
  it('without the lock, flattens again when the day climbs back above the level and falls below it once more', () => {
    const high = at(300, undefined, notLocking); // +$400: the day's high, level +$100
    const breach = at(140, high.memory, notLocking); // +$80
    expect(enforcements(breach.decisions)).toHaveLength(1);
    const back = at(200, breach.memory, notLocking); // +$200: above the level again
    expect(enforcements(back.decisions)).toEqual([]);
    const again = at(140, back.memory, notLocking);
    expect(enforcements(again.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
  });

  it('with the lock, acts once a day even when the day climbs back above the level and falls again', () => {
    const high = at(300, undefined, locking);
    const breach = at(140, high.memory, locking);
    expect(enforcements(breach.decisions)).toMatchObject([{ lockout: { end: { type: 'next-reset' } } }]);
    const back = at(200, breach.memory, locking);
    expect(enforcements(at(140, back.memory, locking).decisions)).toEqual([]);
  });

  it('without the lock, flattens a flat account that still has a working order below the level (the order is cancelled)', () => {
    const loss = trade({ orderId: 3, profitAndLoss: -300 });
    const r = runRule(rule, {
      account: accountState({ trades: [loss], orders: [order(MNQ)] }),
      settings: notLocking,
    });
    expect(enforcements(r.decisions)).toMatchObject([{ action: { type: 'flatten' }, figures: { dayPnl: -300 } }]);
    expect(enforcements(r.decisions)[0]?.lockout).toBeUndefined();
  });

  it('without the lock, flattens again when another contract is opened while the day is below the level', () => {
    const high = at(300, undefined, notLocking);
    const breach = at(140, high.memory, notLocking);
    expect(enforcements(breach.decisions)).toHaveLength(1);
    const more = at(140, breach.memory, notLocking, [mnq, es]);
    expect(enforcements(more.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
  });

  it('without the lock, flattens the same open contracts once, whatever order they are listed in', () => {
    const high = at(300, undefined, notLocking, [es, mnq]);
    const breach = at(140, high.memory, notLocking, [es, mnq]);
    expect(enforcements(breach.decisions)).toHaveLength(1);
    expect(at(140, breach.memory, notLocking, [mnq, es]).decisions).toEqual([]);
  });
});
