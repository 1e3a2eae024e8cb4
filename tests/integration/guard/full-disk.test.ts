import { describe, expect, it } from 'vitest';
import { createMemoryJournal } from '../../../src/core/journal/journal';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import {
  enforcingDailyLoss,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from '../../chaos/guard/guard-chaos-kit';
import { createFullDisk } from '../../unit/core/storage/full-disk';
import { waitFor } from './guard-harness';

/**
 * The composed guard against the simulator with IndexedDB refusing every write
 * (QuotaExceededError): a daily-loss breach is still flattened and locked, and the failure
 * shows in the guard's view (from which the popup and the notification are built).
 */
const rigs = rigPerTest();

describe('the guard on a full disk', () => {
  it('flattens and locks a daily-loss breach, and shows the storage failure', async () => {
    const disk = createFullDisk(createMemoryStore(), createMemoryJournal());
    const rig = await rigs.start({
      config: enforcingDailyLoss(100),
      harness: { store: disk.store, journal: disk.journal },
    });
    expect(rig.harness.guard.view().storage.state).toBe('ok');
    disk.fill();
    traderLosesPastLimit(rig.sim, rig.accountId);
    await waitFlat(rig.sim, rig.accountId);
    await waitLocked(rig);
    expect(rig.harness.guard.view().storage).toMatchObject({ state: 'failing', quota: true });
    expect(rig.sim.ledger.overCloses()).toEqual([]);

    // Space comes back: the watchdog writes the lockout that only lived in memory.
    disk.free();
    await rig.harness.guard.watchdog();
    await waitFor(() => rig.harness.guard.view().storage.state === 'ok', 'storage ok again');
    const stored = await disk.store.getAll('lockouts');
    expect(stored.map((r) => (r.value as { accountId: number }).accountId)).toContain(rig.accountId);
  });
});
