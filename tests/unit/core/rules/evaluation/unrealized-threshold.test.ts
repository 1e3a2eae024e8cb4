import { describe, expect, it } from 'vitest';
import { unrealizedLossRule as lossRule } from '../../../../../src/core/rules/evaluation/unrealized-loss';
import { unrealizedProfitTargetRule as profitRule } from '../../../../../src/core/rules/evaluation/unrealized-profit-target';
import { thresholdKeys } from '../../../../../src/core/rules/evaluation/unrealized-threshold';
import {
  accountState,
  DAY,
  ES,
  enforcements,
  MNQ,
  NQ,
  position,
  positionEvent,
  quoteEvent,
  runRule,
  tick,
  warnings,
} from '../fixtures';

// ES: one point is $50 a contract; NQ $20; MNQ $2.
const losing = { [ES]: 4997, [NQ]: 19_990, [MNQ]: 100 }; // ES −150, NQ −200 (long 1 each)
const account = (...ps: ReturnType<typeof position>[]) => accountState({ positions: ps });

describe('unrealizedLoss and unrealizedProfitTarget: one position at a time', () => {
  it('on a timer tick, closes every position past its limit, not only one just quoted', () => {
    const r = runRule(lossRule, {
      account: account(position(ES, 1, 5000), position(NQ, 1, 20_000)),
      event: tick(),
      prices: losing,
      settings: { perPosition: 150, total: null },
    });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([
      { type: 'close-position', contractId: ES },
      { type: 'close-position', contractId: NQ },
    ]);
  });

  it('on a position event, closes the one past its limit and skips one it cannot price', () => {
    const es = position(ES, 1, 5000);
    const r = runRule(lossRule, {
      account: account(es, position(MNQ, 1, 100)),
      event: positionEvent(es),
      prices: { [ES]: 4997 },
      settings: { perPosition: 150, total: null },
    });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual([{ type: 'close-position', contractId: ES }]);
  });

  it('says which position reached what, signed as the account shows it', () => {
    const loss = runRule(lossRule, {
      account: account(position(ES, 1, 5000)),
      event: tick(),
      prices: { [ES]: 4997 },
      settings: { perPosition: 150, total: null },
    });
    expect(enforcements(loss.decisions)[0]).toMatchObject({
      reason: `Unrealized loss 150 on ${ES} reached 150`,
      figures: { contractId: ES, unrealizedPnl: -150, limit: 150 },
    });
    const profit = runRule(profitRule, {
      account: account(position(ES, 1, 5000)),
      event: quoteEvent(ES, 5003),
      prices: { [ES]: 5003 },
      settings: { perPosition: 100, total: null },
    });
    expect(enforcements(profit.decisions)[0]).toMatchObject({
      reason: `Unrealized profit 150 on ${ES} reached 100`,
      figures: { contractId: ES, unrealizedPnl: 150, limit: 100 },
    });
  });

  it('on a tick, warns of the worst position, with its figure', () => {
    const r = runRule(lossRule, {
      account: account(position(ES, 1, 5000), position(NQ, 1, 20_000), position(MNQ, 1, 100)),
      event: tick(),
      prices: { [ES]: 4998, [NQ]: 19_988, [MNQ]: 100 }, // ES −100 (40 %), NQ −240 (96 %), MNQ 0
      settings: { perPosition: 250, total: null },
    });
    expect(r.decisions).toEqual([
      expect.objectContaining({
        kind: 'warning',
        level: 0.95,
        fraction: 0.96,
        message: "A position's unrealized loss is 240 of 250",
        figures: { unrealizedPnl: -240, limit: 250 },
      }),
    ]);
  });

  it('warns of a position’s open profit by its own sign', () => {
    const r = runRule(profitRule, {
      account: account(position(ES, 1, 5000)),
      event: tick(),
      prices: { [ES]: 5002 },
      settings: { perPosition: 120, total: null },
    });
    expect(warnings(r.decisions)).toEqual([
      expect.objectContaining({
        level: 0.8,
        message: "A position's unrealized profit is 100 of 120",
        figures: { unrealizedPnl: 100, limit: 120 },
      }),
    ]);
  });

  it('on a quote, judges the quoted position alone: the others on their own quotes and on every tick', () => {
    const spec = {
      account: account(position(ES, 1, 5000), position(NQ, 1, 20_000)),
      prices: { [ES]: 4999, [NQ]: 19_988 }, // ES −50 (20 %), NQ −240 (96 %)
      settings: { perPosition: 250, total: null },
    };
    expect(runRule(lossRule, { ...spec, event: quoteEvent(ES, 4999) }).decisions).toEqual([]);
    expect(warnings(runRule(lossRule, { ...spec, event: quoteEvent(NQ, 19_988) }).decisions)).toMatchObject([
      { level: 0.95, figures: { unrealizedPnl: -240 } },
    ]);
  });

  it('warns of nothing below the first warning level', () => {
    const r = runRule(lossRule, {
      account: account(position(ES, 1, 5000)),
      event: quoteEvent(ES, 4999),
      prices: { [ES]: 4999 }, // −50 of 250: 20 %
      settings: { perPosition: 250, total: null },
    });
    expect(r.decisions).toEqual([]);
  });

  it('forgets a closed position’s close when its position event comes, and keeps the account’s flatten', () => {
    const es = position(ES, 1, 5000);
    const keys = (m: { latches: Record<string, unknown> }) => Object.keys(m.latches).sort();
    const both = runRule(lossRule, {
      account: account(es),
      event: tick(),
      prices: { [ES]: 4990 },
      settings: { perPosition: 150, total: 400 },
    });
    expect(keys(both.memory)).toEqual([`unrealizedLoss|pos|${ES}`, 'unrealizedLoss|total']);
    const closed = runRule(lossRule, {
      account: account(),
      event: positionEvent({ ...es, size: 0 }),
      settings: { perPosition: 150, total: 400 },
      memory: both.memory,
    });
    expect(keys(closed.memory)).toEqual(['unrealizedLoss|total']);
  });
});

