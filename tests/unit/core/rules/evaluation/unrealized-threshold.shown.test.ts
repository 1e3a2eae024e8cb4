import { describe, expect, it } from 'vitest';
import { unrealizedLossRule } from '../../../../../src/core/rules/evaluation/unrealized-loss';
import { unrealizedProfitTargetRule } from '../../../../../src/core/rules/evaluation/unrealized-profit-target';
import { accountState, ES, MNQ, position } from '../fixtures';
import { meterOf } from '../meter-fixture';

/**
 * The meters of unrealizedLoss and unrealizedProfitTarget (one mechanism, opposite signs): the
 * account's open P&L against its total when one is set, else the position furthest toward its
 * own limit; unknown, never 0, while a price is.
 */

// MNQ $2 a point, ES $50 a point (fixtures' tick values).
const both = accountState({ positions: [position(MNQ, 2, 100), position(ES, -1, 5000)] });
const at = (mnq: number, es: number) => ({ [MNQ]: mnq, [ES]: es });

describe('unrealizedLoss: its meter', () => {
  it('shows the account’s open loss against the total limit', () => {
    // MNQ −$40, ES −$100.
    expect(
      meterOf(unrealizedLossRule, { account: both, prices: at(90, 5002), settings: { perPosition: 300, total: 500 } }),
    ).toEqual({ name: 'Open loss', value: 140, limit: 500, unit: 'USD' });
  });

  it('shows 0 while the account is up, and unknown while a position has no price', () => {
    const settings = { total: 500 };
    expect(meterOf(unrealizedLossRule, { account: both, prices: at(110, 4990), settings })?.value).toBe(0);
    expect(meterOf(unrealizedLossRule, { account: both, prices: { [MNQ]: 90 }, settings })?.value).toBeNull();
  });

  it('without a total, shows the worst position against the per-position limit', () => {
    const meter = meterOf(unrealizedLossRule, { account: both, prices: at(90, 5002), settings: { perPosition: 300 } });
    expect(meter).toEqual({ name: 'Open loss, worst position', value: 100, limit: 300, unit: 'USD' });
  });

  it('without a total, shows 0 while no position loses, and unknown while one has no price', () => {
    const settings = { perPosition: 300 };
    expect(meterOf(unrealizedLossRule, { account: both, prices: at(110, 4990), settings })?.value).toBe(0);
    expect(meterOf(unrealizedLossRule, { account: both, prices: { [ES]: 5002 }, settings })).toEqual({
      name: 'Open loss, worst position',
      value: null,
      limit: 300,
      unit: 'USD',
    });
  });

  it('has nothing to show with neither limit set', () => {
    expect(meterOf(unrealizedLossRule, { account: both, settings: { perPosition: null, total: null } })).toBeNull();
  });
});

describe('unrealizedProfitTarget: its meter', () => {
  it('shows the account’s open profit against the total target', () => {
    // MNQ +$40, ES +$500.
    const meter = meterOf(unrealizedProfitTargetRule, {
      account: both,
      prices: at(110, 4990),
      settings: { perPosition: null, total: 1000 },
    });
    expect(meter).toEqual({ name: 'Open profit', value: 540, limit: 1000, unit: 'USD' });
  });

  it('without a total, shows the best position against the per-position target', () => {
    const meter = meterOf(unrealizedProfitTargetRule, {
      account: both,
      prices: at(110, 4990),
      settings: { perPosition: 800, total: null },
    });
    expect(meter).toEqual({ name: 'Open profit, best position', value: 500, limit: 800, unit: 'USD' });
  });
});
