import { afterEach, describe, expect, it } from 'vitest';
import { maxRetryPeriod } from '../../../src/core/realtime/reconnect-policy';
import { converge, type Harness, MNQ, waitUntil } from '../../integration/realtime/harness';
import { doubleCounted, runChaos, scaledConnection, startChaosHarness } from './scenario';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('realtime chaos (compressed timings)', () => {
  it('ends equal to the ledger after 60 events/s with random disconnects and 5 % lost messages', async () => {
    const speed = 10;
    h = await startChaosHarness(speed, 11);
    const report = await runChaos(h, { scenarioSeconds: 60, speed, seed: 11 });
    // The run really was chaotic: sockets dropped, messages lost, hub events flowed.
    expect(report.disconnects).toBeGreaterThanOrEqual(2);
    expect(report.lost).toBeGreaterThan(10);
    expect(report.hubEvents).toBeGreaterThan(1000);
    for (const account of report.accounts) expect(account.picture).toEqual(account.truth);
    expect(report.doubleCounted).toEqual([]);
    // What the hubs missed, reconciliation found and journaled.
    expect(h.journal.entries.filter((e) => e.kind === 'missed-event').length).toBeGreaterThan(0);
    expect(h.session.parserStats().rejected).toBe(0);
  }, 40_000);

  it('never double counts duplicated or reordered hub messages', async () => {
    const speed = 10;
    h = await startChaosHarness(speed, 23);
    h.sim.faults.add({
      target: { kind: 'hub', hub: 'user' },
      effect: { type: 'duplicate' },
      schedule: { type: 'probability', p: 0.2 },
    });
    h.sim.faults.add({
      target: { kind: 'hub', hub: 'user' },
      effect: { type: 'reorder' },
      schedule: { type: 'probability', p: 0.1 },
    });
    const report = await runChaos(h, {
      scenarioSeconds: 30,
      speed,
      seed: 23,
      disconnectPerSecond: 0.05,
      loseProbability: 0.02,
    });
    for (const account of report.accounts) expect(account.picture).toEqual(account.truth);
    expect(report.doubleCounted).toEqual([]);
    expect(doubleCounted(h)).toEqual([]);
  }, 40_000);

  it('is back within one retry period after a 5-minute hub outage, with what happened meanwhile', async () => {
    const speed = 100; // 5 min → 3 s
    h = await startChaosHarness(speed, 5);
    const harness = h;
    const [a] = h.sim.demo.accountIds;
    if (a === undefined) throw new Error('demo account');
    h.session.start();
    await waitUntil(() => harness.session.user.status() === 'connected', 5000, 'connect');
    await converge(h, a);

    h.sim.faults.closeHubs();
    await waitUntil(() => harness.session.user.status() === 'closed-weekend', 2000, 'closed');
    const attemptsStart = h.sim.requests.list().length;
    h.sim.market.setPrice(MNQ, 25_000);
    h.sim.trader.placeOrder(a, { contractId: MNQ, type: 2, side: 0, size: 2 });
    await new Promise((resolve) => setTimeout(resolve, (5 * 60_000) / speed));
    // The REST poller kept the guard seeing while the hubs were closed.
    const seen = await converge(h, a, 2000);
    expect(seen.picture).toEqual(seen.truth);
    expect(h.sim.requests.list().length).toBeGreaterThan(attemptsStart);

    const reopened = Date.now();
    h.sim.faults.openHubs();
    await waitUntil(
      () => harness.session.user.status() === 'connected' && harness.session.market.status() === 'connected',
      5000,
      'back',
    );
    const period = maxRetryPeriod({
      delaysMs: [],
      foreverDelayMs: scaledConnection(speed).foreverDelayMs ?? 0,
      jitterRatio: 0.2,
    });
    expect(Date.now() - reopened).toBeLessThanOrEqual(period + 250);
    // One journal line for the closure, not one per attempt.
    expect(h.journal.entries.filter((e) => e.message === 'user hub closed-weekend')).toHaveLength(1);
    const { picture, truth } = await converge(h, a);
    expect(picture).toEqual(truth);
  }, 30_000);
});
