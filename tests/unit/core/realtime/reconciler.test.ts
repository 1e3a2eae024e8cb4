import { describe, expect, it } from 'vitest';
import type { Account, Order, Position, Trade } from '../../../../src/core/gateway/schemas';
import { createReconciler, type ReconcilerApi } from '../../../../src/core/realtime/reconciler';
import { Lane } from '../../../../src/core/resilience/lanes';
import type { AccountState, GuardState } from '../../../../src/core/state/account-state';
import { createMemoryJournal } from '../../../../src/core/state/journal';

const NOW = Date.UTC(2026, 10, 25, 18, 0, 0);
const RESET = Date.UTC(2026, 10, 24, 23, 0, 0); // 17:00 CT the day before
const MNQ = 'CON.F.US.MNQ.U25';
const ES = 'CON.F.US.EP.U25';

const account: Account = { id: 7, name: 'A', balance: 50_000, canTrade: true, isVisible: true };
const position = (contractId: string, size: number, averagePrice = 100): Position => ({
  id: contractId.length,
  accountId: 7,
  contractId,
  creationTimestamp: '2026-11-25T15:00:00Z',
  type: size >= 0 ? 1 : 2,
  size: Math.abs(size),
  averagePrice,
});
const order = (id: number, status = 1, extra: Partial<Order> = {}): Order => ({
  id,
  accountId: 7,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  updateTimestamp: '2026-11-25T15:00:00Z',
  status,
  type: 1,
  side: 0,
  size: 1,
  limitPrice: 100,
  ...extra,
});
const trade = (id: number, pnl: number | null = null): Trade => ({
  id,
  accountId: 7,
  contractId: MNQ,
  creationTimestamp: '2026-11-25T15:00:00Z',
  price: 100,
  profitAndLoss: pnl,
  fees: 0.37,
  side: 0,
  size: 1,
  voided: false,
  orderId: id,
});

function accountState(parts: Partial<AccountState> = {}): AccountState {
  return {
    account,
    positions: {},
    orders: {},
    trades: {},
    tradingDay: '2026-11-25',
    grossRealizedPnl: 0,
    fees: 0,
    positionOpenedAt: {},
    versions: {},
    ...parts,
  };
}

function guardState(accounts: Record<string, AccountState>): GuardState {
  const hub = { status: 'connected' as const, since: 0, lastMessageAt: null, stale: false };
  return { accounts, contracts: {}, prices: {}, health: { user: hub, market: hub, token: 'valid', blindSince: null } };
}

interface Truth {
  accounts: Account[];
  positions: Position[];
  open: Order[];
  all: Order[];
  trades: Trade[];
}

