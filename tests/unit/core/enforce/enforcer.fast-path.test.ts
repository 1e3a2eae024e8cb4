import { describe, expect, it, vi } from 'vitest';
import type { Sighting } from '../../../../src/core/enforce/fast-path';
import { createLockoutGuard } from '../../../../src/core/enforce/lockout-guard';
import type { GatewayReads } from '../../../../src/core/gateway/api';
import { OrderType } from '../../../../src/core/gateway/enums';
import { systemClock } from '../../../../src/core/ports';
import type { DurableStore } from '../../../../src/core/storage/durable-store';
import type { FakeAccount } from './fake-account';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, ES, MNQ, makeRig } from './harness';

/**
 * Act first: the steps that cannot overshoot (whole closes, cancels) leave the moment the
 * decision is made, from what the triggering event showed, all together, before any write and
 * any read; the lockout and the pending enforcement are written alongside; then REST verifies
 * (positions and orders read together) and the loop converges as before.
 */

useFakeTimeAtT0();

/** What the guard saw right after a hub event: the fake account's state as it is now. */
function seen(fake: FakeAccount, extra: Partial<Sighting> = {}): Sighting {
  return {
    positions: fake.positions(),
    orders: fake.workingOrders(),
    source: 'hub',
    receivedAt: Date.now(),
    ...extra,
  };
}

/** A store whose writes never finish: a worker stopped before its writes land. */
function stalledWrites(store: DurableStore): void {
  const never = () => new Promise<never>(() => {});
  store.put = never;
  store.putMany = never;
  store.delete = never;
}

/** Reads that log when each starts and ends. */
function loggedReads(fake: FakeAccount, log: string[]): GatewayReads {
  const wrap =
    <A extends unknown[], R>(name: string, f: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      log.push(`start ${name}`);
      const r = await f(...a);
      log.push(`end ${name}`);
      return r;
    };
  return {
    ...fake.reads,
    searchOpenPositions: wrap('positions', fake.reads.searchOpenPositions),
    searchOpenOrders: wrap('orders', fake.reads.searchOpenOrders),
  };
}

describe('enforcer fast path: acting first', () => {
  it('sends every close and cancel at once, closes first, before any read and before any write lands', async () => {
    const rig = makeRig();
    const { fake, enforcer, store, lockouts } = rig;
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedPosition({ contractId: ES, side: 'short', size: 1 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
    fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 5000 });
    stalledWrites(store);
    void enforcer.submit(
      decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }),
      'trade 7',
      seen(fake),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls.map((c) => [c.method, c.effect, c.immediate])).toEqual([
      ['closePosition', 'applied', true],
      ['closePosition', 'applied', true],
      ['cancelOrder', 'applied', true],
      ['cancelOrder', 'applied', true],
    ]);
    expect(fake.readCount()).toBe(0);
    // The lockout is in force although its write has not landed.
    expect(lockouts.isLocked(1, Date.now())).toBe(true);
    expect(rig.store.dump().lockouts).toBeUndefined();
  });

  it('writes the lockout and the pending enforcement alongside: submit resolves once they are stored', async () => {
    const { fake, enforcer, store } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.setLatency(100);
    await enforcer.submit(
      decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }),
      'trade 7',
      seen(fake),
    );
    // Resolved before the close answered: the writes did not wait for it, nor it for them.
    expect(fake.positions()).toHaveLength(1);
    expect(Object.keys(store.dump().lockouts ?? {})).toHaveLength(1);
    expect(Object.keys(store.dump().intents ?? {})).toEqual(['enforcement:1']);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied('closePosition')).toHaveLength(1);
  });

  it('then verifies through REST, reading positions and orders together, and converges', async () => {
    const log: string[] = [];
    const fakeRig = makeRig();
    const { fake } = fakeRig;
    const rig = makeRig({ reads: loggedReads(fake, log), actions: fake.actions });
    fake.setLatency(50);
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await rig.enforcer.submit(decision({ type: 'flatten' }), 'position event', seen(fake));
    await drain(rig.enforcer);
    expect(log.slice(0, 4)).toEqual(['start positions', 'start orders', 'end positions', 'end orders']);
    expect(rig.enforcer.status(1)).toMatchObject({ state: 'converged', actions: 1 });
    expect(fake.calls).toHaveLength(1);
  });

  it('reads first when the sighting is not fresh (a state loaded from disk, a timer)', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    void enforcer.submit(decision({ type: 'flatten' }), 'start-up', seen(fake, { source: 'local' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.readCount()).toBe(2);
    expect(fake.calls.filter((c) => c.immediate)).toEqual([]);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
  });

  it('sends nothing in monitor mode', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    await enforcer.submit(decision({ type: 'flatten' }, { monitorOnly: true }), 'trade', seen(fake));
    await drain(enforcer);
    expect(fake.calls).toEqual([]);
  });

  it('joins an enforcement already running instead of acting on its own', async () => {
    const { fake, enforcer } = makeRig();
    fake.setLatency(100);
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedPosition({ contractId: ES, side: 'long', size: 1 });
    void enforcer.submit(decision({ type: 'close-position', contractId: MNQ }), 'a', seen(fake));
    await vi.advanceTimersByTimeAsync(10);
    void enforcer.submit(decision({ type: 'flatten' }), 'b', seen(fake));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.calls.map((c) => [c.method, c.args[1], c.immediate === true])).toEqual([
      ['closePosition', MNQ, true],
      ['closePosition', ES, false],
    ]);
  });
});

