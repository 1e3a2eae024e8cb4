import { describe, expect, it, vi } from 'vitest';
import { createLockoutGuard } from '../../../../src/core/enforce/lockout-guard';
import { OrderType } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';
import { systemClock } from '../../../../src/core/ports';
import { type AccountState, createAccountState } from '../../../../src/core/state/account-state';
import { useFakeTimeAtT0 } from './fake-time';
import { CL, dayLockout, decision, drain, ES, MNQ, makeRig } from './harness';

useFakeTimeAtT0();

function stateOf(positions: Position[], orders: Order[] = []): AccountState {
  return {
    ...createAccountState({ id: 1, name: 'A', balance: 50_000, canTrade: true, isVisible: true }, '2026-11-25'),
    positions: Object.fromEntries(positions.map((p) => [p.contractId, p])),
    orders: Object.fromEntries(orders.map((o) => [String(o.id), o])),
  };
}

async function lockedRig() {
  const rig = makeRig();
  await rig.enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }));
  await drain(rig.enforcer);
  const guard = createLockoutGuard({ lockouts: rig.lockouts, enforcer: rig.enforcer, clock: systemClock });
  return { ...rig, guard };
}

describe('lockout guard', () => {
  it('re-flattens a position the trader opens during a lockout', async () => {
    const { fake, enforcer, guard } = await lockedRig();
    fake.traderFill(MNQ, 0, 2);
    expect(guard.onAccountEvent(1, stateOf(fake.positions()), 'GatewayUserPosition')).toBe(true);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.applied('closePosition')).toHaveLength(1);
  });

  it('cancels a working order placed during a lockout', async () => {
    const { fake, enforcer, guard } = await lockedRig();
    fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 5000 });
    guard.onAccountEvent(1, stateOf([], fake.workingOrders()));
    await drain(enforcer);
    expect(fake.workingOrders()).toEqual([]);
  });

  it('keeps closing whatever the trader opens again and again, one close per opening', async () => {
    const { fake, enforcer, guard } = await lockedRig();
    for (let i = 0; i < 5; i++) {
      fake.traderFill(MNQ, i % 2 === 0 ? 0 : 1, 1 + i);
      guard.onAccountEvent(1, stateOf(fake.positions()));
      await drain(enforcer);
      expect(fake.positions()).toEqual([]);
    }
    expect(fake.applied('closePosition')).toHaveLength(5);
    expect(fake.overCloseAttempts).toBe(0);
  });

  it('does nothing (and reads nothing) when the event leaves the locked account flat', async () => {
    const { fake, guard } = await lockedRig();
    const reads = fake.readCount();
    expect(guard.onAccountEvent(1, stateOf([]))).toBe(false);
    expect(fake.readCount()).toBe(reads);
  });

  it('without a state it re-reads REST and acts only on what is really there', async () => {
    const { fake, enforcer, guard } = await lockedRig();
    const calls = fake.calls.length;
    expect(guard.onAccountEvent(1)).toBe(true);
    await drain(enforcer);
    expect(fake.calls.length).toBe(calls);
  });

  it('ignores accounts that are not locked', async () => {
    const { guard } = await lockedRig();
    expect(guard.onAccountEvent(2)).toBe(false);
    expect(guard.desiredFor(2, Date.now())).toBeNull();
  });

  it('a symbol lockout closes and cancels only that root', async () => {
    const rig = makeRig();
    const guard = createLockoutGuard({ lockouts: rig.lockouts, enforcer: rig.enforcer, clock: systemClock });
    await rig.lockouts.add({
      accountId: 1,
      ruleId: 'symbol-blocks',
      reason: 'CL blocked',
      spec: {
        kind: 'lockout',
        end: { type: 'condition', condition: 'setting-changed' },
        scope: { type: 'symbol', root: 'CL' },
      },
    });
    rig.fake.traderFill(CL, 0, 1);
    rig.fake.traderFill(MNQ, 0, 1);
    rig.fake.seedOrder({ contractId: CL, type: OrderType.Limit, side: 0, size: 1, limitPrice: 60 });
    expect(guard.desiredFor(1, Date.now())).toMatchObject({ flat: false, blockedRoots: ['CL'] });
    expect(guard.onAccountEvent(1, stateOf(rig.fake.positions(), rig.fake.workingOrders()))).toBe(true);
    await drain(rig.enforcer);
    expect(rig.fake.positions().map((p) => p.contractId)).toEqual([MNQ]);
    expect(rig.fake.workingOrders()).toEqual([]);
    // An MNQ event alone does not violate a CL block.
    expect(guard.onAccountEvent(1, stateOf(rig.fake.positions()))).toBe(false);
  });

  describe('a lockout that leaves the open positions to the trader (a weekly limit without flatten)', () => {
    const keepLock = (keep: Record<string, number>) => ({
      kind: 'lockout' as const,
      end: { type: 'at' as const, at: Date.now() + 3_600_000 },
      scope: { type: 'account' as const },
      keep,
    });

    it('keeps the positions open at the lock and their exits; closes what is new and cancels every other order', async () => {
      const rig = makeRig();
      const guard = createLockoutGuard({ lockouts: rig.lockouts, enforcer: rig.enforcer, clock: systemClock });
      rig.fake.traderFill(ES, 0, 2);
      const stop = rig.fake.seedOrder({ contractId: ES, type: OrderType.Stop, side: 1, size: 2, stopPrice: 4900 });
      await rig.lockouts.add({
        accountId: 1,
        ruleId: 'weeklyTradeLimit',
        reason: '50 trades',
        spec: keepLock({ [ES]: 2 }),
      });
      // The trader adds exposure anyway (another platform): an ES buy and an MNQ position.
      rig.fake.seedOrder({ contractId: ES, type: OrderType.Limit, side: 0, size: 1, limitPrice: 4800 });
      rig.fake.traderFill(MNQ, 0, 1);
      expect(guard.desiredFor(1, Date.now())).toMatchObject({ flat: false, keepOnly: { [ES]: 2 } });
      expect(guard.onAccountEvent(1, stateOf(rig.fake.positions(), rig.fake.workingOrders()))).toBe(true);
      await drain(rig.enforcer);
      expect(rig.fake.positions().map((p) => [p.contractId, p.size])).toEqual([[ES, 2]]);
      expect(rig.fake.workingOrders().map((o) => o.id)).toEqual([stop.id]);
      // The kept position with its stop breaks nothing; growing it does.
      expect(guard.onAccountEvent(1, stateOf(rig.fake.positions(), rig.fake.workingOrders()))).toBe(false);
      rig.fake.traderFill(ES, 0, 1);
      expect(guard.onAccountEvent(1, stateOf(rig.fake.positions()))).toBe(true);
      await drain(rig.enforcer);
      expect(rig.fake.positions().map((p) => [p.contractId, p.size])).toEqual([[ES, 2]]);
    });

    it('gives way to a lockout that wants the account flat', async () => {
      const rig = makeRig();
      const guard = createLockoutGuard({ lockouts: rig.lockouts, enforcer: rig.enforcer, clock: systemClock });
      await rig.lockouts.add({ accountId: 1, ruleId: 'weeklyTradeLimit', reason: 'x', spec: keepLock({ [ES]: 2 }) });
      await rig.lockouts.add({ accountId: 1, ruleId: 'dailyRealizedLoss', reason: 'y', spec: dayLockout });
      expect(rig.lockouts.active(1, Date.now())).toHaveLength(2);
      expect(guard.desiredFor(1, Date.now())).toMatchObject({ flat: true });
    });
  });

  it('tick ends lockouts whose time is over and stops enforcing them', async () => {
    const { fake, enforcer, guard, lockouts } = await lockedRig();
    vi.setSystemTime(lockouts.nextExpiry() ?? 0);
    const { ended, checked } = await guard.tick();
    expect(ended).toHaveLength(1);
    expect(checked).toEqual([]);
    fake.traderFill(MNQ, 0, 1);
    expect(guard.onAccountEvent(1, stateOf(fake.positions()))).toBe(false);
    await drain(enforcer);
    expect(fake.positions()).toHaveLength(1);
  });

  it('tick re-checks every locked account through REST (a missed event cannot leave a position open)', async () => {
    const { fake, enforcer, guard } = await lockedRig();
    fake.traderFill(MNQ, 1, 3); // no event reached the guard
    const { checked } = await guard.tick();
    expect(checked).toEqual([1]);
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
  });

  it('ends the can-trade lockout when the platform allows trading again', async () => {
    const rig = makeRig();
    const guard = createLockoutGuard({ lockouts: rig.lockouts, enforcer: rig.enforcer, clock: systemClock });
    await rig.enforcer.submit(
      decision(
        { type: 'flatten' },
        {
          ruleId: 'trading-permission',
          lockout: { kind: 'lockout', end: { type: 'condition', condition: 'can-trade' }, scope: { type: 'account' } },
        },
      ),
    );
    await drain(rig.enforcer);
    expect(await guard.onAccountChange({ id: 1, canTrade: false })).toEqual([]);
    expect(rig.lockouts.isLocked(1, Date.now())).toBe(true);
    expect(await guard.onAccountChange({ id: 1, canTrade: true })).toHaveLength(1);
    expect(rig.lockouts.isLocked(1, Date.now())).toBe(false);
  });
});
