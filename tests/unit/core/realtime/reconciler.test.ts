import { describe, expect, it } from 'vitest';
import {
  account,
  accountState,
  ES,
  guardState,
  MNQ,
  NOW,
  order,
  position,
  RESET,
  setup,
  trade,
} from './reconciler-fixture';

/** The differences between guard state and REST that the reconciler emits. How it reads has its own suite. */

describe('createReconciler: differences it emits', () => {
  it('finds nothing to do when state matches REST', async () => {
    const state = guardState({
      '7': accountState({
        positions: { [MNQ]: position(MNQ, 2) },
        orders: { '1': order(1) },
        trades: { '5': trade(5) },
      }),
    });
    const { reconciler, journal } = setup(
      { positions: [position(MNQ, 2)], open: [order(1)], trades: [trade(5)] },
      state,
    );
    const { events, summary } = await reconciler.reconcile('reconnect');
    expect(events).toEqual([]);
    expect(summary.missed).toEqual({ accounts: 0, positions: 0, orders: 0, trades: 0 });
    expect(journal.entries).toEqual([]);
  });

  it('emits the account itself when state does not know it yet', async () => {
    const { reconciler } = setup({}, guardState({}));
    const { events } = await reconciler.reconcile('startup');
    expect(events).toEqual([{ kind: 'account', source: 'reconcile', receivedAt: NOW, account }]);
  });

  it('emits new and changed positions as position events from source reconcile', async () => {
    const state = guardState({ '7': accountState({ positions: { [MNQ]: position(MNQ, 1) } }) });
    const { reconciler } = setup({ positions: [position(MNQ, 3, 101), position(ES, -1)] }, state);
    const { events, summary } = await reconciler.reconcile('reconnect');
    expect(
      events.map((e) => (e.kind === 'position' ? [e.source, e.position.contractId, e.position.size] : e.kind)),
    ).toEqual([
      ['reconcile', MNQ, 3],
      ['reconcile', ES, 1],
    ]);
    expect(summary.missed.positions).toBe(2);
  });

  it('closes positions that REST no longer lists with a size-0 event', async () => {
    const state = guardState({ '7': accountState({ positions: { [MNQ]: position(MNQ, 2) } }) });
    const { reconciler, journal } = setup({}, state);
    const { events } = await reconciler.reconcile('reconnect');
    expect(events).toEqual([
      { kind: 'position', source: 'reconcile', receivedAt: NOW, position: { ...position(MNQ, 2), size: 0 } },
    ]);
    expect(journal.entries[0]).toMatchObject({ kind: 'missed-event', accountId: 7 });
  });

  it('looks up the final status of orders that left the open list', async () => {
    const state = guardState({ '7': accountState({ orders: { '1': order(1), '2': order(2) } }) });
    const { reconciler, fake } = setup(
      { open: [order(2)], all: [order(1, 2, { fillVolume: 1, filledPrice: 100 }), order(2)] },
      state,
    );
    const { events } = await reconciler.reconcile('reconnect');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'order', source: 'reconcile', order: { id: 1, status: 2 } });
    const search = fake.calls.find((c) => c.endpoint === 'orders');
    expect(search?.body).toEqual({ accountId: 7, startTimestamp: new Date(RESET).toISOString() });
  });

  it('searches orders from before the trading day when a missing order is older', async () => {
    const old = order(1, 1, { creationTimestamp: '2026-11-20T15:00:00.000Z' });
    const state = guardState({ '7': accountState({ orders: { '1': old } }) });
    const { reconciler, fake } = setup({ all: [{ ...old, status: 3 }] }, state);
    const { events } = await reconciler.reconcile('wake');
    expect(events[0]).toMatchObject({ kind: 'order', order: { id: 1, status: 3 } });
    expect(fake.calls.find((c) => c.endpoint === 'orders')?.body).toMatchObject({
      startTimestamp: '2026-11-20T15:00:00.000Z',
    });
  });

  it('journals an order it cannot resolve and invents no status for it', async () => {
    const state = guardState({ '7': accountState({ orders: { '1': order(1) } }) });
    const { reconciler, journal } = setup({}, state);
    const { events } = await reconciler.reconcile('reconnect');
    expect(events).toEqual([]);
    expect(journal.entries[0]?.message).toMatch(/Order\/search does not know it/);
  });

  it('emits open orders that state lacks or holds in an older version', async () => {
    const state = guardState({ '7': accountState({ orders: { '1': order(1) } }) });
    const { reconciler } = setup({ open: [order(1, 1, { limitPrice: 99 }), order(3)] }, state);
    const { events } = await reconciler.reconcile('reconnect');
    expect(events.map((e) => (e.kind === 'order' ? [e.order.id, e.order.limitPrice] : null))).toEqual([
      [1, 99],
      [3, 100],
    ]);
  });

  it('emits the day’s trades missing from state, read since the trading-day reset', async () => {
    const state = guardState({ '7': accountState({ trades: { '5': trade(5) } }) });
    const { reconciler, fake } = setup({ trades: [trade(5), trade(6, -120)] }, state);
    const { events, summary } = await reconciler.reconcile('reconnect');
    expect(events).toEqual([{ kind: 'trade', source: 'reconcile', receivedAt: NOW, trade: trade(6, -120) }]);
    expect(summary.missed.trades).toBe(1);
    expect(fake.calls.find((c) => c.endpoint === 'trades')?.body).toEqual({
      accountId: 7,
      startTimestamp: new Date(RESET).toISOString(),
    });
  });
});
