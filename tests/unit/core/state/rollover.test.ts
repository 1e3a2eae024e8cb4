import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { reduce } from '../../../../src/core/state/reducer';
import { realizedPnl } from '../../../../src/core/state/selectors';
import { account, ctx, ev, iso, MNQ, order, position, run, T0, trade } from './fixtures';

const RESET = Date.parse('2026-11-25T23:00:00Z'); // Wed 17:00 CST
const DAY = 86_400_000;

function dayWithActivity() {
  return run([
    ev.account(account(7)),
    ev.account(account(8)),
    ev.position(position({ size: 2 })),
    ev.order(order({ id: 1 })),
    ev.order(order({ id: 2, status: OrderStatus.Filled })),
    ev.trade(trade({ id: 1, profitAndLoss: -80, fees: 1, commissions: 0.5 })),
    ev.trade(trade({ id: 2, accountId: 8, profitAndLoss: 20, fees: 1, commissions: 0.5 })),
  ]);
}

describe('reducer: trading-day rollover', () => {
  it("resets every account's trades, realized P&L, fees and commissions at 17:00 CT, keeping positions and working orders", () => {
    const before = dayWithActivity().state;
    const { state, changed, effects } = reduce(before, ev.tick(RESET), ctx);
    expect(changed).toBe(true);
    for (const id of ['7', '8']) {
      const a = state.accounts[id]!;
      expect(a.tradingDay).toBe('2026-11-26');
      expect(a.trades).toEqual({});
      expect(a.grossRealizedPnl).toBe(0);
      expect(a.fees).toBe(0);
      expect(a.commissions).toBe(0);
      expect(realizedPnl(a)).toBe(0);
    }
    expect(state.accounts[7]!.positions[MNQ]?.size).toBe(2);
    expect(state.accounts[7]!.positionOpenedAt[MNQ]).toBe(T0);
    expect(Object.keys(state.accounts[7]!.orders)).toEqual(['1']);
    expect(effects).toEqual([
      { kind: 'day-rolled', accountId: 7, from: '2026-11-25', to: '2026-11-26' },
      { kind: 'day-rolled', accountId: 8, from: '2026-11-25', to: '2026-11-26' },
    ]);
  });

  it('does not roll one millisecond before the reset', () => {
    const before = dayWithActivity().state;
    const r = reduce(before, ev.tick(RESET - 1), ctx);
    expect(r.changed).toBe(false);
    expect(r.state.accounts[7]!.grossRealizedPnl).toBe(-80);
  });

  it('rolls over on any event, not only ticks (a quote after the reset)', () => {
    const before = dayWithActivity().state;
    const { state } = reduce(before, ev.quote(MNQ, { lastPrice: 1 }, RESET + 10), ctx);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(0);
    expect(state.accounts[8]!.tradingDay).toBe('2026-11-26');
  });

  it('rolls a worker that was asleep across several resets on its first event after waking', () => {
    const saved = structuredClone(dayWithActivity().state); // as loaded from IndexedDB
    const wake = RESET + 3 * DAY + 3_600_000; // Sat 18:00 CST → trading day Monday 2026-11-30
    const { state, effects } = reduce(
      saved,
      ev.trade(trade({ id: 50, profitAndLoss: -5, creationTimestamp: iso(wake) }), wake),
      ctx,
    );
    expect(state.accounts[7]!.tradingDay).toBe('2026-11-30');
    expect(state.accounts[7]!.grossRealizedPnl).toBe(-5);
    expect(Object.keys(state.accounts[7]!.trades)).toEqual(['50']);
    expect(effects[0]).toEqual({ kind: 'day-rolled', accountId: 7, from: '2026-11-25', to: '2026-11-30' });
  });

  it('rolls a state saved without the guard-level day (an older snapshot) by each account day', () => {
    const saved = dayWithActivity().state;
    const { tradingDay: _, ...older } = saved;
    const { state } = reduce(older, ev.tick(RESET + 1), ctx);
    expect(state.accounts[7]!.grossRealizedPnl).toBe(0);
    expect(state.tradingDay).toBe('2026-11-26');
  });

  it('does not go back a day on a late event', () => {
    const rolled = reduce(dayWithActivity().state, ev.tick(RESET), ctx).state;
    const late = reduce(rolled, ev.tick(RESET - 10), ctx);
    expect(late.changed).toBe(false);
    expect(late.state.accounts[7]!.tradingDay).toBe('2026-11-26');
  });

  it('prunes version keys of ended orders and closed positions older than the day that just ended', () => {
    let { state } = dayWithActivity();
    state = run([ev.position(position({ size: 0 }), T0 + 1)], state).state;
    // Tombstones: the filled order 2 and the closed MNQ position, with its id (working order 1
    // carries its own time).
    expect(Object.keys(state.accounts[7]!.versions).sort()).toEqual([`c:${MNQ}`, `k:${MNQ}`, 'o:2', `x:${MNQ}`]);
    // One day later the times are still kept (yesterday's late replays are recognised); the
    // closed position's id goes at every rollover ...
    state = reduce(state, ev.tick(RESET), ctx).state;
    expect(Object.keys(state.accounts[7]!.versions).sort()).toEqual([`k:${MNQ}`, 'o:2', `x:${MNQ}`]);
    // ... two days later they are gone; the working order is still there.
    state = reduce(state, ev.tick(RESET + DAY), ctx).state;
    expect(state.accounts[7]!.versions).toEqual({});
    expect(Object.keys(state.accounts[7]!.orders)).toEqual(['1']);
  });

  it('keeps memory bounded over many simulated days of activity', () => {
    let { state } = dayWithActivity();
    let id = 1000;
    const seen = new Set<string>();
    for (let d = 1; d <= 60; d++) {
      const base = RESET + (d - 1) * DAY + 3_600_000;
      // Friday and Saturday evenings fold into Monday's trading day: trade one evening per day.
      const day = ctx.tradingDay.tradingDayOf(base);
      if (seen.has(day)) continue;
      seen.add(day);
      const events = [];
      for (let i = 0; i < 50; i++) {
        const at = base + i * 60_000;
        id += 1;
        events.push(ev.order(order({ id, updateTimestamp: iso(at), status: OrderStatus.Filled }), at));
        events.push(ev.trade(trade({ id, orderId: id, profitAndLoss: 1, creationTimestamp: iso(at) }), at));
      }
      state = run(events, state).state;
      const a = state.accounts[7]!;
      expect(Object.keys(a.trades).length).toBeLessThanOrEqual(50);
      expect(Object.keys(a.versions).length).toBeLessThanOrEqual(2 * 50 + 2);
    }
    expect(seen.size).toBeGreaterThan(40);
  });
});
