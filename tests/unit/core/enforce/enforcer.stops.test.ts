import { describe, expect, it } from 'vitest';
import { OrderType } from '../../../../src/core/gateway/enums';
import { useFakeTimeAtT0 } from './fake-time';
import { decision, drain, MNQ, makeRig } from './harness';

useFakeTimeAtT0();

const protect = (stopPrice: number, side: 0 | 1 = 1, size = 2) =>
  decision({ type: 'protect-stop', contractId: MNQ, stopPrice, size, side }, { ruleId: 'trade-management' });

describe('enforcer: protective stop (tradeManagement)', () => {
  it('places ONE stop for a long position that has none', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2, price: 100 });
    await enforcer.submit(protect(100.25));
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([
      { contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 100.25 },
    ]);
  });

  it('tightens an existing stop (long: higher) by modifying it, not by adding a second one', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    const stop = fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 95 });
    await enforcer.submit(protect(100));
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([{ id: stop.id, stopPrice: 100 }]);
    expect(fake.calls.map((c) => c.method)).toEqual(['modifyOrder']);
  });

  it('never loosens: a long stop already above the new price stays where it is', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 101 });
    await enforcer.submit(protect(100));
    await drain(enforcer);
    expect(fake.calls).toEqual([]);
    expect(fake.workingOrders()).toMatchObject([{ stopPrice: 101 }]);
  });

  it('never loosens a short stop either (short: a buy stop may only move down)', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'short', size: 2 });
    const stop = fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 0, size: 2, stopPrice: 105 });
    await enforcer.submit(protect(107, 0));
    await drain(enforcer);
    expect(fake.calls).toEqual([]);
    await enforcer.submit(protect(103, 0));
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([{ id: stop.id, stopPrice: 103 }]);
  });

  it('of two stop decisions at once, the tighter one wins', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    await Promise.all([enforcer.submit(protect(101)), enforcer.submit(protect(99))]);
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([{ stopPrice: 101 }]);
    expect(fake.calls).toHaveLength(1);
  });

  it('a repeated stop decision places nothing more', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    for (let i = 0; i < 3; i++) {
      await enforcer.submit(protect(100));
      await drain(enforcer);
    }
    expect(fake.workingOrders()).toHaveLength(1);
    expect(fake.calls).toHaveLength(1);
  });

  it('after an outcome-unknown placement it finds the stop by re-reading and places no second one', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.inject('placeOrder', 'unknown-after-apply');
    await enforcer.submit(protect(100));
    await drain(enforcer);
    expect(fake.workingOrders()).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'placeOrder')).toHaveLength(1);
  });

  it('does not put a stop on the wrong side when the position reversed since the decision', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'short', size: 2 });
    await enforcer.submit(protect(100, 1));
    await drain(enforcer);
    expect(fake.calls).toEqual([]);
  });

  it('caps the stop size at the position size', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await enforcer.submit(protect(100, 1, 4));
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([{ size: 1 }]);
  });

  it('places a new stop when the trader cancelled the one it placed (a used intent key is not reused)', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    const place = fake.actions.placeOrder;
    let cancelNext = true;
    fake.actions.placeOrder = async (req, ctx) => {
      const r = await place(req, ctx);
      if (cancelNext && r.status === 'done') {
        cancelNext = false;
        fake.traderCancel(r.orderId); // gone before the verifying read
      }
      return r;
    };
    await enforcer.submit(protect(100));
    await drain(enforcer);
    expect(fake.workingOrders()).toHaveLength(1);
    const keys = fake.calls.filter((c) => c.method === 'placeOrder').map((c) => c.args[1]);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    const [only] = fake.workingOrders();
    fake.traderCancel(only?.id ?? -1);
    await enforcer.submit(protect(100));
    await drain(enforcer);
    expect(fake.workingOrders()).toHaveLength(1);
  });
});
