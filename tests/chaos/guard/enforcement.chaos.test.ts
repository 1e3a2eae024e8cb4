import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  enforcingDailyLoss,
  enforcingMaxContracts,
  expectCleanEnd,
  isFlat,
  MNQ,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from './guard-chaos-kit';

const rigs = rigPerTest();

describe('the composed guard enforcing', () => {
  it('flattens once when the daily loss limit and max contracts are breached by the same fill', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100, enforcingMaxContracts(2, 'reduce')) });
    const { sim, harness, accountId } = rig;
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
    await waitFor(() => harness.guard.view().state.accounts[String(accountId)]?.positions[MNQ], 'the long 2');
    sim.market.setPrice(MNQ, 20_800);
    // One sell of 27 closes the long 2 at a $800 loss AND opens a short 25 MNQ: 2.5
    // mini-equivalents, over the limit of 2.
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Ask, size: 27 });

    await waitFlat(sim, accountId);
    await waitLocked(rig);
    await harness.guard.whenIdle(accountId);
    const decisions = harness.journal.entries.filter((e) => e.kind === 'decision' && e.accountId === accountId);
    expect(new Set(decisions.map((d) => d.ruleId))).toEqual(new Set(['dailyRealizedLoss', 'maxContracts']));
    // One flatten: a single whole close, no partial reduction before or after it.
    const closes = appliedCloses(sim, accountId);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.requestedSize).toBe('all');
    expect(sim.requests.list('/api/Position/partialCloseContract')).toEqual([]);
    await expectCleanEnd(rig);
  });

  it('closes every position and cancels every working order the trader opens during a lockout, each once', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    traderLosesPastLimit(sim, accountId);
    await waitFlat(sim, accountId);
    await waitLocked(rig);
    await rig.harness.guard.whenIdle(accountId);
    let closes = appliedCloses(sim, accountId).length;

    for (let attempt = 1; attempt <= 5; attempt++) {
      const price = 20_800 + attempt;
      sim.market.setPrice(MNQ, price);
      const resting = sim.trader.placeOrder(accountId, {
        contractId: MNQ,
        type: OrderType.Limit,
        side: OrderSide.Bid,
        size: 1,
        limitPrice: price - 50,
      });
      sim.trader.placeOrder(accountId, {
        contractId: MNQ,
        type: OrderType.Market,
        side: attempt % 2 === 0 ? OrderSide.Ask : OrderSide.Bid,
        size: attempt,
      });
      await waitFlat(sim, accountId, 8000);
      const order = sim.ledger.truth(accountId).orders.find((o) => o.id === resting);
      expect(order?.status).toBe(3); // Cancelled
      await rig.harness.guard.whenIdle(accountId);
      const now = appliedCloses(sim, accountId).length;
      expect(now - closes).toBe(1);
      closes = now;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(isFlat(sim, accountId)).toBe(true);
    expect(rig.harness.guard.view().lockouts.some((l) => l.accountId === accountId)).toBe(true);
    await expectCleanEnd(rig);
  });
});
