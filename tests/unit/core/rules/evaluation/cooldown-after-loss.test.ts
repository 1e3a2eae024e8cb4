import { describe, expect, it } from 'vitest';
import { tierMinutes } from '../../../../../src/core/rules/catalog/cooldown-after-loss';
import { cooldownAfterLossRule as rule } from '../../../../../src/core/rules/evaluation/cooldown-after-loss';
import { accountState, enforcements, NOW, runRule, trade, tradeEvent } from '../fixtures';

const tiers = [
  { loss: 200, minutes: 15 },
  { loss: 400, minutes: 60 },
];
const closing = (orderId: number, pnl: number, msAgo = 1000, fees = 0) =>
  trade({ orderId, profitAndLoss: pnl, fees, creationTimestamp: new Date(NOW - msAgo).toISOString() });

describe('cooldownAfterLoss', () => {
  it.each([
    { loss: 199.99, minutes: 0 },
    { loss: 200, minutes: 15 },
    { loss: 399.99, minutes: 15 },
    { loss: 400, minutes: 60 },
    { loss: 1000, minutes: 60 },
  ])('an order losing $loss → $minutes min (largest matching tier wins)', ({ loss, minutes }) => {
    const t = closing(1, -loss);
    const r = runRule(rule, { account: accountState({ trades: [t] }), event: tradeEvent(t), settings: { tiers } });
    const e = enforcements(r.decisions);
    expect(e).toHaveLength(minutes ? 1 : 0);
    if (minutes)
      expect(e[0]?.lockout).toEqual({
        kind: 'cooldown',
        // From the loss's own time (the fill, a second ago), not from when the guard saw it.
        end: { type: 'at', at: NOW - 1000 + minutes * 60_000 },
        scope: { type: 'account' },
      });
    expect(tierMinutes(tiers, loss)).toBe(minutes);
  });

  it('sums the closing fills of one order (partial fills), net of fees', () => {
    const fills = [closing(5, -120, 2000, 2), closing(5, -75, 1000, 3)];
    const r = runRule(rule, {
      account: accountState({ trades: fills }),
      event: tradeEvent(fills[1]!),
      settings: { tiers },
    });
    expect(enforcements(r.decisions)).toMatchObject([{ figures: { orderId: 5, loss: 200, minutes: 15 } }]);
  });

  it('takes the cooldown again when later fills push the same order into a larger tier', () => {
    const a = closing(5, -250, 2000);
    const first = runRule(rule, { account: accountState({ trades: [a] }), event: tradeEvent(a), settings: { tiers } });
    const b = closing(5, -50, 1500);
    const same = runRule(rule, {
      account: accountState({ trades: [a, b] }),
      event: tradeEvent(b),
      settings: { tiers },
      memory: first.memory,
    });
    expect(enforcements(same.decisions)).toHaveLength(0);
    const c = closing(5, -150, 1000);
    const bigger = runRule(rule, {
      account: accountState({ trades: [a, b, c] }),
      event: tradeEvent(c),
      settings: { tiers },
      memory: same.memory,
    });
    expect(enforcements(bigger.decisions)).toMatchObject([{ figures: { minutes: 60 } }]);
  });

  it('does not judge half-turn fills (they opened something) or voided trades', () => {
    const open = trade({ orderId: 9, profitAndLoss: null, fees: 4 });
    const voided = closing(10, -900);
    voided.voided = true;
    const r = runRule(rule, {
      account: accountState({ trades: [open, voided] }),
      event: tradeEvent(voided),
      settings: { tiers },
    });
    expect(r.decisions).toHaveLength(0);
  });

  it('N losing orders in a row start the streak cooldown; a winner breaks the streak', () => {
    const settings = { tiers: [], streak: { count: 3, minutes: 30 } };
    const losers = [closing(1, -10, 5000), closing(2, -10, 4000), closing(3, -10, 3000)];
    const r = runRule(rule, { account: accountState({ trades: losers }), event: tradeEvent(losers[2]!), settings });
    expect(enforcements(r.decisions)).toMatchObject([
      { figures: { losingOrdersInARow: 3 }, lockout: { end: { at: NOW - 3000 + 30 * 60_000 } } },
    ]);
    const broken = [closing(1, -10, 5000), closing(2, 25, 4000), closing(3, -10, 3000), closing(4, -10, 2000)];
    const r2 = runRule(rule, { account: accountState({ trades: broken }), event: tradeEvent(broken[3]!), settings });
    expect(r2.decisions).toHaveLength(0);
  });

  it('counts a new streak from scratch after a streak cooldown', () => {
    const settings = { tiers: [], streak: { count: 2, minutes: 30 } };
    const two = [closing(1, -10, 5000), closing(2, -10, 4000)];
    const first = runRule(rule, { account: accountState({ trades: two }), event: tradeEvent(two[1]!), settings });
    expect(enforcements(first.decisions)).toHaveLength(1);
    const three = [...two, closing(3, -10, 3000)];
    const second = runRule(rule, {
      account: accountState({ trades: three }),
      event: tradeEvent(three[2]!),
      settings,
      memory: first.memory,
    });
    expect(enforcements(second.decisions)).toHaveLength(0);
    const four = [...three, closing(4, -10, 2000)];
    const third = runRule(rule, {
      account: accountState({ trades: four }),
      event: tradeEvent(four[3]!),
      settings,
      memory: second.memory,
    });
    expect(enforcements(third.decisions)).toHaveLength(1);
  });

  describe('a late-seen loss', () => {
    // 10:00 and 12:00 Chicago on the fixtures' day (CST, UTC−6).
    const TEN = Date.parse('2026-11-25T16:00:00Z');
    const NOON = Date.parse('2026-11-25T18:00:00Z');
    const lossAt = (at: number, pnl = -250) =>
      trade({ orderId: 41, profitAndLoss: pnl, creationTimestamp: new Date(at).toISOString() });

    it('starts nothing when its cooldown has already ended (a $250 loss at 10:00 found at 12:00)', () => {
      const t = lossAt(TEN);
      const r = runRule(rule, {
        account: accountState({ trades: [t] }),
        event: tradeEvent(t),
        settings: { tiers },
        now: NOON,
      });
      expect(r.decisions).toEqual([]);
    });

    it('runs the cooldown from the loss’s own time when it is found while the cooldown still runs', () => {
      const t = lossAt(TEN);
      const found = TEN + 5 * 60_000;
      const r = runRule(rule, {
        account: accountState({ trades: [t] }),
        event: tradeEvent(t),
        settings: { tiers },
        now: found,
      });
      expect(enforcements(r.decisions)).toMatchObject([
        { lockout: { kind: 'cooldown', end: { type: 'at', at: TEN + 15 * 60_000 } }, figures: { lossAt: TEN } },
      ]);
    });

    it('starts nothing for a losing streak whose cooldown already ended', () => {
      const settings = { tiers: [], streak: { count: 2, minutes: 30 } };
      const two = [
        trade({ orderId: 1, profitAndLoss: -10, creationTimestamp: new Date(TEN).toISOString() }),
        trade({ orderId: 2, profitAndLoss: -10, creationTimestamp: new Date(TEN + 60_000).toISOString() }),
      ];
      const r = runRule(rule, {
        account: accountState({ trades: two }),
        event: tradeEvent(two[1]!),
        settings,
        now: NOON,
      });
      expect(r.decisions).toEqual([]);
    });

    it('takes a running cooldown once, whatever event brings it up again (a tick, another fill)', () => {
      const t = lossAt(NOW - 60_000);
      const first = runRule(rule, {
        account: accountState({ trades: [t] }),
        event: tradeEvent(t),
        settings: { tiers },
      });
      expect(enforcements(first.decisions)).toHaveLength(1);
      const again = runRule(rule, {
        account: accountState({ trades: [t, trade({ orderId: 42, profitAndLoss: null })] }),
        settings: { tiers },
        memory: first.memory,
      });
      expect(again.decisions).toEqual([]);
    });
  });
});
