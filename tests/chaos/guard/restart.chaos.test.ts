import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  type ChaosRig,
  enforcingDailyLoss,
  expectCleanEnd,
  isFlat,
  MNQ,
  restartGuard,
  rigPerTest,
  traderLosesPastLimit,
  waitConnected,
  waitFlat,
  waitLocked,
} from './guard-chaos-kit';

const rigs = rigPerTest();

const decided = (r: ChaosRig) =>
  waitFor(
    () => r.harness.journal.entries.some((e) => e.kind === 'decision' && e.accountId === r.accountId),
    'the enforcement decision in the journal',
  );

describe('the composed guard across a worker restart', () => {
  it('resumes an unfinished flatten after the worker died mid-way, closing exactly once', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    // The first close hangs (the worker dies before it gets an answer; nothing is applied).
    const hang = sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
      effect: { type: 'timeout' },
      schedule: { type: 'once' },
    });
    traderLosesPastLimit(sim, accountId);
    await decided(rig);
    await waitFor(() => (sim.faults.fired()[hang] ?? 0) > 0, 'the close in flight');
    expect(isFlat(sim, accountId)).toBe(false);

    const next = await restartGuard(rig);
    await waitFlat(sim, accountId);
    await waitConnected(rig);
    expect(next.journal.entries.some((e) => e.kind === 'enforcement' && e.message.startsWith('Resuming'))).toBe(true);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    await waitLocked(rig);
    await expectCleanEnd(rig);
  });

  it('does not close again after a restart when the dying worker’s close was applied but its answer lost', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
      effect: { type: 'latency', ms: 300 },
      schedule: { type: 'once' },
    });
    sim.faults.add({
      target: { kind: 'rest', endpoint: '/api/Position/closeContract' },
      effect: { type: 'apply-then-fail' },
      schedule: { type: 'once' },
    });
    traderLosesPastLimit(sim, accountId);
    await decided(rig);
    // Killed right as the close is applied, before its (lost) answer is handled.
    await waitFor(() => appliedCloses(sim, accountId).length === 1, 'the close applied', 5000);
    await restartGuard(rig);
    await waitFlat(sim, accountId);
    await waitConnected(rig);
    await waitLocked(rig);
    await rig.harness.guard.whenIdle(accountId);
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    await expectCleanEnd(rig);
  });

  it('keeps a daily-loss lockout across a restart and flattens what the trader opens afterwards', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    traderLosesPastLimit(sim, accountId);
    await waitFlat(sim, accountId);
    await waitLocked(rig);
    await rig.harness.guard.whenIdle(accountId);
    const before = rig.harness.guard.view().lockouts.find((l) => l.accountId === accountId);

    const next = await restartGuard(rig);
    // From storage, before any socket: the lockout is already in force.
    expect(next.guard.view().lockouts.find((l) => l.accountId === accountId)).toEqual(before);
    // Subscribed again to the account's orders/positions/trades, though its stored state
    // made the reconcile emit no 'account' event (the realtime session's start() fix).
    await waitConnected(rig);

    // A resting order changes no balance (no account event): only the restored
    // subscriptions show it, and it is cancelled.
    const resting = sim.trader.placeOrder(accountId, {
      contractId: MNQ,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: 20_000,
    });
    await waitFor(
      () => !sim.ledger.truth(accountId).openOrders.some((o) => o.id === resting),
      'the resting order cancelled',
      5000,
    );

    sim.market.setPrice(MNQ, 20_900);
    const tradesBefore = sim.ledger.truth(accountId).trades.length;
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await waitFor(() => sim.ledger.truth(accountId).trades.length > tradesBefore, 'the trader’s new fill');
    await waitFlat(sim, accountId);
    expect(appliedCloses(sim, accountId)).toHaveLength(2);
    expect(next.guard.view().lockouts.some((l) => l.accountId === accountId)).toBe(true);
    await expectCleanEnd(rig);
  });
});
