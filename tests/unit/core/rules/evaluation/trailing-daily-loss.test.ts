import { describe, expect, it } from 'vitest';
import { trailingDailyLossRule as rule } from '../../../../../src/core/rules/evaluation/trailing-daily-loss';
import { SETTLE_MS } from '../../../../../src/core/rules/measures/day-pnl';
import type { RuleMemory } from '../../../../../src/core/rules/rule-memory';
import {
  accountState,
  DAY,
  enforcements,
  MNQ,
  NOW,
  order,
  position,
  positionEvent,
  quoteEvent,
  runRule,
  tick,
  trade,
  tradeEvent,
  warnings,
} from '../fixtures';

// MNQ: $2 a point a contract. One long from 100.
const long = position(MNQ, 1, 100);
const closed = { ...long, size: 0 };
const win = (pnl: number) => trade({ orderId: 2, contractId: MNQ, profitAndLoss: pnl });

/** A run with the position open at `price` (open P&L = (price − 100) × $2). */
const open = (price: number, memory?: RuleMemory, settings = { limit: 300 }) =>
  runRule(rule, {
    account: accountState({ positions: [long] }),
    event: quoteEvent(MNQ, price),
    prices: { [MNQ]: price },
    settings,
    ...(memory ? { memory } : {}),
  });

