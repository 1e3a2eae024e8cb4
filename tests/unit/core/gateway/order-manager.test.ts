import { afterEach, describe, expect, it, vi } from 'vitest';
import { customTagFor } from '../../../../src/core/gateway/custom-tag';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { IntentRecord } from '../../../../src/core/gateway/intent-store';
import { createOrderManager, type OrderManagerOptions } from '../../../../src/core/gateway/order-manager';
import { createMemoryJournal } from '../../../../src/core/state/journal';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { fakeAccountApi } from './fake-account-api';

const MNQ = 'CON.F.US.MNQ.Z25';
const ACCOUNT = 7;
const marketBuy = { accountId: ACCOUNT, contractId: MNQ, type: 2, side: 0, size: 1 };

function setup(overrides: Partial<OrderManagerOptions> = {}, shared?: { store?: DurableStore }) {
  const fake = fakeAccountApi(ACCOUNT);
  const store = shared?.store ?? createMemoryStore();
  const journal = createMemoryJournal();
  let n = 0;
  const make = (extra: Partial<OrderManagerOptions> = {}) =>
    createOrderManager({
      api: fake.api,
      store,
      journal,
      clock: { now: () => Date.parse('2026-11-25T15:00:00Z') },
      newId: () => `i${++n}`,
      backoffMs: () => 0,
      ...overrides,
      ...extra,
    });
  return { fake, store, journal, manager: make(), make };
}

async function intents(store: DurableStore): Promise<IntentRecord[]> {
  return (await store.getAll<IntentRecord>('intents')).map((r) => r.value);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('order manager: placing orders', () => {
  it('writes the intent to the store with strict durability before the request is sent', async () => {
    const { fake, store, manager } = setup();
    const puts: Array<{ key: string; durability: string | undefined }> = [];
    const put = store.put.bind(store);
    store.put = async (name, key, value, options) => {
      if (name === 'intents') puts.push({ key, durability: options?.durability });
      return put(name, key, value, options);
    };
    let seenBeforeSend: IntentRecord[] = [];
    const place = fake.api.placeOrder;
    fake.api.placeOrder = async (body, ctx) => {
      seenBeforeSend = await intents(store);
      return place(body, ctx);
    };
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toEqual({ status: 'done', orderId: 1001 });
    expect(seenBeforeSend).toHaveLength(1);
    expect(seenBeforeSend[0]).toMatchObject({ id: 'i1', state: 'pending', attempts: 1 });
    expect(puts.every((p) => p.durability === 'strict')).toBe(true);
    const [resolved] = await intents(store);
    expect(resolved).toMatchObject({ state: 'resolved', outcome: { status: 'done', orderId: 1001 } });
  });

  it('tags every order with a unique customTag derived from the intent id, within the length limit', async () => {
    const { fake, manager } = setup();
    await manager.placeOrder(marketBuy);
    await manager.placeOrder(marketBuy);
    expect(fake.orders.map((o) => o.customTag)).toEqual(['rg-i1', 'rg-i2']);
    const long = customTagFor('x'.repeat(200));
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long).toBe(customTagFor('x'.repeat(200)));
    expect(customTagFor('a:b')).not.toBe(customTagFor('a_b'));
  });

  it('finds the order by its tag after an apply-then-fail answer and never places it twice', async () => {
    const { fake, manager } = setup();
    fake.fail('placeOrder', 'apply-then-fail');
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toEqual({ status: 'done', orderId: 1001 });
    expect(fake.count('placeOrder')).toBe(1);
    expect(fake.orders.filter((o) => o.customTag === 'rg-i1')).toHaveLength(1);
  });

  it('places again only after the tag lookup proved the lost request left no order', async () => {
    const { fake, manager } = setup();
    fake.fail('placeOrder', 'lost');
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome.status).toBe('done');
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toEqual(['placeOrder', 'searchOrders', 'searchOpenOrders', 'placeOrder']);
    expect(fake.orders).toHaveLength(1);
  });

  it('does not re-send while the tag lookup itself keeps failing', async () => {
    const { fake, manager } = setup({ maxAttempts: 3 });
    fake.fail('placeOrder', 'apply-then-fail');
    fake.fail('searchOrders', 'read-fail', 'read-fail');
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toEqual({ status: 'done', orderId: 1001 });
    expect(fake.count('placeOrder')).toBe(1);
  });

  it('treats a business refusal as final: failed, not retryable, no second request', async () => {
    const { fake, manager } = setup();
    fake.fail('placeOrder', 'refuse');
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toMatchObject({ status: 'failed', retryable: false });
    expect(fake.count('placeOrder')).toBe(1);
  });

  it('returns the stored outcome for a repeated intentKey without sending again', async () => {
    const { fake, manager } = setup();
    const first = await manager.placeOrder(marketBuy, { intentKey: 'flatten-hedge-1' });
    const second = await manager.placeOrder(marketBuy, { intentKey: 'flatten-hedge-1' });
    expect(second).toEqual(first);
    expect(fake.count('placeOrder')).toBe(1);
    expect(fake.orders[0]?.customTag).toBe('rg-k-flatten-hedge-1');
  });

  it('shares one request between concurrent calls with the same intentKey', async () => {
    const { fake, manager } = setup();
    const [a, b] = await Promise.all([
      manager.placeOrder(marketBuy, { intentKey: 'same' }),
      manager.placeOrder(marketBuy, { intentKey: 'same' }),
    ]);
    expect(a).toEqual(b);
    expect(fake.count('placeOrder')).toBe(1);
  });

  it('gives up after maxAttempts requests with a retryable failure once a lookup shows no order', async () => {
    const { fake, store, manager } = setup({ maxAttempts: 3 });
    fake.fail('placeOrder', 'lost', 'lost', 'lost', 'lost');
    const outcome = await manager.placeOrder(marketBuy);
    expect(outcome).toMatchObject({ status: 'failed', retryable: true });
    expect(fake.count('placeOrder')).toBe(3);
    expect(fake.orders).toHaveLength(0);
    expect((await intents(store))[0]).toMatchObject({ state: 'resolved', attempts: 3 });
  });

  it('reports a found-but-rejected order as a failure, not as done', async () => {
    const { fake, manager } = setup();
    fake.fail('placeOrder', 'apply-then-fail');
    const place = fake.api.placeOrder;
    fake.api.placeOrder = async (body, ctx) => {
      try {
        return await place(body, ctx);
      } finally {
        const last = fake.orders.at(-1);
        if (last) last.status = OrderStatus.Rejected;
      }
    };
    expect(await manager.placeOrder(marketBuy)).toMatchObject({ status: 'failed', retryable: false });
  });

  it('backs off between rounds with the injected timers', async () => {
    vi.useFakeTimers();
    const { fake, manager } = setup({ backoffMs: (round) => 1000 * round });
    fake.fail('placeOrder', 'lost');
    const pending = manager.placeOrder(marketBuy);
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.count('placeOrder')).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ status: 'done' });
    expect(fake.count('placeOrder')).toBe(2);
  });

  it('resolves the intent as aborted when the caller aborts and never acts on it later', async () => {
    const { fake, store, make } = setup({ backoffMs: () => 60_000 });
    const manager = make();
    fake.fail('placeOrder', 'lost');
    const controller = new AbortController();
    const pending = manager.placeOrder(marketBuy, { signal: controller.signal });
    await vi.waitFor(() => expect(fake.count('placeOrder')).toBe(1));
    controller.abort();
    expect(await pending).toMatchObject({ status: 'failed', retryable: true });
    expect((await intents(store))[0]?.state).toBe('resolved');
    expect(await make().resumePending()).toEqual([]);
    expect(fake.count('placeOrder')).toBe(1);
  });
});

