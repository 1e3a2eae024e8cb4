import { afterEach, describe, expect, it } from 'vitest';
import type { PayloadForm } from '../../../simulator/types';
import { converge, type Harness, MNQ, pictureOf, startHarness, truthOf, waitUntil } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

function accountIds(harness: Harness): [number, number] {
  const [a, b] = harness.sim.demo.accountIds;
  if (a === undefined || b === undefined) throw new Error('the demo user has two accounts');
  return [a, b];
}

async function connected(harness: Harness): Promise<void> {
  await waitUntil(
    () => harness.session.user.status() === 'connected' && harness.session.market.status() === 'connected',
    5000,
    'both hubs connected',
  );
}

/** Subscriptions the simulator holds for the user hub (one connection expected). */
function userSubscriptions(harness: Harness): string[] {
  return harness.sim.hubs
    .connections('user')
    .flatMap((c) => c.subscriptions)
    .sort();
}

describe('realtime session against the simulator (real SignalR client)', () => {
  it('connects both hubs, subscribes every account and mirrors the ledger after the first reconcile', async () => {
    h = await startHarness();
    const [a, b] = accountIds(h);
    h.sim.market.setPrice(MNQ, 25_000);
    h.sim.trader.placeOrder(a, { contractId: MNQ, type: 2, side: 0, size: 1 });
    h.session.start();
    await connected(h);
    const harness = h;
    await waitUntil(() => userSubscriptions(harness).length === 7, 5000, 'user subscriptions');
    expect(userSubscriptions(h)).toEqual(
      ['accounts', ...[a, b].flatMap((id) => [`orders:${id}`, `positions:${id}`, `trades:${id}`])].sort(),
    );
    await waitUntil(() => pictureOf(harness.state(), a).positions.length === 1, 5000, 'reconciled position');
    {
      const { picture, truth } = await converge(h, a);
      expect(picture).toEqual(truth);
    }
    {
      const { picture, truth } = await converge(h, b);
      expect(picture).toEqual(truth);
    }
    expect(h.events.some((e) => e.kind === 'position' && e.source === 'reconcile')).toBe(true);
    // The open position's contract is subscribed on the market hub.
    await waitUntil(
      () => harness.sim.hubs.connections('market').some((c) => c.subscriptions.includes(`quotes:${MNQ}`)),
      5000,
      'market subscription',
    );
  });

  const forms: PayloadForm[] = ['documented', 'wrapped', 'account-prefixed'];
  it.each(forms)('receives user events in the %s form and keeps state equal to the ledger', async (form) => {
    h = await startHarness();
    const [a] = accountIds(h);
    h.sim.hubs.setPayloadForm(form, 'user');
    h.session.start();
    await connected(h);
    const harness = h;
    await waitUntil(() => userSubscriptions(harness).length === 7, 5000, 'user subscriptions');
    await waitUntil(() => harness.state().accounts[String(a)] !== undefined, 5000, 'account known');
    const before = h.events.length;
    h.sim.market.setPrice(MNQ, 25_000);
    h.sim.trader.placeOrder(a, { contractId: MNQ, type: 2, side: 0, size: 2 });
    h.sim.market.setPrice(MNQ, 25_010);
    h.sim.trader.closePosition(a, MNQ);
    await waitUntil(
      () => truthOf(harness.sim, a).realizedPnl === pictureOf(harness.state(), a).realizedPnl,
      5000,
      'P&L',
    );
    const hubEvents = h.events.slice(before).filter((e) => e.source === 'hub');
    expect(hubEvents.map((e) => e.kind)).toEqual(expect.arrayContaining(['order', 'trade', 'position', 'account']));
    expect(h.session.parserStats().rejected).toBe(0);
    {
      const { picture, truth } = await converge(h, a);
      expect(picture).toEqual(truth);
    }
    expect(truthOf(h.sim, a).realizedPnl).toBe(40);
  });

  it('reconnects after dropped sockets, resubscribes everything and recovers what was missed', async () => {
    h = await startHarness();
    const [a] = accountIds(h);
    h.session.start();
    await connected(h);
    const harness = h;
    await waitUntil(() => userSubscriptions(harness).length === 7, 5000, 'user subscriptions');
    const subscribed = userSubscriptions(h);
    const firstConnection = h.sim.hubs.connections('user')[0]?.id;

    // Down long enough for a trade to happen unseen.
    h.sim.faults.refuseConnections(400);
    expect(h.sim.faults.dropSockets()).toBe(2);
    h.sim.market.setPrice(MNQ, 25_000);
    h.sim.trader.placeOrder(a, { contractId: MNQ, type: 2, side: 1, size: 3 });

    await waitUntil(
      () => harness.sim.hubs.connections('user').some((c) => c.id !== firstConnection),
      5000,
      'reconnect',
    );
    await waitUntil(() => userSubscriptions(harness).length === 7, 5000, 'resubscribed');
    expect(userSubscriptions(h)).toEqual(subscribed);
    await waitUntil(() => pictureOf(harness.state(), a).positions.length === 1, 5000, 'missed position recovered');
    {
      const { picture, truth } = await converge(h, a);
      expect(picture).toEqual(truth);
    }
    expect(h.journal.entries.some((e) => e.kind === 'missed-event' && e.accountId === a)).toBe(true);

    // And the hub carries on after the reconnect.
    h.sim.trader.closePosition(a, MNQ);
    await waitUntil(() => pictureOf(harness.state(), a).positions.length === 0, 5000, 'close via hub');
    {
      const { picture, truth } = await converge(h, a);
      expect(picture).toEqual(truth);
    }
  });

  it('treats GatewayLogout as blind, re-authenticates and comes back connected', async () => {
    h = await startHarness();
    const [a] = accountIds(h);
    h.session.start();
    await connected(h);
    const harness = h;
    const loginsBefore = h.tokens.logins();
    const statuses: string[] = [];
    const watch = setInterval(() => statuses.push(harness.session.user.status()), 2);
    h.sim.faults.logout();
    await waitUntil(() => harness.tokens.logins() > loginsBefore, 5000, 're-login');
    await connected(h);
    clearInterval(watch);
    expect(statuses).toContain('logged-out');
    expect(h.journal.entries.some((e) => e.message === 'user hub logged-out')).toBe(true);
    // The new session works: a fill reaches state through the hub.
    h.sim.market.setPrice(MNQ, 25_000);
    h.sim.trader.placeOrder(a, { contractId: MNQ, type: 2, side: 0, size: 1 });
    await waitUntil(() => pictureOf(harness.state(), a).positions.length === 1, 5000, 'fill after re-login');
    {
      const { picture, truth } = await converge(h, a);
      expect(picture).toEqual(truth);
    }
  });

  it('subscribes market data for a new position and unsubscribes when it closes', async () => {
    h = await startHarness();
    const [a] = accountIds(h);
    h.session.start();
    await connected(h);
    const harness = h;
    await waitUntil(() => userSubscriptions(harness).length === 7, 5000, 'user subscriptions');
    const marketSubs = () => harness.sim.hubs.connections('market').flatMap((c) => c.subscriptions);
    h.sim.market.setPrice(MNQ, 25_000);
    h.sim.trader.placeOrder(a, { contractId: MNQ, type: 2, side: 0, size: 1 });
    await waitUntil(() => marketSubs().includes(`quotes:${MNQ}`), 5000, 'quotes subscribed');
    h.sim.market.setPrice(MNQ, 25_004);
    await waitUntil(() => harness.state().prices[MNQ]?.price === 25_004, 5000, 'price from the market hub');
    h.sim.trader.closePosition(a, MNQ);
    await waitUntil(() => !marketSubs().includes(`quotes:${MNQ}`), 5000, 'quotes unsubscribed');
  });

  it('backs off while the hubs are closed and is back within one retry period after they reopen', async () => {
    h = await startHarness();
    h.session.start();
    await connected(h);
    const harness = h;
    h.sim.faults.closeHubs();
    await waitUntil(() => harness.session.user.status() === 'closed-weekend', 5000, 'closed-weekend');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Quiet: one journal line for the closure, and the REST poller covers for the hub.
    expect(h.journal.entries.filter((e) => e.message === 'user hub closed-weekend')).toHaveLength(1);
    expect(h.session.health().blindSince).not.toBeNull();
    const reopenedAt = Date.now();
    h.sim.faults.openHubs();
    await connected(h);
    // foreverDelayMs 500 with 20 % jitter: at most 600 ms plus the connect itself.
    expect(Date.now() - reopenedAt).toBeLessThan(600 + 500);
    await waitUntil(() => harness.session.health().blindSince === null, 2000, 'sighted again');
  });
});
