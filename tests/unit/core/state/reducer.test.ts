import { describe, expect, it } from 'vitest';
import { createEmptyGuardState } from '../../../../src/core/state/account-state';
import type { GuardHealth } from '../../../../src/core/state/events';
import { reduce } from '../../../../src/core/state/reducer';
import { account, ctx, ES, es, ev, iso, MNQ, mnq, order, position, run, T0, trade } from './fixtures';

describe('reducer: accounts, market data, health', () => {
  it('creates a fresh account state for a new account, in the current trading day', () => {
    const { state, effects } = run([ev.account(account())]);
    expect(state.accounts[7]).toEqual({
      account: account(),
      positions: {},
      orders: {},
      trades: {},
      tradingDay: '2026-11-25',
      grossRealizedPnl: 0,
      fees: 0,
      commissions: 0,
      positionOpenedAt: {},
      versions: {},
    });
    expect(effects).toContainEqual({ kind: 'account-added', accountId: 7, placeholder: false });
  });

  it('updates an account (canTrade false) and ignores an identical update', () => {
    const first = run([ev.account(account())]);
    const blocked = reduce(first.state, ev.account(account(7, { canTrade: false })), ctx);
    expect(blocked.state.accounts[7]?.account.canTrade).toBe(false);
    expect(blocked.effects).toContainEqual({ kind: 'account-changed', accountId: 7 });
    const same = reduce(blocked.state, ev.account(account(7, { canTrade: false })), ctx);
    expect(same.changed).toBe(false);
    expect(same.state).toBe(blocked.state);
  });

  it('keeps untouched accounts, maps and entities identical (structural sharing)', () => {
    const { state } = run([
      ev.account(account(7)),
      ev.account(account(8)),
      ev.position(position({ accountId: 8 })),
      ev.order(order({ accountId: 8 })),
    ]);
    const next = reduce(state, ev.trade(trade({ accountId: 7, profitAndLoss: 5 })), ctx).state;
    expect(next.accounts[8]).toBe(state.accounts[8]);
    expect(next.accounts[7]!.positions).toBe(state.accounts[7]!.positions);
    expect(next.contracts).toBe(state.contracts);
    expect(next.prices).toBe(state.prices);
    expect(next.health).toBe(state.health);
  });

  it('prices a contract from lastPrice, else from the mid of best bid and ask', () => {
    const last = run([ev.quote(MNQ, { lastPrice: 21_001.25, bestBid: 21_000, bestAsk: 21_001 })]);
    expect(last.state.prices[MNQ]).toEqual({ contractId: MNQ, price: 21_001.25, at: T0 });
    const mid = run([ev.quote(ES, { bestBid: 6000, bestAsk: 6000.5 })]);
    expect(mid.state.prices[ES]?.price).toBe(6000.25);
  });

  it('ignores a quote with no usable price, and an older quote after a newer one', () => {
    const first = run([ev.quote(MNQ, { lastPrice: 100, timestamp: '2026-11-25T15:00:02Z' })]);
    const empty = reduce(first.state, ev.quote(MNQ, { bestBid: 99 }), ctx);
    expect(empty.changed).toBe(false);
    const older = reduce(first.state, ev.quote(MNQ, { lastPrice: 90, timestamp: '2026-11-25T15:00:01Z' }), ctx);
    expect(older.changed).toBe(false);
    expect(older.state.prices[MNQ]?.price).toBe(100);
  });

  it('stores quotes for contracts with no position (before positions open)', () => {
    const { state } = run([ev.quote(ES, { lastPrice: 6000 })]);
    expect(state.accounts).toEqual({});
    expect(state.prices[ES]?.price).toBe(6000);
  });

  it('caches contracts and ignores an identical contract', () => {
    const first = run([ev.contract(mnq), ev.contract(es)]);
    expect(Object.keys(first.state.contracts).sort()).toEqual([ES, MNQ]);
    expect(reduce(first.state, ev.contract({ ...mnq }), ctx).changed).toBe(false);
    expect(reduce(first.state, ev.contract({ ...mnq, tickValue: 0.6 }), ctx).state.contracts[MNQ]?.tickValue).toBe(0.6);
  });

  it('replaces health, and ignores an identical health report', () => {
    const start = createEmptyGuardState(T0);
    const health: GuardHealth = {
      user: { status: 'connected', since: T0, lastMessageAt: T0, stale: false },
      market: { status: 'connected', since: T0, lastMessageAt: T0, stale: false },
      token: 'valid',
      blindSince: null,
    };
    const h = { kind: 'health', source: 'local', receivedAt: T0, health } as const;
    const next = reduce(start, h, ctx);
    expect(next.state.health).toEqual(health);
    const again = reduce(next.state, { ...h, health: structuredClone(health) }, ctx);
    expect(again.changed).toBe(false);
  });

  it('starts blind, with no hub and no token, since the time it was created', () => {
    const s = createEmptyGuardState(T0);
    expect(s.health.blindSince).toBe(T0);
    expect(s.health.token).toBe('none');
    expect(s.health.user.status).toBe('disconnected');
    expect(s.accounts).toEqual({});
  });

  it('caps a far-future quote timestamp, so the price does not freeze', () => {
    const { state } = run([
      ev.quote(MNQ, { lastPrice: 100, timestamp: '2099-01-01T00:00:00Z' }),
      ev.quote(MNQ, { lastPrice: 101, timestamp: iso(T0 + 400_000) }, T0 + 400_000),
    ]);
    expect(state.prices[MNQ]).toEqual({ contractId: MNQ, price: 101, at: T0 + 400_000 });
  });
});