function fakeApi(truth: Truth) {
  const calls: Array<{ endpoint: string; body: unknown; lane: unknown }> = [];
  let gate: Promise<void> = Promise.resolve();
  const log = async (endpoint: string, body: unknown, lane: unknown) => {
    calls.push({ endpoint, body, lane });
    await gate;
  };
  const api: ReconcilerApi = {
    async searchAccounts(body, ctx) {
      await log('accounts', body, ctx?.lane);
      return truth.accounts;
    },
    async searchOpenPositions(body, ctx) {
      await log('positions', body, ctx?.lane);
      return truth.positions.filter((p) => p.accountId === body.accountId);
    },
    async searchOpenOrders(body, ctx) {
      await log('openOrders', body, ctx?.lane);
      return truth.open.filter((o) => o.accountId === body.accountId);
    },
    async searchOrders(body, ctx) {
      await log('orders', body, ctx?.lane);
      return truth.all.filter((o) => o.accountId === body.accountId);
    },
    async searchTrades(body, ctx) {
      await log('trades', body, ctx?.lane);
      return truth.trades.filter((t) => t.accountId === body.accountId);
    },
    async contractById() {
      throw new Error('not used');
    },
  };
  return {
    api,
    calls,
    hold() {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
  };
}

function setup(truth: Partial<Truth>, state: GuardState) {
  const t: Truth = { accounts: [account], positions: [], open: [], all: [], trades: [], ...truth };
  const fake = fakeApi(t);
  const journal = createMemoryJournal();
  const reconciler = createReconciler({
    api: fake.api,
    clock: { now: () => NOW },
    tradingDay: { previousReset: () => RESET },
    getState: () => state,
    journal,
  });
  return { reconciler, journal, fake, truth: t };
}

describe('createReconciler', () => {
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

  it('reads everything in the reconciliation lane', async () => {
    const state = guardState({ '7': accountState({ orders: { '1': order(1) } }) });
    const { reconciler, fake } = setup({}, state);
    await reconciler.reconcile('reconnect');
    expect(fake.calls.length).toBeGreaterThanOrEqual(5);
    for (const call of fake.calls) expect(call.lane).toBe(Lane.Reconciliation);
  });

  it('limits itself to the accounts asked for', async () => {
    const other: Account = { ...account, id: 8 };
    const { reconciler, fake } = setup({ accounts: [account, other] }, guardState({}));
    const { events } = await reconciler.reconcile('enforcement', [8]);
    expect(events.map((e) => (e.kind === 'account' ? e.account.id : null))).toEqual([8]);
    expect(fake.calls.filter((c) => c.endpoint === 'positions').map((c) => c.body)).toEqual([{ accountId: 8 }]);
  });

  it('in the light polling scope reads trades only when positions changed', async () => {
    const state = guardState({ '7': accountState({ positions: { [MNQ]: position(MNQ, 1) } }) });
    const { reconciler, fake, truth } = setup({ positions: [position(MNQ, 1)], trades: [trade(9, 50)] }, state);
    await reconciler.reconcile('poll', undefined, { scope: 'positions-orders' });
    expect(fake.calls.some((c) => c.endpoint === 'trades')).toBe(false);
    truth.positions = [];
    const { events } = await reconciler.reconcile('poll', undefined, { scope: 'positions-orders' });
    expect(events.map((e) => e.kind)).toEqual(['position', 'trade']);
  });

  it('keeps other accounts’ differences when one account’s reads fail', async () => {
    const other: Account = { ...account, id: 8 };
    const { reconciler, fake, journal } = setup(
      { accounts: [account, other], positions: [{ ...position(ES, 1), accountId: 8 }] },
      guardState({}),
    );
    const original = fake.api.searchOpenPositions;
    fake.api.searchOpenPositions = async (body, ctx) => {
      if (body.accountId === 7) throw new Error('503');
      return original(body, ctx);
    };
    const { events, summary } = await reconciler.reconcile('reconnect');
    expect(summary.failedAccounts).toEqual([7]);
    expect(events.some((e) => e.kind === 'position' && e.position.accountId === 8)).toBe(true);
    expect(journal.entries.some((e) => e.kind === 'error' && e.accountId === 7)).toBe(true);
  });

  it('coalesces concurrent calls: one in flight, one queued that covers every later caller', async () => {
    const { reconciler, fake } = setup({}, guardState({}));
    const release = fake.hold();
    const first = reconciler.reconcile('a');
    const second = reconciler.reconcile('b');
    const third = reconciler.reconcile('c');
    expect(second).toBe(third);
    release();
    const [r1, r2, r3] = await Promise.all([first, second, third]);
    expect(r1.summary.reason).toBe('a');
    expect(r2.summary.reason).toBe('b+c');
    expect(r3).toBe(r2);
    expect(fake.calls.filter((c) => c.endpoint === 'accounts')).toHaveLength(2);
    // After the queue drained a new call starts a fresh run.
    const r4 = await reconciler.reconcile('d');
    expect(r4.summary.reason).toBe('d');
  });

  it('rejects when the accounts cannot be read, and recovers on the next call', async () => {
    const { reconciler, fake } = setup({}, guardState({}));
    const original = fake.api.searchAccounts;
    fake.api.searchAccounts = async () => {
      throw new Error('network');
    };
    await expect(reconciler.reconcile('a')).rejects.toThrow('network');
    fake.api.searchAccounts = original;
    await expect(reconciler.reconcile('b')).resolves.toMatchObject({ summary: { reason: 'b', accounts: 1 } });
  });
});
