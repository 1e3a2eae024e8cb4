import { describe, expect, it, vi } from 'vitest';
import type { Sighting } from '../../../../src/core/enforce/fast-path';
import { createLockoutGuard, desiredFromLockouts, violatesLockout } from '../../../../src/core/enforce/lockout-guard';
import { OrderStatus } from '../../../../src/core/gateway/enums';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import type { Lockout } from '../../../../src/core/lockouts/lockout-record';
import { systemClock } from '../../../../src/core/ports';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { accountState, CL, ES, MNQ, order, position, stopFor } from '../rules/fixtures';
import { useFakeTimeAtT0 } from './fake-time';
import { makeBook, NEXT_RESET, T0 } from './harness';

useFakeTimeAtT0();

function lockout(over: Partial<Lockout> = {}): Lockout {
  return {
    id: 'l',
    accountId: 7,
    kind: 'lockout',
    scope: { type: 'account' },
    ruleId: 'dailyRealizedLoss',
    reason: 'day loss',
    figures: {},
    start: T0,
    end: { type: 'at', at: NEXT_RESET, from: 'next-reset' },
    sourceAccountId: 7,
    ...over,
  };
}
const symbolLock = (root: string, ruleId = 'symbolBlocks') =>
  lockout({ ruleId, reason: `${root} blocked`, scope: { type: 'symbol', root } });

describe('what the active lockouts ask of an account', () => {
  it('blocks each root once, however many lockouts block it', () => {
    const d = desiredFromLockouts([symbolLock('CL'), symbolLock('CL', 'other'), symbolLock('NQ')]);
    expect(d.blockedRoots).toEqual(['CL', 'NQ']);
    expect(d.flat).toBe(false);
  });

  it('keeps positions only for a whole-account lockout: a symbol lockout blocks its root whatever it says to keep', () => {
    const d = desiredFromLockouts([lockout({ scope: { type: 'symbol', root: 'CL' }, keep: { [CL]: 1 } })]);
    expect(d.blockedRoots).toEqual(['CL']);
    expect(d.keepOnly).toBeUndefined();
    expect(d.flat).toBe(false);
  });

  it('names each rule behind it once, as a lockout with its reason', () => {
    const d = desiredFromLockouts([lockout(), symbolLock('CL'), symbolLock('NQ'), lockout({ ruleId: 'weeklyLoss' })]);
    expect(d.causes).toEqual([
      { ruleId: 'dailyRealizedLoss', action: 'lockout', reason: 'day loss' },
      { ruleId: 'symbolBlocks', action: 'lockout', reason: 'CL blocked' },
      { ruleId: 'weeklyLoss', action: 'lockout', reason: 'day loss' },
    ]);
  });
});

