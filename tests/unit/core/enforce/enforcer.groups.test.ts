import { describe, expect, it, vi } from 'vitest';
import { createEnforcer } from '../../../../src/core/enforce/enforcer';
import { createLockoutGuard } from '../../../../src/core/enforce/lockout-guard';
import type { GatewayReads, OrderActions } from '../../../../src/core/gateway/api';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { systemClock, systemTimers } from '../../../../src/core/ports';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { createFakeAccount, type FakeAccount } from './fake-account';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, ES, MNQ, makeBook } from './harness';

useFakeTimeAtT0();

/** Several fake accounts behind one gateway, routed by account id. */
function profile(ids: number[]) {
  const fakes = new Map<number, FakeAccount>(
    ids.map((id) => [id, createFakeAccount({ accountId: id, now: () => Date.now(), timers: systemTimers })]),
  );
  const of = (id: number): FakeAccount => {
    const f = fakes.get(id);
    if (!f) throw new Error(`no account ${id}`);
    return f;
  };
  const reads: GatewayReads = {
    searchAccounts: (b, c) => of(ids[0] ?? 0).reads.searchAccounts(b, c),
    searchOpenPositions: (b, c) => of(b.accountId).reads.searchOpenPositions(b, c),
    searchOpenOrders: (b, c) => of(b.accountId).reads.searchOpenOrders(b, c),
    searchTrades: (b, c) => of(b.accountId).reads.searchTrades(b, c),
    contractById: (b, c) => of(ids[0] ?? 0).reads.contractById(b, c),
  };
  const actions: OrderActions = {
    placeOrder: (r, c) => of(r.accountId).actions.placeOrder(r, c),
    cancelOrder: (a, o, c) => of(a).actions.cancelOrder(a, o, c),
    modifyOrder: (r, c) => of(r.accountId).actions.modifyOrder(r, c),
    closePosition: (a, k, c) => of(a).actions.closePosition(a, k, c),
    reducePosition: (a, k, n, c) => of(a).actions.reducePosition(a, k, n, c),
    sendNow: (a, x, c) => of(a).actions.sendNow(a, x, c),
  };
  return { of, reads, actions };
}

describe('enforcer: accounts and copy-trading groups', () => {
  it('a lockout on one account of a group flattens and locks every account of the group, and no other', async () => {
    const p = profile([1, 2, 3]);
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    const lockouts = makeBook(store, journal, [[1, 2]]);
    const enforcer = createEnforcer({ ...p, lockouts, journal, clock: systemClock, timers: systemTimers, store });
    for (const id of [1, 2, 3]) p.of(id).seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    await enforcer.submit(
      decision({ type: 'flatten' }, { accountId: 1, ruleId: 'daily-realized-loss', lockout: dayLockout }),
    );
    await drain(enforcer);
    expect(p.of(1).positions()).toEqual([]);
    expect(p.of(2).positions()).toEqual([]);
    expect(p.of(3).positions()).toHaveLength(1);
    expect(lockouts.isLocked(2, Date.now())).toBe(true);
    // The copier opens on account 2: the guard closes it, account 3 stays untouched.
    const guard = createLockoutGuard({ lockouts, enforcer, clock: systemClock });
    p.of(2).traderFill(ES, 0, 1);
    p.of(3).traderFill(ES, 0, 1);
    guard.onAccountEvent(2);
    guard.onAccountEvent(3);
    await drain(enforcer);
    expect(p.of(2).positions()).toEqual([]);
    expect(p.of(3).positions()).toHaveLength(2);
  });

  it('runs one loop per account: a slow account does not hold back another', async () => {
    const p = profile([1, 2]);
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    const lockouts = makeBook(store, journal);
    const enforcer = createEnforcer({
      ...p,
      lockouts,
      journal,
      clock: systemClock,
      timers: systemTimers,
      settleMs: 10,
    });
    p.of(1).seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    p.of(2).seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    p.of(1).inject('closePosition', 'hang');
    await enforcer.submit(decision({ type: 'flatten' }, { accountId: 1 }));
    await enforcer.submit(decision({ type: 'flatten' }, { accountId: 2 }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(p.of(2).positions()).toEqual([]);
    expect(enforcer.status(2).state).toBe('converged');
    expect(enforcer.status(1).state).toBe('enforcing');
  });

  it('a lockout re-check that finds nothing to do writes nothing to the journal', async () => {
    const p = profile([1]);
    const store = createMemoryStore();
    const journal = createMemoryJournal();
    const lockouts = makeBook(store, journal);
    const enforcer = createEnforcer({ ...p, lockouts, journal, clock: systemClock, timers: systemTimers, store });
    await enforcer.submit(decision({ type: 'flatten' }, { lockout: dayLockout }));
    await drain(enforcer);
    const before = journal.entries.length;
    const guard = createLockoutGuard({ lockouts, enforcer, clock: systemClock });
    for (let i = 0; i < 3; i++) {
      await guard.tick();
      await drain(enforcer);
    }
    expect(journal.entries.length).toBe(before);
    p.of(1).traderFill(MNQ, 0, 1);
    await guard.tick();
    await drain(enforcer);
    expect(journal.entries.slice(before).map((e) => e.kind)).toEqual(['action', 'enforcement']);
    expect(journal.entries.at(-2)?.data).toMatchObject({ triggers: ['lockout guard: timer'] });
  });
});
