import { describe, expect, it } from 'vitest';
import { unrealizedLossRule as rule } from '../../../../../src/core/rules/evaluation/unrealized-loss';
import {
  accountState,
  ES,
  enforcements,
  MNQ,
  position,
  positionEvent,
  quoteEvent,
  runRule,
  warnings,
} from '../fixtures';

// ES: 0.25 tick = 12.50 → one point = 50 USD per contract.
describe('unrealizedLoss', () => {
  it.each([
    { price: 4997.25, loss: 137.5, close: false },
    { price: 4997, loss: 150, close: true },
    { price: 4996.75, loss: 162.5, close: true },
  ])('per position limit 150: long 1 ES @ 5000, quote $price (−$loss) → close $close', ({ price, close }) => {
    const p = position(ES, 1, 5000);
    const r = runRule(rule, {
      account: accountState({ positions: [p] }),
      event: quoteEvent(ES, price),
      prices: { [ES]: price },
      settings: { perPosition: 150, total: null },
    });
    expect(enforcements(r.decisions).map((d) => d.action)).toEqual(
      close ? [{ type: 'close-position', contractId: ES }] : [],
    );
  });

  it('with a total limit flattens and locks until the reset, unless lockAfterTotal is off', () => {
    const positions = [position(ES, 1, 5000), position(MNQ, 10, 100)];
    const priceMap = { [ES]: 4996, [MNQ]: 90 }; // −200 and −100
    const locked = runRule(rule, {
      account: accountState({ positions }),
      event: quoteEvent(ES, 4996),
      prices: priceMap,
      settings: { perPosition: null, total: 300 },
    });
    expect(enforcements(locked.decisions)).toMatchObject([
      { action: { type: 'flatten' }, lockout: { end: { type: 'next-reset' } } },
    ]);
    const unlocked = runRule(rule, {
      account: accountState({ positions }),
      event: quoteEvent(ES, 4996),
      prices: priceMap,
      settings: { perPosition: null, total: 300, lockAfterTotal: false },
    });
    expect(enforcements(unlocked.decisions)[0]?.lockout).toBeUndefined();
  });

  it('treats a contract without a quote as unknown: no decision, a note saying unknown, never 0', () => {
    const positions = [position(ES, 1, 5000), position(MNQ, 1, 100)];
    const r = runRule(rule, {
      account: accountState({ positions }),
      event: quoteEvent(ES, 4990),
      prices: { [ES]: 4990 }, // −500 on ES, MNQ unknown
      settings: { perPosition: null, total: 300 },
    });
    expect(r.decisions).toHaveLength(0);
    expect(r.notes).toEqual([{ ruleId: 'unrealizedLoss', figures: { unrealizedPnl: 'unknown', contractId: MNQ } }]);
  });

  it('treats an unknown contract (no tick value yet) as unknown', () => {
    const odd = 'CON.F.US.ZZZ.Z26';
    const r = runRule(rule, {
      account: accountState({ positions: [position(odd, 1, 10)] }),
      event: quoteEvent(odd, 1),
      prices: { [odd]: 1 },
      settings: { perPosition: 1, total: 1 },
    });
    expect(enforcements(r.decisions)).toHaveLength(0);
    expect(r.notes).toHaveLength(1);
  });

  it('closes a losing position once, and again only for a new position on that contract', () => {
    const p = position(ES, -1, 5000);
    const spec = { event: quoteEvent(ES, 5010), prices: { [ES]: 5010 }, settings: { perPosition: 300, total: null } };
    const first = runRule(rule, { ...spec, account: accountState({ positions: [p] }) });
    expect(enforcements(first.decisions)).toHaveLength(1);
    const again = runRule(rule, { ...spec, account: accountState({ positions: [p] }), memory: first.memory });
    expect(enforcements(again.decisions)).toHaveLength(0);
    // The position closes (latch released), then a new one opens and loses too.
    const closed = runRule(rule, {
      ...spec,
      event: positionEvent({ ...p, size: 0 }),
      account: accountState({ positions: [] }),
      memory: again.memory,
    });
    const reopened = runRule(rule, {
      ...spec,
      account: accountState({ positions: [position(ES, -1, 5000)] }),
      memory: closed.memory,
    });
    expect(enforcements(reopened.decisions)).toHaveLength(1);
  });

  it('ignores quotes that arrive before a position exists or after it closed', () => {
    const r = runRule(rule, { account: accountState(), event: quoteEvent(ES, 1), prices: { [ES]: 1 } });
    expect(r.decisions).toHaveLength(0);
    expect(r.notes).toHaveLength(0);
  });

  it('warns as the worst position approaches its limit', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)] }),
      event: quoteEvent(ES, 4995),
      prices: { [ES]: 4995 },
      settings: { perPosition: 300, total: null },
    });
    expect(warnings(r.decisions)).toMatchObject([{ level: 0.8, fraction: 0.8333 }]);
  });
});
