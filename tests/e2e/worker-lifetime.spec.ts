import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { OrderSide, OrderType } from '../../src/core/gateway/enums';
import { expect, test } from './fixtures';
import { createWorkerProbe, type WorkerProbe } from './support/cdp-worker';
import { saveSettingsThroughOptions, setRuleThroughOptions } from './support/guard-setup';
import { guardPicture, realmOrigin, simulatorHelpers, userHubStatus } from './support/worker-lifetime';

/**
 * The service worker's lifetime in a real Chromium: Chrome stops an MV3 worker whenever it
 * likes, and the guard must come back from every such stop connected, reconciled, and still
 * enforcing. Playwright keeps the worker alive, so the tests stop it through CDP
 * (support/cdp-worker.ts) and let the watchdog alarm (every 30 s) or a page wake it.
 * The comparison and trader helpers are in support/worker-lifetime.ts.
 */

let sim: Simulator;

test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

const { connect, contract, truthPicture, guardConnections, startTraderStream } = simulatorHelpers(() => sim);

let probe: WorkerProbe | null = null;
test.afterEach(async () => {
  await probe?.close();
  probe = null;
});

test('a worker stopped in the middle of a trading stream is woken by the watchdog alarm and reconciles to the ledger', async ({
  context,
  serviceWorker,
  extensionId,
  openOptions,
}) => {
  test.setTimeout(75_000);
  const accountId = sim.demo.accountIds[0] as number;
  const options = await openOptions();
  await connect(options);
  await options.close();
  await expect.poll(() => guardConnections(accountId).user.length, { timeout: 10_000 }).toBe(1);
  const before = guardConnections(accountId);
  probe = await createWorkerProbe(context, extensionId);
  const originBefore = await realmOrigin(serviceWorker);

  const stream = startTraderStream(accountId, [contract('MNQ'), contract('MES')], 5);
  await new Promise((r) => setTimeout(r, 1500));
  const stoppedAt = await probe.stop();
  const searchesAtStop = sim.requests.list('/api/Position/searchOpen').length;
  // The worker's sockets die with it: the simulator sees both of its connections go.
  await expect
    .poll(() => guardConnections(accountId).all.filter((id) => before.all.includes(id)), { timeout: 5000 })
    .toEqual([]);

  // Nothing but the alarm wakes it (no extension page is open). The watchdog runs every 30 s.
  const restartedAt = await probe.waitFor('starting', { since: stoppedAt, timeoutMs: 35_000 });
  await probe.waitFor('running', { since: stoppedAt, timeoutMs: 5000 });
  expect(await realmOrigin(serviceWorker)).not.toBe(originBefore);
  await expect.poll(() => guardConnections(accountId).user.length, { timeout: 10_000 }).toBe(1);
  const after = guardConnections(accountId);
  expect(after.user.some((id) => before.all.includes(id))).toBe(false);
  // The two hubs connect side by side: the market hub may finish its handshake after the user hub.
  await expect.poll(() => guardConnections(accountId).market.length, { timeout: 10_000 }).toBeGreaterThan(0);
  // The other account saw no trading, so REST reports it unchanged after the restart: it must
  // be subscribed all the same (a restarted guard that forgot it would miss its fills).
  const untouched = sim.demo.accountIds[1] as number;
  await expect
    .poll(() => sim.hubs.connections('user').find((c) => c.id === after.user[0])?.subscriptions, { timeout: 5000 })
    .toEqual(
      expect.arrayContaining(['accounts', `orders:${untouched}`, `positions:${untouched}`, `trades:${untouched}`]),
    );
  await expect
    .poll(() => sim.requests.list('/api/Position/searchOpen').length, { timeout: 10_000 })
    .toBeGreaterThan(searchesAtStop);

  // Let the stream run on against the restarted guard, then stop it and compare with the ledger.
  await new Promise((r) => setTimeout(r, 1500));
  const actions = stream.stop();
  expect(actions).toBeGreaterThan(20);
  expect(sim.ledger.truth(accountId).trades.length).toBeGreaterThan(5);
  await expect.poll(() => guardPicture(serviceWorker, accountId), { timeout: 10_000 }).toEqual(truthPicture(accountId));
  console.log(
    `worker stopped → restarted by alarm after ${restartedAt - stoppedAt} ms; ${actions} trader actions; ` +
      `truth: ${JSON.stringify({ ...truthPicture(accountId), orders: truthPicture(accountId).orders.length })}`,
  );
});

