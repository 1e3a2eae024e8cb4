import { describe, expect, it } from 'vitest';
import { createEnforcer } from '../../../../src/core/enforce/enforcer';
import { OrderType } from '../../../../src/core/gateway/enums';
import { createMemoryJournal } from '../../../../src/core/journal/journal';
import { systemClock, systemTimers } from '../../../../src/core/ports';
import { createMemoryStore } from '../../../../src/core/storage/memory-store';
import { createFullDisk } from '../storage/full-disk';
import { createFakeAccount } from './fake-account';
import { useFakeTimeAtT0 } from './fake-time';
import { dayLockout, decision, drain, ES, MNQ, makeBook } from './harness';

/**
 * A full disk (IndexedDB refusing every write with QuotaExceededError) must not switch
 * enforcement off: the breach is still flattened and locked (in memory, fail closed); the
 * journal is a record, not a gate.
 */

useFakeTimeAtT0();

function fullDiskRig() {
  const disk = createFullDisk(createMemoryStore(), createMemoryJournal());
  const fake = createFakeAccount({ now: () => Date.now(), timers: systemTimers });
  const lockouts = makeBook(disk.store, disk.journal);
  const enforcer = createEnforcer({
    actions: fake.actions,
    reads: fake.reads,
    lockouts,
    journal: disk.journal,
    clock: systemClock,
    timers: systemTimers,
    store: disk.store,
    settleMs: 200,
  });
  return { disk, fake, lockouts, enforcer };
}

describe('enforcer: a full disk', () => {
  it('still flattens and locks after a daily-loss breach when every write fails with QuotaExceededError', async () => {
    const { disk, fake, lockouts, enforcer } = fullDiskRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 2 });
    fake.seedPosition({ contractId: ES, side: 'short', size: 1 });
    fake.seedOrder({ contractId: MNQ, type: OrderType.Stop, side: 1, size: 2, stopPrice: 90 });
    disk.fill();
    await enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }));
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(fake.workingOrders()).toEqual([]);
    expect(lockouts.isLocked(1, Date.now())).toBe(true);
    expect(enforcer.status(1).state).toBe('converged');
    expect(disk.refused()).toBeGreaterThan(0);
  });

  it('keeps acting when the disk fills up in the middle of an enforcement', async () => {
    const { disk, fake, enforcer } = fullDiskRig();
    fake.seedPosition({ contractId: MNQ, side: 'long', size: 1 });
    fake.setLatency(50);
    await enforcer.submit(decision({ type: 'flatten' }, { ruleId: 'daily-realized-loss', lockout: dayLockout }));
    disk.fill();
    await drain(enforcer);
    expect(fake.positions()).toEqual([]);
    expect(enforcer.status(1).state).toBe('converged');
  });
});