describe('order manager: closing and reducing positions', () => {
  it('is a noop when already flat and sends no close', async () => {
    const { fake, manager } = setup();
    expect(await manager.closePosition(ACCOUNT, MNQ)).toEqual({ status: 'noop', detail: 'already flat' });
    expect(fake.count('closePosition')).toBe(0);
  });

  it('re-reads positions after an ambiguous close and does not close again once flat', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 3);
    fake.fail('closePosition', 'apply-then-fail');
    expect(await manager.closePosition(ACCOUNT, MNQ)).toEqual({ status: 'done', detail: 'flat' });
    expect(fake.count('closePosition')).toBe(1);
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 'all', openBefore: 3 }]);
  });

  it('closes again after a lost close once the re-read shows the position still open', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, -2);
    fake.fail('closePosition', 'lost');
    expect((await manager.closePosition(ACCOUNT, MNQ)).status).toBe('done');
    expect(fake.count('closePosition')).toBe(2);
    expect(fake.position(MNQ)).toBe(0);
  });

  it('caps a reduction at the open size: reducing 2 open by 5 closes exactly 2, never reverses', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 2);
    expect((await manager.reducePosition(ACCOUNT, MNQ, 5)).status).toBe('done');
    expect(fake.position(MNQ)).toBe(0);
    expect(fake.count('partialClosePosition')).toBe(0);
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 'all', openBefore: 2 }]);
  });

  it('reduces partially and does not repeat the partial close after apply-then-fail', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, -5);
    fake.fail('partialClosePosition', 'apply-then-fail');
    expect(await manager.reducePosition(ACCOUNT, MNQ, 2)).toEqual({ status: 'done', detail: 'open 3' });
    expect(fake.count('partialClosePosition')).toBe(1);
    expect(fake.position(MNQ)).toBe(-3);
  });

  it('is a noop when asked to reduce a flat position, and rejects a non-positive size', async () => {
    const { fake, manager } = setup();
    expect((await manager.reducePosition(ACCOUNT, MNQ, 1)).status).toBe('noop');
    expect(await manager.reducePosition(ACCOUNT, MNQ, 0)).toMatchObject({ status: 'failed', retryable: false });
    expect(fake.calls.filter((c) => c.method !== 'searchOpenPositions')).toEqual([]);
  });

  it('serializes concurrent reductions of one position so together they never close more than is open', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 3);
    const outcomes = await Promise.all([
      manager.reducePosition(ACCOUNT, MNQ, 2),
      manager.reducePosition(ACCOUNT, MNQ, 2),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done']);
    expect(fake.position(MNQ)).toBe(0);
    expect(fake.closes).toEqual([
      { contractId: MNQ, requested: 2, openBefore: 3 },
      { contractId: MNQ, requested: 'all', openBefore: 1 },
    ]);
  });

  it('leaves a position alone that changed side since the reduction was decided', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 4);
    fake.api.partialClosePosition = async () => {
      // The trader reverses while our request is lost on the way.
      fake.setPosition(MNQ, -4);
      throw new Error('socket hang up');
    };
    expect((await manager.reducePosition(ACCOUNT, MNQ, 1)).status).toBe('noop');
    expect(fake.position(MNQ)).toBe(-4);
  });
});

