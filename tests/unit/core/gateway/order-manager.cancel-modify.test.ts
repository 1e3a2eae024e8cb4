import { describe, expect, it } from 'vitest';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { ACCOUNT, setup } from './order-manager-fixture';

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
