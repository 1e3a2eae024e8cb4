import { describe, expect, it } from 'vitest';
import { OrderType } from '../../../../src/core/gateway/enums';
import { useFakeTimeAtT0 } from './fake-time';
import { CL, decision, drain, ES, MNQ, makeRig, NQ, T0 } from './harness';

/** Each enforcement action converges. Other suites: idempotence, status/journal, stops, groups, resilience. */

useFakeTimeAtT0();

describe('enforcer: each action converges', () => {
  it('flattens: cancels every working order, closes every position, and verifies through REST', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 3 });
    fake.seedPosition({ contractId: ES, side: 'short', size: 1 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 3, stopPrice: 90 });
    fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 5000 });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.workingOrders()).toEqual([]);
    expect(fake.applied().map((c) => c.method)).toEqual([
      'cancelOrder',
      'cancelOrder',
      'closePosition',
      'closePosition',
    ]);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged', actions: 4 });
  });

  it('cancels every working order BEFORE it closes any position, so no stop fills after the close', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 1, size: 2, limitPrice: 120 });
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    const methods = fake.calls.map((c) => c.method);
    const firstClose = methods.indexOf('closePosition');
    expect(firstClose).toBeGreaterThan(methods.lastIndexOf('cancelOrder'));
  });

  it('cancels an order that appears after the close, found by the verifying read', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const original = fake.actions.closePosition;
    let once = true;
    fake.actions.closePosition = async (...args) => {
      const r = await original(...args);
      if (once) {
        once = false; // a suspended bracket child that searchOpen did not list surfaces now
        fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 1, stopPrice: 90 });
      }
      return r;
    };
    await enforcer.submit(decision({ type: 'flatten' }));
    await drain(enforcer);
    expect(fake.workingOrders()).toEqual([]);
    expect(fake.positions()).toEqual([]);
  });

  it('closes one position and leaves the others', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(enforcer);
    expect(fake.positions().map((p) => p.contractId)).toEqual([ES]);
  });

  it('cancels the exit orders of a position it closes, so they cannot open a reverse position later', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
    const entry = fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 5000 });
    await enforcer.submit(decision({ type: 'close-position', contractId: MNQ }));
    await drain(enforcer);
    expect(fake.workingOrders().map((o) => o.id)).toEqual([entry.id]);
  });

  it('reduces one position to its size limit', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'short', size: 6 });
    await enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 2 }));
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ contractId: MNQ, size: 2, type: 2 }]);
    expect(fake.applied('reducePosition')).toHaveLength(1);
    expect(fake.applied('reducePosition')[0]?.args).toEqual([1, MNQ, 4]);
  });

  it('shrinks an exit order larger than the reduced position before reducing it', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    const stop = fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 5, stopPrice: 90 });
    await enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }));
    await drain(enforcer);
    expect(fake.workingOrders()).toMatchObject([{ id: stop.id, size: 3 }]);
    expect(fake.calls.map((c) => c.method)).toEqual(['modifyOrder', 'reducePosition']);
  });

  it('cancels one order', async () => {
    const { fake, enforcer } = makeRig();
    const a = fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 0, size: 1, limitPrice: 10 });
    const b = fake.seedOrder({ contractId: MNQ, type: OrderType.Limit, side: 0, size: 1, limitPrice: 11 });
    await enforcer.submit(decision({ type: 'cancel-order', orderId: a.id }));
    await drain(enforcer);
    expect(fake.workingOrders().map((o) => o.id)).toEqual([b.id]);
  });
});

describe('enforcer: reduce to the total limit', () => {
  it('long 5, limit 3: reduces 2 of the NEWEST exposure', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 2, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: NQ, side: 'long', size: 3, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 3, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions().map((p) => [p.contractId, p.size])).toEqual([
      [ES, 2],
      [NQ, 1],
    ]);
    expect(fake.applied().map((c) => c.args)).toEqual([[1, NQ, 2]]);
  });

  it('closes (never reverses) a newest position smaller than the excess, then takes the rest from the next', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 4, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: NQ, side: 'short', size: 1, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ contractId: ES, size: 2, type: 1 }]);
    expect(fake.applied().map((c) => [c.method, ...c.args])).toEqual([
      ['reducePosition', 1, ES, 2],
      ['closePosition', 1, NQ],
    ]);
    expect(fake.overCloseAttempts).toBe(0);
  });

  it('counts micros as 0.1 in mini-equivalents', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: ES, side: 'long', size: 1, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 25, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 3, counting: 'mini' }));
    await drain(enforcer);
    // 1 + 2.5 = 3.5 minis: 5 micros go.
    expect(fake.positions().map((p) => [p.contractId, p.size])).toEqual([
      [ES, 1],
      [MNQ, 20],
    ]);
  });

  it('cuts the contracts just added when the guard knows the lots (ES 2 → 4 after NQ 2 opened)', async () => {
    const { fake, enforcer } = makeRig({
      lots: (_a, c) =>
        c === ES
          ? [
              { size: 2, at: T0 - 60_000 },
              { size: 2, at: T0 - 1_000 },
            ]
          : [{ size: 2, at: T0 - 30_000 }],
    });
    fake.seedPosition({ contractId: ES, side: 'long', size: 4, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: NQ, side: 'long', size: 2, openedAt: T0 - 30_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 4, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions().map((p) => [p.contractId, p.size])).toEqual([
      [ES, 2],
      [NQ, 2],
    ]);
  });

  it('prefers the guard-observed opening time when it is given', async () => {
    const { fake, enforcer } = makeRig({ openedAt: (_a, c) => (c === ES ? T0 : T0 - 3_600_000) });
    fake.seedPosition({ contractId: ES, side: 'long', size: 2, openedAt: T0 - 60_000 });
    fake.seedPosition({ contractId: CL, side: 'long', size: 2, openedAt: T0 - 1_000 });
    await enforcer.submit(decision({ type: 'reduce-total', maxContracts: 2, counting: 'contracts' }));
    await drain(enforcer);
    expect(fake.positions().map((p) => p.contractId)).toEqual([CL]);
  });
});