describe('order manager: cancelling and modifying orders', () => {
  it('cancels a working order', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 5 });
    expect(await manager.cancelOrder(ACCOUNT, 5)).toEqual({ status: 'done' });
    expect(fake.orders[0]?.status).toBe(OrderStatus.Cancelled);
  });

  it('treats a refused cancel of an order that is already filled as a noop', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 5, status: OrderStatus.Filled });
    expect(await manager.cancelOrder(ACCOUNT, 5)).toEqual({
      status: 'noop',
      detail: 'already cancelled or filled (filled)',
    });
  });

  it('treats a refused cancel of an order whose cancellation is already pending as a noop', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 5, status: OrderStatus.PendingCancellation });
    expect(await manager.cancelOrder(ACCOUNT, 5)).toEqual({
      status: 'noop',
      detail: 'already cancelled or filled (pendingcancellation)',
    });
    expect(fake.count('cancelOrder')).toBe(1);
  });

  it('fails (not retryable) when a cancel is refused and the order is still working', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 5 });
    fake.fail('cancelOrder', 'refuse');
    expect(await manager.cancelOrder(ACCOUNT, 5)).toMatchObject({ status: 'failed', retryable: false });
    expect(fake.count('cancelOrder')).toBe(1);
  });

  it('counts a suspended bracket child missing from searchOpen as working and cancels it again', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 6, status: OrderStatus.Suspended });
    let first = true;
    fake.api.cancelOrder = async () => {
      if (first) {
        first = false;
        throw new Error('ECONNRESET');
      }
      const order = fake.orders.find((o) => o.id === 6);
      if (order) order.status = OrderStatus.Cancelled;
    };
    expect(await manager.cancelOrder(ACCOUNT, 6)).toEqual({ status: 'done' });
    expect(fake.orders[0]?.status).toBe(OrderStatus.Cancelled);
  });

  it('after an ambiguous modify, re-reads and stops when the order already shows the new values', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 8, limitPrice: 100 });
    fake.fail('modifyOrder', 'apply-then-fail');
    const outcome = await manager.modifyOrder({ accountId: ACCOUNT, orderId: 8, limitPrice: 101.25 });
    expect(outcome).toEqual({ status: 'done', detail: 'order shows the requested values' });
    expect(fake.count('modifyOrder')).toBe(1);
  });

  it('treats a refused modify of an order that is no longer working as a noop', async () => {
    const { fake, manager } = setup();
    fake.addOrder({ id: 8, status: OrderStatus.Cancelled });
    expect(await manager.modifyOrder({ accountId: ACCOUNT, orderId: 8, size: 2 })).toEqual({
      status: 'noop',
      detail: 'order no longer working',
    });
  });
});

