import { describe, expect, it } from 'vitest';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import { defaultConfig } from '../../../src/core/rules/config/config-schema';
import { waitFor } from '../../integration/guard/guard-harness';
import { pictureOf, truthOf } from '../../integration/realtime/harness';
import {
  appliedCloses,
  enforcingDailyLoss,
  expectCleanEnd,
  MNQ,
  rigPerTest,
  traderLosesPastLimit,
  waitFlat,
  waitLocked,
} from './guard-chaos-kit';

const rigs = rigPerTest();

describe('the composed guard through a hub outage', () => {
  it('flattens and locks a daily-loss breach seen only through REST polling while the hubs are closed, then reconnects and reconciles', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;

    sim.faults.closeHubs();
    await waitFor(() => guard.view().health.user.status !== 'connected', 'the user hub to go down');
    traderLosesPastLimit(sim, accountId);

    // Blind on the hubs: only the REST poller (every 500 ms) can see the loss.
    await waitFlat(sim, accountId);
    await waitLocked(rig);
    expect(guard.view().health.user.status).not.toBe('connected');
    expect(appliedCloses(sim, accountId)).toHaveLength(1);

    sim.faults.openHubs();
    await waitFor(() => guard.view().health.user.status === 'connected', 'the user hub back', 10_000);
    await expectCleanEnd(rig);
    const lockout = guard.view().lockouts.find((l) => l.accountId === accountId);
    expect(lockout?.ruleId).toBe('dailyRealizedLoss');
  });

  it('finds a trade the hub lost just before it closed: the watchdog reconciles through REST while the hub stays down', async () => {
    // The poller every 60 s: its light pass would not read trades anyway (positions and the
    // balance it knows are right); only a full reconciliation can find the lost trade.
    const rig = await rigs.start({ config: enforcingDailyLoss(100), harness: { tuning: { pollIntervalMs: 60_000 } } });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;
    const lose = sim.faults.add({
      target: { kind: 'hub', hub: 'user', event: 'GatewayUserTrade' },
      effect: { type: 'lose' },
      schedule: { type: 'always' },
    });
    // −$400 realized with 1 MNQ still open; the guard hears the orders, position and balance, not the trades.
    traderLosesPastLimit(sim, accountId);
    await waitFor(
      () => guard.view().state.accounts[String(accountId)]?.positions[MNQ]?.size === 1,
      'the position of 1 after the partial close',
    );
    await waitFor(
      () =>
        guard.view().state.accounts[String(accountId)]?.account.balance === sim.ledger.truth(accountId).account.balance,
      'the balance after the loss',
    );
    expect(guard.view().lockouts).toEqual([]);
    // The hubs close (a weekend, an outage) before any watchdog alarm.
    sim.faults.closeHubs();
    sim.faults.remove(lose);
    await waitFor(() => guard.view().health.user.status !== 'connected', 'the user hub to go down');

    // The worker's 30-s alarm: it must read the truth through REST even with the hub down.
    await guard.watchdog();
    await waitLocked(rig);
    await waitFlat(sim, accountId);
    expect(guard.view().lockouts[0]?.ruleId).toBe('dailyRealizedLoss');
    // The flatten's own fill, too, is read back through REST with the hub still down.
    await guard.watchdog();
    expect(pictureOf(guard.view().state, accountId)).toEqual(truthOf(sim, accountId));
  });

  it('is connected and reconciled within one retry period after a long ("5 minute") outage ends', async () => {
    const foreverDelayMs = 2000;
    const rig = await rigs.start({
      config: defaultConfig(),
      // A slow poll, so only the reconnect's reconciliation can bring in what happened meanwhile.
      harness: { tuning: { pollIntervalMs: 60_000, reconnectDelaysMs: [0, 100, 200, 400], foreverDelayMs } },
    });
    const { sim, harness, accountId } = rig;
    const { guard } = harness;

    sim.faults.closeHubs();
    await waitFor(() => guard.view().health.user.status !== 'connected', 'the user hub to go down');
    // The outage: long enough to walk the whole schedule into the "for ever" delay.
    await new Promise((r) => setTimeout(r, 5000));
    // What the trader does during the outage (the hubs send nothing of it).
    const orderId = sim.trader.placeOrder(accountId, {
      contractId: MNQ,
      type: OrderType.Limit,
      side: OrderSide.Bid,
      size: 1,
      limitPrice: 20_000,
    });
    sim.trader.placeOrder(accountId, { contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 1 });

    sim.faults.openHubs();
    const reopenedAt = Date.now();
    const same = () =>
      JSON.stringify(pictureOf(guard.view().state, accountId)) === JSON.stringify(truthOf(sim, accountId));
    await waitFor(
      () => guard.view().health.user.status === 'connected' && same(),
      'reconnected and reconciled',
      15_000,
    );
    const backAfterMs = Date.now() - reopenedAt;
    // One retry period (jitter ±20 %) plus the connect and the reconciliation's REST reads.
    expect(backAfterMs).toBeLessThan(foreverDelayMs * 1.2 + 1500);
    expect(guard.view().state.accounts[String(accountId)]?.orders[orderId]).toBeDefined();
    expect(pictureOf(guard.view().state, accountId)).toEqual(truthOf(sim, accountId));
  });
});

describe('the composed guard after a hub outage (clean end)', () => {
  it('ends flat with no duplicate or wasted close after a breach during an outage', async () => {
    const rig = await rigs.start({ config: enforcingDailyLoss(100) });
    const { sim, accountId } = rig;
    sim.faults.dropSockets();
    sim.faults.refuseConnections(3000);
    traderLosesPastLimit(sim, accountId);
    await waitFlat(sim, accountId);
    await waitLocked(rig);
    await waitFor(() => rig.harness.guard.view().health.user.status === 'connected', 'the user hub back', 10_000);
    await expectCleanEnd(rig);
  });
});
