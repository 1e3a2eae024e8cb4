import { describe, expect, it } from 'vitest';
import type { Lockout } from '../../../src/core/lockouts/lockout-record';
import { createMemoryStore } from '../../../src/core/storage/memory-store';
import { startGuard, waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  type ChaosRig,
  enforcingDailyLoss,
  isFlat,
  rigPerTest,
  traderLosesPastLimit,
  waitConnected,
  waitLocked,
} from './guard-chaos-kit';
import { stoppableStore } from './stoppable-store';

/**
 * The fast path acts before the lockout is on disk. A worker stopped in that gap loses the
 * record, never the lockout: the rules judge the account again when the next worker starts
 * (level, not edge), from the day's trades as REST gives them or as the saved state holds them.
 */
const rigs = rigPerTest();

async function breachWithStalledLockout(options: { waitMs: number }) {
  const inner = createMemoryStore();
  const disk = stoppableStore(inner);
  const rig = await rigs.start({ config: enforcingDailyLoss(100), harness: { store: disk.store } });
  const { sim, accountId } = rig;
  // The lockout's (and the pending enforcement's) strict write starts and never lands.
  disk.stall(['lockouts', 'intents']);
  traderLosesPastLimit(sim, accountId);
  await waitFor(() => appliedCloses(sim, accountId).length > 0, 'the fast close at the exchange');
  expect(rig.harness.guard.view().lockouts.some((l) => l.accountId === accountId)).toBe(true);
  await new Promise((r) => setTimeout(r, options.waitMs));
  // The worker stops here: its unfinished writes never land, nothing it writes later does.
  disk.stop();
  await rig.harness.stop();
  expect(await inner.getAll('lockouts')).toEqual([]);
  return { rig, inner, accountId, sim };
}

async function wake(rig: ChaosRig, inner: ReturnType<typeof createMemoryStore>) {
  const next = startGuard(rig.sim, { store: inner, journal: rig.harness.journal });
  rig.harness = next;
  await next.guard.start();
  await waitConnected(rig);
  return next;
}

describe('a worker stopped during the fast path', () => {
  it('right after its close went out: the next worker locks again from the day’s trades', async () => {
    const { rig, inner, accountId, sim } = await breachWithStalledLockout({ waitMs: 0 });
    await wake(rig, inner);
    await waitLocked(rig);
    await waitFor(
      async () => (await inner.getAll<Lockout>('lockouts')).some((l) => l.value.accountId === accountId),
      'the lockout on disk',
    );
    await rig.harness.guard.whenIdle(accountId);
    expect(isFlat(sim, accountId)).toBe(true);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    expect(sim.ledger.overCloses()).toEqual([]);
  });

  it('after the day’s state and the rules’ memory were saved, the lockout write still hanging: locked again on wake', async () => {
    const { rig, inner, accountId, sim } = await breachWithStalledLockout({ waitMs: 1_200 });
    // The saved state already holds the losing trade: REST brings nothing new on wake.
    const saved = await inner.get<{ trades: Record<string, unknown> }>('accounts', String(accountId));
    expect(Object.keys(saved?.trades ?? {})).toHaveLength(3); // buy 2, sell 1, the guard's close
    await wake(rig, inner);
    await waitLocked(rig);
    await rig.harness.guard.whenIdle(accountId);
    expect(isFlat(sim, accountId)).toBe(true);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
  });
});
