import { afterEach, describe, expect, it } from 'vitest';
import { OrderSide, OrderStatus, OrderType } from '../../../src/core/gateway/enums';
import { createOrderManager, type OrderManager } from '../../../src/core/gateway/order-manager';
import type { Contract } from '../../../src/core/gateway/schemas';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import { systemClock } from '../../../src/core/ports';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { dayStart, type Stack, type StackOptions, startStack } from './harness';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function setup(options: StackOptions = {}) {
  stack = await startStack(options);
  const s = stack;
  const contract: Contract | undefined = s.sim.contracts[0];
  if (!contract) throw new Error('no contracts');
  let n = 0;
  const journal = createMemoryJournal();
  const manager: OrderManager = createOrderManager({
    api: s.api,
    store: createMemoryStore(),
    journal,
    clock: systemClock,
    newId: () => `it${++n}`,
    backoffMs: () => 10,
  });
  const position = () => s.sim.ledger.truth(s.accountId).positions.find((p) => p.contractId === contract.id)?.size ?? 0;
  return { s, contract, manager, journal, position };
}

describe('order manager against the simulator', () => {
  it('places an order carrying its intent tag, and after a lost answer finds it instead of placing again', async () => {
    const { s, contract, manager } = await setup();
    const order = {
      accountId: s.accountId,
      contractId: contract.id,
      type: OrderType.Market,
      side: OrderSide.Bid,
      size: 1,
    };
    const first = await manager.placeOrder(order);
    expect(first.status).toBe('done');
    expect(s.sim.ledger.ordersWithTag(s.accountId, 'rg-it1').map((o) => o.id)).toEqual([
      first.status === 'done' ? first.orderId : -1,
    ]);
    s.sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Order/place' },
      effect: { type: 'apply-then-fail' },
      schedule: { type: 'once' },
    });
    const second = await manager.placeOrder(order);
    const tagged = s.sim.ledger.ordersWithTag(s.accountId, 'rg-it2');
    expect(tagged).toHaveLength(1);
    expect(second).toEqual({ status: 'done', orderId: tagged[0]?.id });
    expect(s.sim.requests.list('/api/Order/place')).toHaveLength(2);
  });

  it('reduces a position to the level asked, caps at what is open, and closes to flat once', async () => {
    const { s, contract, manager, position } = await setup();
    s.sim.trader.placeOrder(s.accountId, {
      contractId: contract.id,
      type: OrderType.Market,
      side: OrderSide.Ask,
      size: 5,
    });
    expect(position()).toBe(5);
    expect((await manager.reducePosition(s.accountId, contract.id, 2)).status).toBe('done');
    expect(position()).toBe(3);
    expect((await manager.reducePosition(s.accountId, contract.id, 10, { lane: 'enforcement' })).status).toBe('done');
    expect(position()).toBe(0);
    expect((await manager.closePosition(s.accountId, contract.id)).status).toBe('noop');
    expect(s.sim.ledger.overCloses()).toEqual([]);
    const closes = s.sim.ledger.entries({ type: 'close-request' });
    expect(closes.map((e) => (e.type === 'close-request' ? [e.requestedSize, e.openSizeBefore] : []))).toEqual([
      [2, 5],
      ['all', 3],
    ]);
  });

  it('modifies and cancels a resting order, and treats a second cancel as a noop', async () => {
    const { s, contract, manager, journal } = await setup();
    const price = s.sim.market.price(contract.id);
    const placed = await manager.placeOrder({
      accountId: s.accountId,
      contractId: contract.id,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 2,
      limitPrice: price - 40 * contract.tickSize,
    });
    if (placed.status !== 'done') throw new Error(`place failed: ${JSON.stringify(placed)}`);
    const newPrice = price - 45 * contract.tickSize;
    expect(
      (await manager.modifyOrder({ accountId: s.accountId, orderId: placed.orderId, limitPrice: newPrice })).status,
    ).toBe('done');
    const open = await s.api.searchOpenOrders({ accountId: s.accountId });
    expect(open.find((o) => o.id === placed.orderId)?.limitPrice).toBeCloseTo(newPrice);
    expect(await manager.cancelOrder(s.accountId, placed.orderId)).toEqual({ status: 'done' });
    expect(await manager.cancelOrder(s.accountId, placed.orderId)).toEqual({
      status: 'noop',
      detail: 'already cancelled or filled (cancelled)',
    });
    const orders = await s.api.searchOrders({ accountId: s.accountId, startTimestamp: dayStart() });
    expect(orders.find((o) => o.id === placed.orderId)?.status).toBe(OrderStatus.Cancelled);
    expect(journal.entries.map((e) => e.message)).toEqual([
      'place done',
      'modify done',
      'cancel done',
      'cancel noop: already cancelled or filled (cancelled)',
    ]);
  });

  it('tracks a partial fill from the order as the gateway reports it', async () => {
    const { s, contract, manager } = await setup({ sim: { bookDepth: 1 } });
    const placed = await manager.placeOrder({
      accountId: s.accountId,
      contractId: contract.id,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 4,
      limitPrice: s.sim.market.price(contract.id) + 2 * contract.tickSize,
    });
    if (placed.status !== 'done') throw new Error('place failed');
    const orders = await s.api.searchOrders({ accountId: s.accountId, startTimestamp: dayStart() });
    const order = orders.find((o) => o.id === placed.orderId);
    if (!order) throw new Error('order not found');
    const status = manager.handleOrderUpdate(order);
    // One contract per price level: the order takes the level at the touch and rests for the rest.
    expect(order.status).toBe(OrderStatus.Open);
    expect(status).toEqual({ filled: 1, size: 4, isPartial: true, fraction: 0.25 });
    expect(manager.fillStatus(placed.orderId)).toEqual(status);
  });
});
