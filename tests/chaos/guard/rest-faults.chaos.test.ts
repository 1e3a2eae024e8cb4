import { describe, expect, it } from 'vitest';
import type { Lockout } from '../../../src/core/lockouts/lockout-record';
import { waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  enforcingDailyLoss,
  expectCleanEnd,
  isFlat,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from './guard-chaos-kit';

const rigs = rigPerTest();

describe('the composed guard while the REST API misbehaves', () => {
  it.each([1, 2, 3, 9])(
    'ends flat with no over-close and no duplicate when half the REST calls fail and closes apply but lose their answer (seed %i)',
    async (seed) => {
      const rig = await rigs.start({ sim: { seed }, config: enforcingDailyLoss(100) });
      const { sim, accountId } = rig;
      // First match wins: the enforcer's first read (the one verifying its fast close) fails
      // for sure; then half of the closes
      // are applied and their answer lost, and half of every other call (and of the
      // remaining closes) fails with a 500.
      const firstRead = sim.faults.add({
        target: { kind: 'rest', endpoint: '/api/Position/searchOpen' },
        effect: { type: 'http-error', status: 500 },
        schedule: { type: 'once' },
      });
      sim.faults.add({
        target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
        effect: { type: 'apply-then-fail', status: 500 },
        schedule: { type: 'probability', p: 0.5 },
      });
      sim.faults.add({
        target: { kind: 'rest' },
        effect: { type: 'http-error', status: 500 },
        schedule: { type: 'probability', p: 0.5 },
      });

      traderLosesPastLimit(sim, accountId);
      await waitFlat(sim, accountId, 18_000);
      await waitLocked(rig);
      await rig.harness.guard.whenIdle(accountId);
      expect(sim.faults.fired()[firstRead]).toBe(1);
      // One position, closed once: a lost answer is resolved by reading, never by closing again.
      expect(appliedCloses(sim, accountId)).toHaveLength(1);

      sim.faults.clear();
      await rig.harness.guard.reconcile('test: faults cleared');
      await expectCleanEnd(rig);
    },
  );

  it('persists the lockout at once during a 429 storm, honours Retry-After and flattens once the storm passes', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, harness, accountId } = rig;
    const retryAfterSec = 2;
    sim.requests.clear();
    const storm = sim.faults.add({
      target: { kind: 'rest' },
      effect: { type: 'rate-limit', retryAfterSec },
      schedule: { type: 'window', fromMs: 0, toMs: 3000 },
    });
    const stormStart = Date.now();

    traderLosesPastLimit(sim, accountId);
    // The hub told the guard; the lockout is on disk before any REST call got through.
    await waitFor(
      async () => (await harness.store.getAll<Lockout>('lockouts')).some((l) => l.value.accountId === accountId),
      'the lockout persisted',
      3000,
    );
    expect(Date.now() - stormStart).toBeLessThan(3000);
    expect(isFlat(sim, accountId)).toBe(false);

    await waitFlat(sim, accountId, 15_000);
    await waitLocked(rig);
    expect(sim.faults.fired()[storm]).toBeGreaterThan(0);

    // Retry-After honoured: after the first 429 the guard sends (almost) nothing for
    // `retryAfterSec` — at most what was already in flight or queued in other buckets.
    const log = sim.requests.list();
    const first429 = log.find((r) => r.httpStatus === 429);
    expect(first429).toBeDefined();
    const from = (first429?.at ?? 0) + 250;
    const quietUntil = (first429?.at ?? 0) + retryAfterSec * 1000 - 100;
    const during = log.filter((r) => r.at > from && r.at < quietUntil && r.endpoint.startsWith('/api/'));
    expect(during.length).toBeLessThanOrEqual(2);
    // And the close itself was not sent into the storm again and again.
    const closes = log.filter((r) => r.endpoint === '/api/Position/closeContract');
    expect(closes.filter((r) => r.httpStatus === 429).length).toBeLessThanOrEqual(2);

    await expectCleanEnd(rig);
  });
});