describe('unrealizedLoss and unrealizedProfitTarget: the account as a whole', () => {
  it('warns as the account’s open loss nears its total, with the fraction reached', () => {
    const r = runRule(lossRule, {
      account: account(position(ES, 1, 5000), position(NQ, 1, 20_000)),
      event: tick(),
      prices: losing, // −350 of 400
      settings: { perPosition: null, total: 400 },
    });
    expect(r.decisions).toEqual([
      expect.objectContaining({
        kind: 'warning',
        level: 0.8,
        fraction: 0.875,
        message: 'Account unrealized loss 350 of 400',
        figures: { unrealizedPnl: -350, limit: 400 },
      }),
    ]);
  });

  it('flattens at the total and locks the whole account until the reset, once a day', () => {
    const spec = {
      account: account(position(ES, 1, 5000), position(NQ, 1, 20_000)),
      event: tick(),
      prices: losing,
      settings: { perPosition: null, total: 300 },
    };
    const r = runRule(lossRule, spec);
    expect(enforcements(r.decisions)).toEqual([
      expect.objectContaining({
        action: { type: 'flatten' },
        reason: 'Account unrealized loss 350 reached 300',
        figures: { unrealizedPnl: -350, limit: 300 },
        lockout: { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
      }),
    ]);
    expect(runRule(lossRule, { ...spec, memory: r.memory }).decisions).toEqual([]);
    const tomorrow = { ...DAY, key: '2026-11-26' };
    const nextDay = accountState({
      positions: [position(ES, 1, 5000), position(NQ, 1, 20_000)],
      tradingDay: tomorrow.key,
    });
    const again = runRule(lossRule, { ...spec, account: nextDay, memory: r.memory, tradingDay: tomorrow });
    expect(enforcements(again.decisions)).toHaveLength(1);
  });

  it('without the lock, flattens once for the same positions, whatever order they are listed in, and again for new ones', () => {
    const settings = { perPosition: null, total: 300, lockAfterTotal: false };
    const es = position(ES, 1, 5000);
    const nq = position(NQ, 1, 20_000);
    const first = runRule(lossRule, { account: account(es, nq), event: tick(), prices: losing, settings });
    expect(enforcements(first.decisions)).toHaveLength(1);
    const sameOtherOrder = runRule(lossRule, {
      account: account(nq, es),
      event: tick(),
      prices: losing,
      settings,
      memory: first.memory,
    });
    expect(sameOtherOrder.decisions).toEqual([]);
    const mnq = position(MNQ, 100, 101);
    const more = runRule(lossRule, {
      account: account(nq, es, mnq),
      event: tick(),
      prices: losing,
      settings,
      memory: first.memory,
    });
    expect(enforcements(more.decisions)).toHaveLength(1);
  });
});

describe('unrealized thresholds’ warning keys', () => {
  it('keys its warnings per rule, one for positions and one for the account', () => {
    expect(thresholdKeys('unrealizedLoss')).toEqual({
      position: 'unrealizedLoss:position',
      total: 'unrealizedLoss:total',
    });
  });
});
