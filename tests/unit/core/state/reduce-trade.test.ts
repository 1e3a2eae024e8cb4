import { describe, expect, it } from 'vitest';
import { DAY_SKEW_MS } from '../../../../src/core/state/event-day';
import { reduce } from '../../../../src/core/state/reducer';
import { realizedPnl } from '../../../../src/core/state/selectors';
import { account, ctx, ev, iso, run, T0, trade } from './fixtures';

const RESET = Date.parse('2026-11-25T23:00:00Z'); // 17:00 CST on Wed 2026-11-25

describe('reducer: the trading day trades', () => {
  it('sums realized gross P&L and fees of closing trades', () => {
    const { state } = run([
      ev.trade(trade({ id: 1, profitAndLoss: null, fees: 0.37 })),
      ev.trade(trade({ id: 2, profitAndLoss: -120, fees: 0.37 })),
      ev.trade(trade({ id: 3, profitAndLoss: 45.5, fees: 0.37 })),
    ]);
    const a = state.accounts[7]!;
    expect(a.grossRealizedPnl).toBe(-74.5);
    expect(a.fees).toBeCloseTo(1.11, 9);
    expect(realizedPnl(a)).toBeCloseTo(-75.61, 9);
  });

  it('counts the commissions live trades carry beside fees, and a void takes both back', () => {
    const { state } = run([
      ev.trade(trade({ id: 1, profitAndLoss: null, fees: 0.36, commissions: 0.25 })),
      ev.trade(trade({ id: 2, profitAndLoss: -50, fees: 0.36, commissions: 0.25 })),
    ]);
    const a = state.accounts[7]!;
    expect(a.commissions).toBeCloseTo(0.5, 9);
    expect(realizedPnl(a)).toBeCloseTo(-51.22, 9);
    expect(realizedPnl(a, { countCommissions: false })).toBeCloseTo(-50.72, 9);
    const voided = reduce(
      state,
      ev.trade(trade({ id: 2, profitAndLoss: -50, fees: 0.36, commissions: 0.25, voided: true })),
      ctx,
    );
    expect(voided.state.accounts[7]!.commissions).toBeCloseTo(0.25, 9);
    expect(realizedPnl(voided.state.accounts[7]!)).toBeCloseTo(-0.61, 9);
  });

  it('counts a half-turn trade (profitAndLoss null) for its fees only', () => {
    const { state, effects } = run([ev.trade(trade({ profitAndLoss: null, fees: 1.24 }))]);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(0);
    expect(state.accounts[7]!.fees).toBe(1.24);
    expect(effects).toContainEqual({ kind: 'trade-recorded', accountId: 7, tradeId: 900, orderId: 500 });
  });

  it('counts every partial fill of one order (several trades, one orderId)', () => {
    const fills = [1, 2, 3].map((i) => ev.trade(trade({ id: 10 + i, orderId: 77, profitAndLoss: -10 * i, fees: 0.5 })));
    const { state } = run(fills);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-60);
    expect(state.accounts[7]!.fees).toBe(1.5);
    expect(Object.keys(state.accounts[7]!.trades)).toHaveLength(3);
  });

  it('never double-counts a duplicate trade: unchanged, same object', () => {
    const first = run([ev.trade(trade({ profitAndLoss: -50, fees: 1 }))]);
    const again = reduce(first.state, ev.trade(trade({ profitAndLoss: -50, fees: 1 }), T0 + 100), ctx);
    expect(again.changed).toBe(false);
    expect(again.state).toBe(first.state);
    expect(again.state.accounts[7]!.grossRealizedPnl).toBe(-50);
    expect(again.effects).toEqual([{ kind: 'ignored', reason: 'duplicate', entity: 'trade', accountId: 7, id: 900 }]);
  });

  it('counts nothing for a voided trade', () => {
    const { state } = run([ev.trade(trade({ profitAndLoss: -500, fees: 2, voided: true }))]);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(0);
    expect(state.accounts[7]!.fees).toBe(0);
    expect(state.accounts[7]!.trades[900]?.voided).toBe(true);
  });

  it('subtracts a trade that is voided later, and ignores a replay of it from before the void', () => {
    const { state, effects } = run([
      ev.trade(trade({ id: 1, profitAndLoss: 30, fees: 1 })),
      ev.trade(trade({ id: 2, profitAndLoss: -500, fees: 2 })),
      ev.trade(trade({ id: 2, profitAndLoss: -500, fees: 2, voided: true }), T0 + 10),
      ev.trade(trade({ id: 2, profitAndLoss: -500, fees: 2 }), T0 + 20),
    ]);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(30);
    expect(state.accounts[7]!.fees).toBe(1);
    expect(effects).toContainEqual({ kind: 'trade-voided', accountId: 7, tradeId: 2, orderId: 500 });
    expect(effects.at(-1)).toMatchObject({ kind: 'ignored', reason: 'stale', entity: 'trade' });
  });

  it('replaces the contribution of a corrected trade instead of adding it again', () => {
    const { state } = run([
      ev.trade(trade({ profitAndLoss: -50, fees: 1 })),
      ev.trade(trade({ profitAndLoss: -55, fees: 1.2 }), T0 + 10),
    ]);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-55);
    expect(state.accounts[7]!.fees).toBe(1.2);
  });

  it('leaves no float residue after many adds and voids', () => {
    const events = [];
    for (let i = 0; i < 200; i++) events.push(ev.trade(trade({ id: i, profitAndLoss: 0.1 * i, fees: 0.37 })));
    for (let i = 0; i < 200; i++)
      events.push(ev.trade(trade({ id: i, profitAndLoss: 0.1 * i, fees: 0.37, voided: true })));
    const { state } = run(events);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(0);
    expect(state.accounts[7]!.fees).toBe(0);
  });

  it('counts a trade at 16:59:59.999 CT in the day that ends, and one at 17:00:00.000 in the next', () => {
    const { state } = run([
      ev.trade(trade({ id: 1, profitAndLoss: -100, creationTimestamp: iso(RESET - 1) }), RESET - 1),
      ev.trade(trade({ id: 2, profitAndLoss: -40, creationTimestamp: iso(RESET) }), RESET),
    ]);
    const a = state.accounts[7]!;
    expect(a.tradingDay).toBe('2026-11-26');
    expect(a.grossRealizedPnl).toBe(-40);
    expect(Object.keys(a.trades)).toEqual(['2']);
  });

  it("ignores yesterday's trade arriving late after the reset (it counts for nothing today)", () => {
    const { state, effects } = run([
      ev.trade(trade({ id: 2, profitAndLoss: -40, creationTimestamp: iso(RESET + 5) }), RESET + 5),
      ev.trade(trade({ id: 1, profitAndLoss: -100, creationTimestamp: iso(RESET - 60_000) }), RESET + 800),
    ]);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-40);
    expect(effects.at(-1)).toEqual({ kind: 'ignored', reason: 'previous-day', entity: 'trade', accountId: 7, id: 1 });
  });

  it('counts a trade stamped a second before the reset but seen after it in the new day (the stamping clock is behind)', () => {
    const { state } = run([
      ev.trade(trade({ id: 2, profitAndLoss: -40, creationTimestamp: iso(RESET + 5) }), RESET + 5),
      ev.trade(trade({ id: 1, profitAndLoss: -100, creationTimestamp: iso(RESET - 1000) }), RESET + 800),
    ]);
    expect(state.accounts[7]!.tradingDay).toBe('2026-11-26');
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-140);
  });

  it(`tolerates ${DAY_SKEW_MS / 1000} s of skew, no more: a trade stamped further before the reset is yesterday's`, () => {
    const at = (stampBefore: number) =>
      run([
        ev.tick(RESET),
        ev.trade(trade({ id: 1, profitAndLoss: -100, creationTimestamp: iso(RESET - stampBefore) }), RESET),
      ]).state.accounts[7]?.grossRealizedPnl;
    expect(at(DAY_SKEW_MS)).toBe(-100);
    expect(at(DAY_SKEW_MS + 1)).toBeUndefined();
  });

  it('moves to the next day when a trade is stamped after the reset even if the local clock is behind', () => {
    const { state } = run([
      ev.trade(trade({ id: 1, profitAndLoss: -100, creationTimestamp: iso(RESET - 60_000) }), RESET - 60_000),
      ev.trade(trade({ id: 2, profitAndLoss: -40, creationTimestamp: iso(RESET + 200) }), RESET - 300),
    ]);
    expect(state.accounts[7]!.tradingDay).toBe('2026-11-26');
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-40);
  });

  it('records a trade for an account it has not seen yet, as a placeholder account', () => {
    const { state, effects } = run([ev.trade(trade({ accountId: 9, profitAndLoss: -10 }))]);
    expect(state.accounts[9]?.placeholder).toBe(true);
    expect(state.accounts[9]?.grossRealizedPnl).toBe(-10);
    expect(effects[0]).toEqual({ kind: 'account-added', accountId: 9, placeholder: true });
    const known = run([ev.account(account(9, { balance: 48_000 }))], state);
    expect(known.state.accounts[9]?.placeholder).toBeUndefined();
    expect(known.state.accounts[9]?.account.balance).toBe(48_000);
    expect(known.state.accounts[9]?.grossRealizedPnl).toBe(-10);
  });

  it('does not let a garbage far-future trade timestamp move the day (it counts today)', () => {
    const { state } = run([
      ev.trade(trade({ id: 1, profitAndLoss: -100, creationTimestamp: '2099-01-01T00:00:00Z' })),
      ev.trade(trade({ id: 2, profitAndLoss: -50 }), T0 + 1000),
    ]);
    expect(state.accounts[7]!.tradingDay).toBe('2026-11-25');
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-150);
  });
});
