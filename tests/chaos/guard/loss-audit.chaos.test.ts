import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../../simulator/types';
import { OrderSide } from '../../../src/core/gateway/enums';
import { realizedPnl } from '../../../src/core/state/selectors';
import { waitFor } from '../../integration/guard/guard-harness';
import {
  appliedCloses,
  enforcingDailyLoss,
  expectCleanEnd,
  MNQ,
  marketOrder,
  rigPerTest,
  waitFlat,
  waitLocked,
} from './guard-chaos-kit';

/**
 * The compressed soak's false lockout, replayed: the hub drops the user-hub message of a
 * WINNING fill (no disconnect, so no reconcile follows), then losses bring the guard's figure
 * of the day near the $200 limit. Without the audit, the next losing trade breaches on the
 * guard's figure (short by the win) while the account's real loss is well inside the limit:
 * flatten and a lockout for the rest of the day. With it, the loss that brings the account
 * near its limit makes the guard read the day's trades, the dropped win comes back down the
 * event path, and only a real breach locks — at once, with no read in front of it.
 */
const rigs = rigPerTest();

/** A round trip of one MNQ: buy at `from`, sell at `to` ($2 a point, before costs). */
function roundTrip(sim: Simulator, accountId: number, from: number, to: number): void {
  sim.market.setPrice(MNQ, from);
  marketOrder(sim, accountId, OrderSide.Bid, 1);
  sim.market.setPrice(MNQ, to);
  marketOrder(sim, accountId, OrderSide.Ask, 1);
}

const cents = (n: number) => Math.round(n * 100) / 100;

describe('the daily loss audit against a dropped winning fill', () => {
  it('picks up a win the hub dropped once losses bring the day near its limit, so a loss inside the real limit locks nothing; a real breach still locks at once', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(200) });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;
    const startBalance = sim.ledger.truth(accountId).account.balance;
    const truthDay = () => cents(sim.ledger.truth(accountId).account.balance - startBalance);
    const guardDay = () => {
      const account = guard.view().state.accounts[String(accountId)];
      return account ? cents(realizedPnl(account, guard.view().config)) : null;
    };
    const tradesSeen = () => Object.keys(guard.view().state.accounts[String(accountId)]?.trades ?? {}).length;

    // 1. A win of $50 (+$48.76 after costs) whose closing trade message the hub drops: the
    //    position's close and the balance arrive, the trade does not.
    sim.market.setPrice(MNQ, 21_000);
    marketOrder(sim, accountId, OrderSide.Bid, 1);
    await waitFor(() => tradesSeen() === 1, 'the opening trade');
    const drop = sim.faults.add({
      target: { kind: 'hub', hub: 'user', event: 'GatewayUserTrade' },
      effect: { type: 'drop' },
      schedule: { type: 'once' },
    });
    sim.market.setPrice(MNQ, 21_025);
    marketOrder(sim, accountId, OrderSide.Ask, 1);
    await waitFor(() => sim.faults.fired()[drop] === 1, 'the winning trade’s message dropped');
    await waitFor(
      () => Object.keys(guard.view().state.accounts[String(accountId)]?.positions ?? {}).length === 0,
      'the position’s close, which the hub did send',
    );
    expect(truthDay()).toBe(48.76);
    expect(guardDay()).toBe(-0.62); // far from the limit: the win is simply missing
    expect(guard.view().lossAudits.runs).toBe(0);

    // 2. A loss of $130 (−$131.24): the guard's figure −$131.86 is past 50 % of $200, the
    //    rule's lowest warning level → the audit reads the day's trades and finds the win.
    roundTrip(sim, accountId, 21_000, 20_935);
    await waitFor(() => guardDay() === truthDay(), 'the guard’s day equal to the ledger’s (the dropped win found)');
    expect(truthDay()).toBe(-82.48);
    expect(guard.view().lossAudits).toMatchObject({ runs: 1, foundMissed: 1, missedTrades: 1 });
    const found = await harness.journal.list({ kinds: ['missed-event'], accountId });
    expect(found.map((e) => e.message)).toContain(
      'the daily loss audit fed in 1 trade the hub missed (it began at Daily loss $131.86 of $200)',
    );

    // 3. A loss of $100 (−$101.24): −$183.72 for the day, inside the limit. On the guard's old
    //    figure (short by the win’s $49.38) it would be −$233.10: a breach, a flatten, a lockout.
    roundTrip(sim, accountId, 21_000, 20_950);
    await waitFor(() => guardDay() === truthDay(), 'the guard seeing the third round trip');
    expect(truthDay()).toBe(-183.72);
    await guard.whenIdle(accountId);
    expect(guard.view().lockouts).toEqual([]);
    expect(sim.requests.list('/api/Position/closeContract')).toEqual([]);

    // 4. A real breach: 2 bought, 1 sold $40 lower (−$80.62 more): flatten and lock at once —
    //    the fast path's close is the guard's first request, no read of trades in front of it.
    sim.requests.clear();
    sim.market.setPrice(MNQ, 21_000);
    marketOrder(sim, accountId, OrderSide.Bid, 2);
    sim.market.setPrice(MNQ, 20_960);
    marketOrder(sim, accountId, OrderSide.Ask, 1);
    await waitLocked(rig);
    await waitFlat(sim, accountId);
    const requests = sim.requests.list().map((r) => r.endpoint);
    const firstClose = requests.indexOf('/api/Position/closeContract');
    expect(firstClose).toBeGreaterThanOrEqual(0);
    expect(requests.slice(0, firstClose)).not.toContain('/api/Trade/search');
    expect(appliedCloses(sim, accountId)).toHaveLength(1);
    expect(guard.view().lockouts.filter((l) => l.accountId === accountId)).toHaveLength(1);
    await expectCleanEnd(rig);
  });
});
