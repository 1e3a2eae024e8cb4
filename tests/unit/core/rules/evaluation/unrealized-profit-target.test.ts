import { describe, expect, it } from 'vitest';
import { unrealizedProfitTargetRule as rule } from '../../../../../src/core/rules/evaluation/unrealized-profit-target';
import { accountState, ES, enforcements, position, quoteEvent, runRule } from '../fixtures';

describe('unrealizedProfitTarget', () => {
  it.each([
    { price: 5001.75, close: false },
    { price: 5002, close: true },
    { price: 5002.25, close: true },
  ])('target 100 per position, long 1 ES @ 5000, quote $price → close $close', ({ price, close }) => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, 1, 5000)] }),
      event: quoteEvent(ES, price),
      prices: { [ES]: price },
      settings: { perPosition: 100 },
    });
    expect(enforcements(r.decisions)).toHaveLength(close ? 1 : 0);
  });

  it('at the account target flattens and locks until the reset ("done for the day")', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, -2, 5000)] }),
      event: quoteEvent(ES, 4995),
      prices: { [ES]: 4995 },
      settings: { total: 500 },
    });
    expect(enforcements(r.decisions)).toMatchObject([
      { action: { type: 'flatten' }, lockout: { kind: 'lockout', end: { type: 'next-reset' } } },
    ]);
  });

  it('does not count a losing position as profit', () => {
    const r = runRule(rule, {
      account: accountState({ positions: [position(ES, -2, 5000)] }),
      event: quoteEvent(ES, 5100),
      prices: { [ES]: 5100 },
      settings: { perPosition: 100, total: 100 },
    });
    expect(r.decisions).toHaveLength(0);
  });
});