describe('whether the account as the guard sees it breaks its lockouts', () => {
  const flat = desiredFromLockouts([lockout()]);
  const clBlocked = desiredFromLockouts([symbolLock('CL')]);
  const keepEs = desiredFromLockouts([lockout({ keep: { [ES]: 2 } })]);

  it('a position record closed to size 0, or an order no longer working, breaks nothing', () => {
    const closed = position(ES, 2, 5000, { size: 0 });
    const filled = order(ES, { status: OrderStatus.Filled });
    expect(violatesLockout(flat, accountState({ positions: [closed], orders: [filled] }))).toBe(false);
    expect(violatesLockout(keepEs, accountState({ positions: [closed], orders: [filled] }))).toBe(false);
  });

  it('a flat lockout is broken by any open position or working order', () => {
    expect(violatesLockout(flat, accountState({ positions: [position(MNQ, 1, 100)] }))).toBe(true);
    expect(violatesLockout(flat, accountState({ orders: [order(MNQ)] }))).toBe(true);
  });

  it('a symbol lockout is broken only in its root', () => {
    expect(violatesLockout(clBlocked, accountState({ positions: [position(MNQ, 1, 100)], orders: [order(ES)] }))).toBe(
      false,
    );
    expect(violatesLockout(clBlocked, accountState({ positions: [position(CL, -1, 60)] }))).toBe(true);
    expect(violatesLockout(clBlocked, accountState({ orders: [order(CL)] }))).toBe(true);
  });

  describe('a lockout that leaves positions to the trader', () => {
    const es = position(ES, 2, 5000);

    it('is kept by the kept positions, no larger, with their exits', () => {
      expect(violatesLockout(keepEs, accountState({ positions: [es], orders: [stopFor(es, 4900)] }))).toBe(false);
      expect(violatesLockout(keepEs, accountState({ positions: [position(ES, -1, 5000)] }))).toBe(false);
    });

    it('is broken by a kept position grown, or a position it does not keep', () => {
      expect(violatesLockout(keepEs, accountState({ positions: [position(ES, 3, 5000)] }))).toBe(true);
      expect(violatesLockout(keepEs, accountState({ positions: [es, position(MNQ, 1, 100)] }))).toBe(true);
    });

    it('is broken by a working order that is not an exit of a kept position', () => {
      const withOrders = (...orders: ReturnType<typeof order>[]) =>
        violatesLockout(keepEs, accountState({ positions: [es], orders }));
      expect(withOrders(order(ES, { side: 0 }))).toBe(true); // adds to the long
      expect(withOrders(stopFor(es, 4900, { size: 3 }))).toBe(true); // larger than the position: would reverse it
      expect(withOrders(order(MNQ, { side: 1 }))).toBe(true); // no position there
    });

    it('is broken by an exit order left working once its kept position has closed: filled, it would open a new one', () => {
      const exit = stopFor(es, 4900);
      expect(violatesLockout(keepEs, accountState({ orders: [exit] }))).toBe(true);
      expect(violatesLockout(keepEs, accountState({ positions: [position(ES, 0, 5000)], orders: [exit] }))).toBe(true);
    });

    it('gives way to a flat lockout of the same account', () => {
      const both = desiredFromLockouts([lockout({ keep: { [ES]: 2 } }), lockout({ ruleId: 'weeklyLoss' })]);
      expect(violatesLockout(both, accountState({ positions: [es], orders: [stopFor(es, 4900)] }))).toBe(true);
    });
  });
});

describe('lockout guard, as the enforcer sees it', () => {
  async function guardWithLock(kick = vi.fn()) {
    const book = makeBook(createMemoryStore(), createMemoryJournal());
    await book.add({
      accountId: 1,
      ruleId: 'dailyRealizedLoss',
      reason: 'x',
      spec: { kind: 'lockout', end: { type: 'next-reset' }, scope: { type: 'account' } },
    });
    return { kick, guard: createLockoutGuard({ lockouts: book, enforcer: { kick }, clock: systemClock }) };
  }

  it('names the event that started enforcement, "account event" when none is given', async () => {
    const { kick, guard } = await guardWithLock();
    guard.onAccountEvent(1, undefined, 'GatewayUserPosition');
    guard.onAccountEvent(1);
    expect(kick.mock.calls).toEqual([
      [1, 'lockout guard: GatewayUserPosition', undefined],
      [1, 'lockout guard: account event', undefined],
    ]);
  });

  it('hands the enforcer what the event showed, so what the trader opened is closed at once', async () => {
    const { kick, guard } = await guardWithLock();
    const sighting: Sighting = {
      positions: [position(MNQ, 1, 100)],
      orders: [],
      source: 'hub',
      receivedAt: T0,
      positionEventFor: MNQ,
    };
    expect(guard.onAccountEvent(1, undefined, 'GatewayUserPosition', sighting)).toBe(true);
    expect(kick.mock.calls).toEqual([[1, 'lockout guard: GatewayUserPosition', { sighting }]]);
  });

  it('re-checks on the timer within the enforcer’s backoff, so a failing API is not hammered every tick', async () => {
    const { kick, guard } = await guardWithLock();
    await guard.tick();
    expect(kick.mock.calls).toEqual([[1, 'lockout guard: timer', { respectBackoff: true }]]);
  });
});