describe('trailing daily loss', () => {
  it('trails the day’s highest P&L including open P&L, and flattens and locks until the reset at the trailed level', () => {
    const first = open(100); // records the position
    const high = open(300, first.memory); // +$400 open: the day's high
    expect(high.memory.trail).toEqual({ day: DAY.key, peak: 400 });
    const near = open(160, high.memory); // +$120: $280 below the high, limit $300
    expect(enforcements(near.decisions)).toEqual([]);
    expect(warnings(near.decisions)).toMatchObject([{ level: 0.8 }]);
    const breach = open(150, near.memory); // +$100: $300 below the high
    expect(enforcements(breach.decisions)).toMatchObject([
      {
        action: { type: 'flatten' },
        lockout: { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
        figures: { dayPnl: 100, high: 400, level: 100, limit: 300 },
      },
    ]);
    expect(enforcements(open(140, breach.memory).decisions)).toEqual([]);
  });

  it('never moves down: the level stays at the day’s high after the P&L falls back', () => {
    const first = open(300);
    const lower = open(250, first.memory);
    expect(lower.memory.trail?.peak).toBe(400);
    const realizedOnly = runRule(rule, {
      account: accountState({ trades: [win(150)] }),
      event: tradeEvent(win(150)),
      settings: { limit: 300 },
      memory: lower.memory,
    });
    expect(realizedOnly.memory.trail?.peak).toBe(400);
  });

  it('writes nothing to its memory while the day’s high holds (no store write per quote)', () => {
    const first = open(300); // +$400: the high
    const lower = open(250, first.memory); // +$300: $100 below, no warning level crossed
    expect(lower.decisions).toEqual([]);
    expect(lower.memory).toBe(first.memory);
  });

  it('starts each day at the day’s starting balance: a day that only loses trails from 0', () => {
    const loss = trade({ orderId: 3, profitAndLoss: -300 });
    const r = runRule(rule, {
      account: accountState({ trades: [loss] }),
      event: tradeEvent(loss),
      settings: { limit: 300 },
    });
    expect(enforcements(r.decisions)).toMatchObject([{ figures: { high: 0, level: -300, dayPnl: -300 } }]);
  });

  it('only flattens when set not to lock, and flattens again whenever the trader re-opens below the level', () => {
    const settings = { limit: 300, lock: false };
    const high = open(300, open(100, undefined, settings).memory, settings);
    const breach = open(140, high.memory, settings);
    expect(enforcements(breach.decisions)).toMatchObject([{ action: { type: 'flatten' } }]);
    expect(enforcements(breach.decisions)[0]?.lockout).toBeUndefined();
    // Flat: nothing to do. Re-opened while still below the level: flattened again.
    const flat = runRule(rule, {
      account: accountState({ trades: [trade({ orderId: 4, profitAndLoss: -220 })] }),
      settings,
      memory: breach.memory,
    });
    expect(flat.decisions).toEqual([]);
    const reopened = runRule(rule, {
      account: accountState({
        positions: [long],
        trades: [trade({ orderId: 4, profitAndLoss: -220 })],
        orders: [order(MNQ)],
      }),
      prices: { [MNQ]: 100 },
      settings,
      memory: flat.memory,
    });
    expect(enforcements(reopened.decisions)).toHaveLength(1);
  });

  it('waits, and says so, while an open position has no quote (unknown is not 0)', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [long] }),
      event: positionEvent(long),
      settings: { limit: 300 },
    });
    expect(r.decisions).toEqual([]);
    expect(r.notes).toEqual([{ ruleId: 'trailingDailyLoss', figures: { unrealizedPnl: 'unknown', contractId: MNQ } }]);
    expect(r.memory.trail).toBeNull();
  });

  describe('judges a settled picture only (a close’s trade and position update arrive apart)', () => {
    const high = () => open(300, open(100).memory); // +$400 open, high 400

    it('takes no false high while a winning close counts twice (its trade before its position update)', () => {
      const tradeFirst = runRule(rule, {
        account: accountState({ positions: [long], trades: [win(400)] }),
        event: tradeEvent(win(400)),
        prices: { [MNQ]: 300 },
        settings: { limit: 300 },
        memory: high().memory,
      });
      expect(tradeFirst.decisions).toEqual([]);
      expect(tradeFirst.notes).toMatchObject([{ figures: { dayPnl: 'settling' } }]);
      expect(tradeFirst.memory.trail?.peak).toBe(400);
      const settled = runRule(rule, {
        account: accountState({ trades: [win(400)] }),
        event: positionEvent(closed),
        prices: { [MNQ]: 300 },
        settings: { limit: 300 },
        memory: tradeFirst.memory,
      });
      expect(settled.memory.trail?.peak).toBe(400);
      expect(settled.decisions).toEqual([]);
    });

    it('takes no false breach while a winning close’s P&L is gone from open and not yet realized', () => {
      const positionFirst = runRule(rule, {
        account: accountState(),
        event: positionEvent(closed),
        prices: { [MNQ]: 300 },
        settings: { limit: 300 },
        memory: high().memory,
      });
      expect(positionFirst.decisions).toEqual([]);
      const settled = runRule(rule, {
        account: accountState({ trades: [win(400)] }),
        event: tradeEvent(win(400)),
        settings: { limit: 300 },
        memory: positionFirst.memory,
      });
      expect(settled.decisions).toEqual([]);
      expect(settled.memory.seen).toEqual({});
    });

    it('judges the picture as it is once the other side has not come for 10 s, and asks a tick for then', () => {
      const positionFirst = runRule(rule, {
        account: accountState(),
        event: positionEvent(closed),
        settings: { limit: 300 },
        memory: high().memory,
      });
      expect(
        rule.nextDeadline?.({
          accountId: 7,
          account: accountState(),
          market: { contracts: {}, prices: {} },
          settings: rule.settingsSchema.parse({ mode: 'enforce' }),
          mode: 'enforce',
          now: NOW,
          tradingDay: DAY,
          health: { user: {} as never, market: {} as never, token: 'valid', blindSince: null },
          options: { countFees: true, failClosed: true, blindGraceSec: 30 },
          memory: positionFirst.memory,
        }),
      ).toBe(NOW + SETTLE_MS);
      const later = runRule(rule, {
        account: accountState(),
        event: tick(NOW + SETTLE_MS),
        now: NOW + SETTLE_MS,
        settings: { limit: 300 },
        memory: positionFirst.memory,
      });
      expect(enforcements(later.decisions)).toMatchObject([{ figures: { dayPnl: 0, high: 400 } }]);
    });
  });

  it('decides nothing from figures of another trading day', () => {
    const loss = trade({ orderId: 3, profitAndLoss: -900 });
    const r = runRule(rule, {
      account: accountState({ trades: [loss], tradingDay: '2026-11-24' }),
      event: tradeEvent(loss),
      settings: { limit: 300 },
    });
    expect(r.decisions).toEqual([]);
  });
});
