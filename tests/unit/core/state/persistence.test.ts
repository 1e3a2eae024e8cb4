import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { Timers } from '../../../../src/core/ports';
import { createEmptyGuardState, type GuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import { createStatePersistence, STATE_SCHEMA_VERSION } from '../../../../src/core/state/persistence';
import { reduce } from '../../../../src/core/state/reducer';
import { openIdbStore } from '../../../../src/core/storage/idb-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { account, ctx, ev, iso, MNQ, mnq, order, position, run, T0, trade } from './fixtures';

const timers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
const clock = { now: () => Date.now() };

beforeEach(() => {
  // Only the guard's timers are fake: fake-indexeddb schedules its work with setImmediate.
  vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Reduces events one by one, saving after each change, as the guard's event loop does. */
function feed(state: GuardState, events: DomainEvent[], save: (s: GuardState) => void): GuardState {
  for (const e of events) {
    const r = reduce(state, e, ctx);
    state = r.state;
    if (r.changed) save(state);
  }
  return state;
}

function burst(n: number, start = 0): DomainEvent[] {
  const events: DomainEvent[] = [ev.account(account())];
  for (let i = start; i < start + n; i++) {
    events.push(ev.quote(MNQ, { lastPrice: 21_000 + i }, T0 + i));
    events.push(ev.trade(trade({ id: i, profitAndLoss: i % 2 ? -10 : null, fees: 0.37 }), T0 + i));
  }
  return events;
}

describe('state persistence', () => {
  it('writes a burst of events with one putMany, flushMs after the first change', async () => {
    const store = createMemoryStore();
    const putMany = vi.spyOn(store, 'putMany');
    const p = createStatePersistence({ store, timers, clock, flushMs: 250 });
    feed(createEmptyGuardState(T0), burst(100), p.save);
    expect(putMany).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(249);
    expect(putMany).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(putMany).toHaveBeenCalledTimes(1);
    expect(p.stats.flushes).toBe(1);
  });

  it('keeps saving during a steady stream (throttle, not debounce)', async () => {
    const store = createMemoryStore();
    const putMany = vi.spyOn(store, 'putMany');
    const p = createStatePersistence({ store, timers, clock, flushMs: 250 });
    let state = createEmptyGuardState(T0);
    for (let i = 0; i < 100; i++) {
      state = feed(state, [ev.quote(MNQ, { lastPrice: 100 + i }, T0 + i * 10)], p.save);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(putMany).toHaveBeenCalledTimes(4);
  });

  it('writes only the accounts and contracts that changed since the last save', async () => {
    const store = createMemoryStore();
    const putMany = vi.spyOn(store, 'putMany');
    const p = createStatePersistence({ store, timers, clock });
    let state = feed(
      createEmptyGuardState(T0),
      [ev.account(account(7)), ev.account(account(8)), ev.contract(mnq)],
      p.save,
    );
    await p.flush();
    expect(putMany.mock.calls[0]![0].map((w) => `${w.store}/${w.key}`).sort()).toEqual([
      'accounts/7',
      'accounts/8',
      `contracts/${MNQ}`,
      'meta/state',
    ]);
    state = feed(state, [ev.trade(trade({ accountId: 8, profitAndLoss: -5 }))], p.save);
    await p.flush();
    expect(putMany.mock.calls[1]![0].map((w) => `${w.store}/${w.key}`)).toEqual(['accounts/8', 'meta/state']);
    expect(state.accounts[8]!.grossRealizedPnl).toBe(-5);
  });

  it('writes nothing when nothing is pending', async () => {
    const store = createMemoryStore();
    const putMany = vi.spyOn(store, 'putMany');
    const p = createStatePersistence({ store, timers, clock });
    await p.flush();
    expect(putMany).not.toHaveBeenCalled();
  });

  it('round-trips through IndexedDB: load gives back the saved state', async () => {
    const factory = new IDBFactory();
    const store = await openIdbStore({ indexedDB: factory });
    const p = createStatePersistence({ store, timers, clock });
    const { state } = run([
      ev.account(account()),
      ev.contract(mnq),
      ev.position(position({ size: 2 })),
      ev.order(order()),
      ev.trade(trade({ profitAndLoss: -42, fees: 1.1 })),
      ev.quote(MNQ, { lastPrice: 21_003 }),
    ]);
    p.save(state);
    await p.flush();
    store.close();

    const reopened = await openIdbStore({ indexedDB: factory });
    const loaded = await createStatePersistence({ store: reopened, timers, clock }).load();
    // Health is not carried over (a new worker is not connected yet); the rest is as saved.
    expect(loaded).toEqual({ ...state, health: { ...state.health, blindSince: T0 } });
    const meta = await reopened.get<{ schemaVersion: number }>('meta', 'state');
    expect(meta?.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    reopened.close();
  });

  it('loads nothing from an empty store, and nothing from a snapshot of an unknown schema version', async () => {
    const store = createMemoryStore();
    const onError = vi.fn();
    const p = createStatePersistence({ store, timers, clock, onError });
    expect(await p.load()).toBeUndefined();
    await store.put('meta', 'state', { schemaVersion: 99, accountIds: [] });
    expect(await p.load()).toBeUndefined();
    expect(onError.mock.calls[0]![0].message).toMatch(/schema version 99/);
  });

  it('drops a malformed account record on load and reports it, keeping the others', async () => {
    const store = createMemoryStore();
    const onError = vi.fn();
    const p = createStatePersistence({ store, timers, clock, onError });
    p.save(run([ev.account(account(7)), ev.account(account(8))]).state);
    await p.flush();
    await store.put('accounts', '8', { garbage: true });
    const loaded = await p.load();
    expect(Object.keys(loaded!.accounts)).toEqual(['7']);
    expect(onError.mock.calls[0]![0].message).toMatch(/account record 8 is malformed/);
  });

  it('after a load, writes only what changes next', async () => {
    const store = createMemoryStore();
    const first = createStatePersistence({ store, timers, clock });
    first.save(run([ev.account(account(7)), ev.account(account(8))]).state);
    await first.flush();
    const second = createStatePersistence({ store, timers, clock });
    const loaded = (await second.load())!;
    const putMany = vi.spyOn(store, 'putMany');
    feed(loaded, [ev.trade(trade({ accountId: 7, profitAndLoss: 3 }))], second.save);
    await second.flush();
    expect(putMany.mock.calls[0]![0].map((w) => `${w.store}/${w.key}`)).toEqual(['accounts/7', 'meta/state']);
  });

  it('keeps a failed write pending, reports it without state values, and retries', async () => {
    const store = createMemoryStore();
    const real = store.putMany.bind(store);
    let fail = true;
    vi.spyOn(store, 'putMany').mockImplementation(async (w, o) => {
      if (fail) throw new Error('QuotaExceededError');
      return real(w, o);
    });
    const onError = vi.fn();
    const p = createStatePersistence({ store, timers, clock, flushMs: 100, onError });
    p.save(run([ev.trade(trade({ profitAndLoss: -77 }))]).state);
    await vi.advanceTimersByTimeAsync(100);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0].message).toBe('saving the guard state failed; will retry');
    expect(p.stats.failures).toBe(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(400);
    expect(p.stats.flushes).toBe(1);
    expect((await p.load())?.accounts[7]?.grossRealizedPnl).toBe(-77);
  });

  it('stays bounded in memory and in IndexedDB over 30 simulated trading days (six weeks)', async () => {
    const factory = new IDBFactory();
    const store = await openIdbStore({ indexedDB: factory });
    const p = createStatePersistence({ store, timers, clock });
    let state = createEmptyGuardState(T0);
    const sizes: number[] = [];
    let id = 0;
    for (let d = 0; d < 42; d++) {
      const base = T0 + d * 86_400_000;
      // Weekend days fold into Monday's trading day; trade on weekdays only, like a trader.
      if ([0, 6].includes(new Date(base).getUTCDay())) continue;
      const events: DomainEvent[] = [ev.tick(base)];
      for (let i = 0; i < 40; i++) {
        const at = base + i * 60_000;
        id += 1;
        events.push(ev.order(order({ id, status: OrderStatus.Filled, updateTimestamp: iso(at) }), at));
        events.push(ev.trade(trade({ id, orderId: id, profitAndLoss: -1, creationTimestamp: iso(at) }), at));
        events.push(ev.position(position({ size: (i % 3) + 1 }), at));
        events.push(ev.quote(MNQ, { lastPrice: 21_000 + i }, at));
      }
      state = feed(state, events, p.save);
      await p.flush();
      const stored = JSON.stringify([await store.getAll('accounts'), await store.get('meta', 'state')]);
      sizes.push(stored.length);
    }
    // Every day holds the same activity, so a bounded store is as big on day 30 as on day 3.
    expect(sizes).toHaveLength(30);
    expect(Math.max(...sizes.slice(3))).toBeLessThanOrEqual(sizes[2]! * 1.05);
    expect(Object.keys(state.accounts[7]!.trades).length).toBeLessThanOrEqual(40);
    store.close();
  });
});

describe('state persistence across a worker restart', () => {
  it('a worker asleep across the reset loads yesterday and rolls it on its first event', async () => {
    const factory = new IDBFactory();
    const store = await openIdbStore({ indexedDB: factory });
    const before = createStatePersistence({ store, timers, clock });
    before.save(run([ev.position(position({ size: 1 })), ev.trade(trade({ profitAndLoss: -300, fees: 2 }))]).state);
    await before.flush();
    store.close();

    // Chrome stopped the worker; it wakes the next morning.
    const wake = Date.parse('2026-11-26T14:00:00Z');
    const reopened = await openIdbStore({ indexedDB: factory });
    const after = createStatePersistence({ store: reopened, timers, clock });
    const loaded = (await after.load())!;
    expect(loaded.accounts[7]!.grossRealizedPnl).toBe(-300);
    const r = reduce(loaded, ev.tick(wake), ctx);
    expect(r.state.accounts[7]!.tradingDay).toBe('2026-11-26');
    expect(r.state.accounts[7]!.grossRealizedPnl).toBe(0);
    expect(r.state.accounts[7]!.fees).toBe(0);
    expect(r.state.accounts[7]!.positions[MNQ]?.size).toBe(1);
    expect(r.effects).toContainEqual({ kind: 'day-rolled', accountId: 7, from: '2026-11-25', to: '2026-11-26' });
    reopened.close();
  });

  it('does not trust saved health: a loaded guard is disconnected and blind (since earlier if it was)', async () => {
    const store = createMemoryStore();
    const p = createStatePersistence({ store, timers, clock });
    const seeing = run([
      {
        kind: 'health',
        source: 'local',
        receivedAt: T0,
        health: {
          user: { status: 'connected', since: T0, lastMessageAt: T0, stale: false },
          market: { status: 'connected', since: T0, lastMessageAt: T0, stale: false },
          token: 'valid',
          blindSince: null,
        },
      },
    ]).state;
    p.save(seeing);
    await p.flush();
    vi.setSystemTime(T0 + 600_000);
    const loaded = (await createStatePersistence({ store, timers, clock }).load())!;
    expect(loaded.health.user.status).toBe('disconnected');
    expect(loaded.health.token).toBe('none');
    expect(loaded.health.blindSince).toBe(T0 + 600_000);

    const blind = run([], createEmptyGuardState(T0 - 5000)).state;
    p.save({ ...blind, accounts: { ...blind.accounts } });
    await p.flush();
    expect((await createStatePersistence({ store, timers, clock }).load())!.health.blindSince).toBe(T0 - 5000);
  });

  it('drops prices older than a minute on load, so unrealized P&L is unknown until a fresh quote', async () => {
    const store = createMemoryStore();
    const p = createStatePersistence({ store, timers, clock });
    p.save(
      run([ev.quote(MNQ, { lastPrice: 21_000 }, T0), ev.quote('CON.F.US.EP.Z26', { lastPrice: 6000 }, T0 + 50_000)])
        .state,
    );
    await p.flush();
    vi.setSystemTime(T0 + 90_000);
    const loaded = (await createStatePersistence({ store, timers, clock }).load())!;
    expect(Object.keys(loaded.prices)).toEqual(['CON.F.US.EP.Z26']);
  });
});