describe('order manager: lanes, fills, journal, restarts', () => {
  it('runs actions in the routine lane and re-reads in reconciliation unless the enforcer calls', async () => {
    const { fake, manager } = setup();
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ);
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ, { lane: 'enforcement' });
    expect(fake.calls.map((c) => `${c.method}:${c.ctx?.lane}`)).toEqual([
      'searchOpenPositions:reconciliation',
      'closePosition:routine',
      'searchOpenPositions:enforcement',
      'closePosition:enforcement',
    ]);
  });

  it('tracks partial fills from order updates, never lowering the filled volume', () => {
    const { manager } = setup();
    const base = { id: 9, size: 10, status: OrderStatus.Open };
    expect(manager.handleOrderUpdate({ ...base, fillVolume: 5 } as never)).toEqual({
      filled: 5,
      size: 10,
      isPartial: true,
      fraction: 0.5,
    });
    manager.handleOrderUpdate({ ...base, fillVolume: 3 } as never);
    expect(manager.fillStatus(9)?.filled).toBe(5);
    manager.handleOrderUpdate({ ...base, status: OrderStatus.Filled, fillVolume: null } as never);
    expect(manager.fillStatus(9)).toEqual({ filled: 10, size: 10, isPartial: false, fraction: 1 });
    expect(manager.fillStatus(404)).toBeUndefined();
  });

  it('still reports a done action when the journal append fails', async () => {
    const { fake, make } = setup();
    const manager = make({
      journal: {
        append: async () => {
          throw new Error('quota exceeded');
        },
        list: async () => [],
      },
    });
    fake.setPosition(MNQ, 1);
    expect(await manager.closePosition(ACCOUNT, MNQ)).toEqual({ status: 'done' });
  });

  it('prunes resolved intents after their retention, so the store does not grow for ever', async () => {
    let now = Date.parse('2026-11-25T15:00:00Z');
    const { fake, store, make } = setup();
    const manager = make({ clock: { now: () => now } });
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ);
    expect(await manager.pruneResolved()).toBe(0);
    now += 8 * 24 * 60 * 60 * 1000;
    expect(await manager.pruneResolved()).toBe(1);
    expect(await intents(store)).toEqual([]);
  });

  it('journals every resolved action without secrets', async () => {
    const { fake, journal, manager } = setup();
    fake.setPosition(MNQ, 1);
    await manager.closePosition(ACCOUNT, MNQ);
    expect(journal.entries).toHaveLength(1);
    expect(journal.entries[0]).toMatchObject({ kind: 'action', accountId: ACCOUNT, message: 'close done' });
  });

  it('keeps the intent pending when even the final re-read fails, and a restarted worker resolves it once', async () => {
    const { fake, store, manager, make } = setup({ maxAttempts: 2 });
    fake.fail('placeOrder', 'apply-then-fail');
    fake.fail('searchOrders', 'read-fail', 'read-fail', 'read-fail');
    const first = await manager.placeOrder(marketBuy);
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    expect((await intents(store))[0]?.state).toBe('pending');

    const restarted = make();
    const resumed = await restarted.resumePending();
    expect(resumed).toEqual([{ intentId: 'i1', outcome: expect.objectContaining({ status: 'done', orderId: 1001 }) }]);
    expect(await restarted.resumePending()).toEqual([]);
    expect(fake.count('placeOrder')).toBe(1);
    expect(fake.orders).toHaveLength(1);
  });

  it('resumes an intent whose worker died mid-request: looks the tag up first, then places once', async () => {
    const store = createMemoryStore();
    const crashed: IntentRecord = {
      id: 'i9',
      action: { kind: 'place', request: marketBuy, customTag: customTagFor('i9') },
      lane: 'routine',
      createdAt: Date.parse('2026-11-25T14:59:00Z'),
      updatedAt: Date.parse('2026-11-25T14:59:00Z'),
      attempts: 1,
      state: 'pending',
    };
    await store.put('intents', crashed.id, crashed);
    const { fake, manager } = setup({}, { store });
    const resumed = await manager.resumePending();
    expect(resumed).toHaveLength(1);
    expect(fake.calls.map((c) => c.method)).toEqual(['searchOrders', 'searchOpenOrders', 'placeOrder']);
    expect(fake.orders.map((o) => o.customTag)).toEqual(['rg-i9']);
    expect((await intents(store))[0]).toMatchObject({ state: 'resolved', attempts: 2 });
  });

  it('resumes a pending reduction toward the size fixed before the restart', async () => {
    const store = createMemoryStore();
    await store.put('intents', 'r1', {
      id: 'r1',
      action: {
        kind: 'reduce',
        accountId: ACCOUNT,
        contractId: MNQ,
        size: 2,
        target: { remaining: 3, positionType: 1 },
      },
      lane: 'enforcement',
      createdAt: 0,
      updatedAt: 0,
      attempts: 1,
      state: 'pending',
    } satisfies IntentRecord);
    const { fake, manager } = setup({}, { store });
    fake.setPosition(MNQ, 4); // one contract of the two already closed before the crash
    await manager.resumePending();
    expect(fake.position(MNQ)).toBe(3);
    expect(fake.closes).toEqual([{ contractId: MNQ, requested: 1, openBefore: 4 }]);
    expect(fake.calls.every((c) => c.ctx?.lane === 'enforcement')).toBe(true);
  });
});
