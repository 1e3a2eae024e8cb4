import { afterEach, describe, expect, it, vi } from 'vitest';
import { customTagFor } from '../../../../src/core/gateway/custom-tag';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import type { IntentRecord } from '../../../../src/core/gateway/intent-store';
import { intents, marketBuy, setup } from './order-manager-fixture';

/** Placing orders; positions, cancel/modify and lifecycle (lanes, fills, journal, restarts) have their own suites. */

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
