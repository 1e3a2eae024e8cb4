import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, PositionType } from '../../../src/core/gateway/enums';
import type { GuardConfig } from '../../../src/core/rules/config/config-schema';
import { waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  duplicateTags,
  enforcingDailyLoss,
  enforcingMaxContracts,
  expectCleanEnd,
  isFlat,
  MNQ,
  marketOrder,
  rigPerTest,
  settledPicture,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
  wastedCloses,
} from './guard-chaos-kit';

/**
 * The fast path against the simulator (act first: whole closes and cancels leave the moment the
 * rules decide, from what the triggering hub event showed, before any read). The picture it
 * acts on can be behind the exchange; these are the races that makes possible, and what must
 * hold through each: no over-close, no duplicate, no reversal, flat and locked at the end.
 */
const rigs = rigPerTest();

/** Max 1 contract (each contract counts 1), flatten on a breach. */
function oneContractFlatten(): GuardConfig {
  const config = enforcingMaxContracts(1, 'flatten');
  config.defaultProfile.rules.maxContracts = { ...config.defaultProfile.rules.maxContracts, counting: 'contracts' };
  return config;
}

/** Ledger positions on `contractId` that opened the other way round after `sinceSeq` (0 = none). */
function reversals(sim: Simulator, accountId: number, contractId: string, side: number, sinceSeq: number): number {
  return sim.ledger
    .entries({ accountId, type: 'position', sinceSeq })
    .filter((e) => e.type === 'position' && e.position.contractId === contractId)
    .filter((e) => e.type === 'position' && e.position.size > 0 && e.position.type !== side).length;
}

const lastSeq = (sim: Simulator) => sim.ledger.entries().at(-1)?.seq ?? 0;

describe('the fast path when its picture is behind the exchange', () => {
  it('the trader closes in the same instant: the guard’s close finds nothing, is refused, and nothing reverses', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    const from = lastSeq(sim);
    // The guard hears 30 ms late, so it acts on the position as it was before the trader's close.
    sim.faults.add({
      target: { kind: 'hub', hub: 'user' },
      effect: { type: 'latency', ms: 30 },
      schedule: { type: 'always' },
    });
    traderLosesPastLimit(sim, accountId); // −$200 realized, 1 MNQ still long
    marketOrder(sim, accountId, OrderSide.Ask, 1); // ... and the trader closes it at once
    await waitLocked(rig);
    await waitFor(() => wastedCloses(sim, accountId).length > 0, 'the guard’s close, refused');
    await rig.harness.guard.whenIdle(accountId);
    sim.faults.clear();
    expect(isFlat(sim, accountId)).toBe(true);
    expect(appliedCloses(sim, accountId)).toEqual([]);
    expect(wastedCloses(sim, accountId)).toHaveLength(1);
    expect(sim.ledger.overCloses()).toEqual([]);
    expect(duplicateTags(sim, accountId)).toEqual([]);
    expect(reversals(sim, accountId, MNQ, PositionType.Long, from)).toBe(0);
    const { picture, truth } = await settledPicture(rig);
    expect(picture).toEqual(truth);
  });

  it('the close’s answer is lost: the verifying read settles it, one close, no second one', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    const lost = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
      effect: { type: 'apply-then-fail', status: 502 },
      schedule: { type: 'once' },
    });
    traderLosesPastLimit(sim, accountId);
    await waitFlat(sim, accountId);
    await waitLocked(rig);
    await rig.harness.guard.whenIdle(accountId);
    expect(sim.faults.fired()[lost]).toBe(1);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    expect(rig.harness.guard.view().enforcement(accountId)).toMatchObject({ state: 'converged' });
    await expectCleanEnd(rig);
  });

  it('the hub event was stale (the position was already closed): one refused close, then the read says flat', async () => {
    const rig = await rigs.start({ config: oneContractFlatten() });
    const { sim, accountId } = rig;
    const from = lastSeq(sim);
    sim.faults.add({ target: { kind: 'hub', hub: 'user' }, effect: { type: 'hold' }, schedule: { type: 'always' } });
    marketOrder(sim, accountId, OrderSide.Bid, 3); // the breach ...
    marketOrder(sim, accountId, OrderSide.Ask, 3); // ... already undone when the guard hears of it
    sim.faults.clear();
    sim.faults.release();
    await waitFor(() => wastedCloses(sim, accountId).length > 0, 'the guard’s close, refused');
    await rig.harness.guard.whenIdle(accountId);
    expect(isFlat(sim, accountId)).toBe(true);
    expect(appliedCloses(sim, accountId)).toEqual([]);
    expect(wastedCloses(sim, accountId)).toHaveLength(1);
    expect(sim.ledger.overCloses()).toEqual([]);
    expect(reversals(sim, accountId, MNQ, PositionType.Long, from)).toBe(0);
    const { picture, truth } = await settledPicture(rig);
    expect(picture).toEqual(truth);
  });

  it('the hub event was stale (the position had grown since): the whole close still takes all of it, once', async () => {
    const rig = await rigs.start({ config: oneContractFlatten() });
    const { sim, accountId } = rig;
    const from = lastSeq(sim);
    sim.faults.add({ target: { kind: 'hub', hub: 'user' }, effect: { type: 'hold' }, schedule: { type: 'always' } });
    marketOrder(sim, accountId, OrderSide.Bid, 3);
    marketOrder(sim, accountId, OrderSide.Bid, 2); // 5 open by the time the guard acts on "3"
    sim.faults.clear();
    sim.faults.release();
    await waitFlat(sim, accountId);
    await rig.harness.guard.whenIdle(accountId);
    expect(appliedCloses(sim, accountId).map((c) => [c.requestedSize, c.openSizeBefore])).toEqual([['all', 5]]);
    expect(reversals(sim, accountId, MNQ, PositionType.Long, from)).toBe(0);
    await expectCleanEnd(rig);
  });
});
