import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { expect, test } from './fixtures';
import { connectThroughOptions, enforceDailyLossThroughOptions, loseOnOneContract, micro } from './support/guard-setup';

let sim: Simulator;

test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

test('a new user connects through the options page and the popup shows both simulator accounts', async ({
  openOptions,
  openPopup,
  serviceWorker,
}) => {
  const options = await openOptions();
  await connectThroughOptions(options, sim);
  const popup = await openPopup();
  for (const id of sim.demo.accountIds) await expect(popup.locator(`[data-account="${id}"]`)).toBeVisible();
  // The worker keeps the gateway's time from its answers' Date header (an extension's fetch
  // reads it): confirmed before any fill or order could have told it.
  const clockSource = () =>
    serviceWorker.evaluate(async () => {
      const dev = (globalThis as unknown as { riskGuardDev: { view(): Promise<{ clock: { source: string } }> } })
        .riskGuardDev;
      return (await dev.view()).clock.source;
    });
  await expect.poll(clockSource).toBe('server');
  await popup.screenshot({ path: test.info().outputPath('popup-connected.png') });
});

test('the popup follows the simulator: a position, then a daily-loss breach that flattens and locks', async ({
  openOptions,
  openPopup,
}) => {
  const options = await openOptions();
  await connectThroughOptions(options, sim);
  await enforceDailyLossThroughOptions(options, 100);
  const accountId = sim.demo.accountIds[0] as number;
  const popup = await openPopup();
  const card = popup.locator(`[data-account="${accountId}"]`);
  await expect(card).toContainText('OK');

  loseOnOneContract(sim, accountId);
  await expect(popup.getByTestId('lockout')).toBeVisible({ timeout: 5000 });
  await expect(card).toContainText('Locked');
  await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 5000 }).toBe(0);
  expect(sim.ledger.truth(accountId).realizedPnl).toBeLessThan(-100);
  expect(sim.ledger.overCloses()).toEqual([]);
  expect(micro(sim)).toContain('MNQ');
  await popup.screenshot({ path: test.info().outputPath('popup-locked.png') });
});