describe('enforcer fast path: a breach on a fill (the trade arrives before its position update)', () => {
  it('does not send a close the fill itself has made pointless (a losing round turn)', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const before = seen(fake, { fill: { contractId: MNQ, side: 1, size: 1 } });
    fake.traderFill(MNQ, 1, 1); // the losing sell: flat at the gateway, not yet in the guard's picture
    await enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }), 'trade 9', before);
    await drain(enforcer);
    expect(fake.calls).toEqual([]);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged' });
  });

  it('closes at once what the fill left open (bought 2, sold 1 at a loss)', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    const before = seen(fake, { fill: { contractId: MNQ, side: 1, size: 1 } });
    fake.traderFill(MNQ, 1, 1);
    void enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }), 'trade 9', before);
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toMatchObject([{ method: 'closePosition', effect: 'applied', immediate: true }]);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
  });
});

describe('enforcer fast path: the trader opens during a lockout', () => {
  it('closes what the lockout guard saw open at once, before any read', async () => {
    const { fake, enforcer, lockouts } = makeRig();
    await enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }));
    await drain(enforcer);
    const guard = createLockoutGuard({ lockouts, enforcer, clock: systemClock });
    fake.traderFill(MNQ, 0, 2); // opened on the page during the lockout
    const reads = fake.readCount();
    guard.onAccountEvent(1, undefined, 'position event', seen(fake, { positionEventFor: MNQ }));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.readCount()).toBe(reads);
    expect(fake.calls.at(-1)).toMatchObject({ method: 'closePosition', effect: 'applied', immediate: true });
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied('closePosition')).toHaveLength(1);
  });
});

describe('enforcer fast path: reductions', () => {
  it("reduces from the triggering event's size when it is the hub's own fresh update of that position", async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    void enforcer.submit(
      decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }),
      'position MNQ size 5',
      seen(fake, { positionEventFor: MNQ }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.calls).toMatchObject([{ method: 'reducePosition', args: [1, MNQ, 2], immediate: true }]);
    expect(fake.readCount()).toBe(0);
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ contractId: MNQ, size: 3 }]);
    expect(fake.overCloseAttempts).toBe(0);
  });

  it('reads first when the event is not about that position, is too old, or an exit order needs resizing first', async () => {
    const cases: Array<(fake: FakeAccount) => Sighting> = [
      (fake) => seen(fake), // a trade, not the position's own update
      (fake) => seen(fake, { positionEventFor: MNQ, receivedAt: Date.now() - 1_000 }),
      (fake) => seen(fake, { positionEventFor: MNQ, source: 'reconcile' }),
      (fake) => {
        fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 5, stopPrice: 90 });
        return seen(fake, { positionEventFor: MNQ });
      },
    ];
    for (const sighting of cases) {
      const { fake, enforcer } = makeRig();
      fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
      void enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }), 't', sighting(fake));
      await vi.advanceTimersByTimeAsync(0);
      expect(fake.calls.filter((c) => c.immediate)).toEqual([]);
      await drain(enforcer);
      expect(fake.positions()).toMatchObject([{ contractId: MNQ, size: 3 }]);
    }
  });
});

describe('enforcer fast path: chaos at the moment of acting', () => {
  it("the close's answer is lost: the verifying read settles it, nothing is closed twice", async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.inject('closePosition', 'unknown-after-apply');
    await enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }), 'trade', seen(fake));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied('closePosition')).toHaveLength(1);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged' });
  });

  it('the trader closes in the same instant: the fast close finds nothing (refused), no second close, no reversal', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    const sighting = seen(fake);
    fake.traderFill(MNQ, 1, 2); // flat before the guard's close lands
    await enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }), 'trade', sighting);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied()).toEqual([]);
    expect(enforcer.status(1)).toMatchObject({ state: 'converged' });
  });

  it('the hub event was stale (the position had grown): the whole close still takes all of it', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    const sighting = seen(fake);
    fake.traderFill(MNQ, 0, 3); // 4 open by the time the close lands
    await enforcer.submit(decision({ type: 'flatten' }), 'trade', sighting);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied('closePosition')).toHaveLength(1);
  });

  // The residual risk, written down: a reduction sized from the hub's update races the trader
  // exactly as one sized from a read does (a read is as old as a hub message when it arrives).
  it('a reduction the trader overtook in the same instant is refused by the gateway (an over-close attempt), never reversing', async () => {
    const { fake, enforcer } = makeRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 5 });
    const sighting = seen(fake, { positionEventFor: MNQ });
    fake.traderFill(MNQ, 1, 4); // 1 open: "reduce by 2" would be more than is open
    await enforcer.submit(decision({ type: 'reduce-position', contractId: MNQ, maxSize: 3 }), 't', sighting);
    await drain(enforcer);
    expect(fake.positions()).toMatchObject([{ contractId: MNQ, size: 1, type: 1 }]);
    expect(fake.applied()).toEqual([]);
    expect(fake.overCloseAttempts).toBe(1);
  });
});