test('a worker stopped while it backs off from closed hubs comes back connected and reconciled', async ({
  context,
  serviceWorker,
  extensionId,
  openOptions,
}) => {
  test.setTimeout(75_000);
  const accountId = sim.demo.accountIds[0] as number;
  const mnq = contract('MNQ');
  const options = await openOptions();
  await connect(options);
  await options.close();
  await expect.poll(() => userHubStatus(serviceWorker), { timeout: 10_000 }).toBe('connected');
  probe = await createWorkerProbe(context, extensionId);

  sim.faults.closeHubs();
  await expect.poll(() => userHubStatus(serviceWorker), { timeout: 10_000 }).not.toBe('connected');
  // Backing off: refused attempts happen while the worker is alive.
  const stoppedAt = await probe.stop();
  expect(sim.hubs.connections()).toEqual([]);

  // While it is down: the hubs reopen and the trader trades (the guard must learn it by REST).
  sim.faults.openHubs();
  sim.market.setPrice(mnq.id, 21000);
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Bid, size: 3 });
  sim.trader.placeOrder(accountId, {
    contractId: mnq.id,
    type: OrderType.Limit,
    side: OrderSide.Ask,
    size: 1,
    limitPrice: 21010,
  });
  const searchesAtStop = sim.requests.list('/api/Order/searchOpen').length;

  const restartedAt = await probe.waitFor('starting', { since: stoppedAt, timeoutMs: 35_000 });
  await probe.waitFor('running', { since: stoppedAt, timeoutMs: 5000 });
  await expect.poll(() => userHubStatus(serviceWorker), { timeout: 15_000 }).toBe('connected');
  await expect.poll(() => guardConnections(accountId).user.length, { timeout: 10_000 }).toBe(1);
  expect(sim.requests.list('/api/Order/searchOpen').length).toBeGreaterThan(searchesAtStop);
  await expect.poll(() => guardPicture(serviceWorker, accountId), { timeout: 10_000 }).toEqual(truthPicture(accountId));
  expect(truthPicture(accountId).positions).toHaveLength(1);
  console.log(`worker stopped in backoff → restarted by alarm after ${restartedAt - stoppedAt} ms, connected`);
});

test('a lockout survives a worker stop: the popup still shows it and a new position is flattened', async ({
  context,
  serviceWorker,
  extensionId,
  openOptions,
  openPopup,
}) => {
  const accountId = sim.demo.accountIds[0] as number;
  const mnq = contract('MNQ');
  const options = await openOptions();
  await connect(options);
  await options.reload();
  await setRuleThroughOptions(options, 'dailyRealizedLoss', 'enforce', { 'Loss limit': '100' });
  await saveSettingsThroughOptions(options);
  await options.close();

  let popup = await openPopup();
  await expect(popup.locator(`[data-account="${accountId}"]`)).toBeVisible();
  sim.market.setPrice(mnq.id, 21000);
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
  await expect(popup.locator(`[data-account="${accountId}"]`)).toContainText('2');
  sim.market.setPrice(mnq.id, 20800);
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
  await expect(popup.getByTestId('lockout')).toBeVisible({ timeout: 5000 });
  await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 5000 }).toBe(0);
  await popup.close();

  probe = await createWorkerProbe(context, extensionId);
  const originBefore = await realmOrigin(serviceWorker);
  const stoppedAt = await probe.stop();

  // The trader opens a new position while the guard is down; opening the popup wakes the worker.
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  expect(sim.ledger.truth(accountId).positions).toHaveLength(1);
  popup = await openPopup();
  const restartedAt = await probe.waitFor('running', { since: stoppedAt, timeoutMs: 10_000 });
  expect(await realmOrigin(serviceWorker)).not.toBe(originBefore);
  await expect(popup.getByTestId('lockout')).toBeVisible({ timeout: 5000 });
  const lockouts = await serviceWorker.evaluate(async () => {
    const dev = (globalThis as unknown as { riskGuardDev: { view(): Promise<{ lockouts: { accountId: number }[] }> } })
      .riskGuardDev;
    return (await dev.view()).lockouts.map((l) => l.accountId);
  });
  expect(lockouts).toContain(accountId);
  await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 10_000 }).toBe(0);

  // And once more after the restart: a position opened while it watches is closed again.
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Ask, size: 2 });
  await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 5000 }).toBe(0);
  expect(sim.ledger.overCloses()).toEqual([]);
  console.log(`lockout worker restarted by the popup after ${restartedAt - stoppedAt} ms`);
});
