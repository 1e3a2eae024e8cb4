import type { Page } from '@playwright/test';
import { OrderSide, OrderType } from '../../src/core/gateway/enums';
import { startSimulator } from '../sim/index';
import type { Simulator } from '../sim/types';
import { expect, test } from './fixtures';

let sim: Simulator;

test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

/** Connect to the simulator the way a new user does: type the credentials in the options page. */
async function connect(options: Page): Promise<void> {
  await options.locator('#rg-conn-userName').fill(sim.demo.userName);
  await options.locator('#rg-conn-apiKey').fill(sim.demo.apiKey);
  await options.locator('#rg-conn-gateway').selectOption('custom');
  await options.locator('#rg-conn-restBase').fill(sim.restUrl);
  await options.locator('#rg-conn-userHub').fill(sim.userHubUrl);
  await options.locator('#rg-conn-marketHub').fill(sim.marketHubUrl);
  await options.getByRole('button', { name: 'Save connection' }).click();
  await expect(options.getByTestId('credentials-status')).toContainText(sim.demo.userName);
}

async function enforceDailyLoss(options: Page, limit: number): Promise<void> {
  await options.reload();
  await options.locator('#rg-cfg-defaultProfile_rules_dailyRealizedLoss_mode').selectOption('enforce');
  await options.locator('#rg-cfg-defaultProfile_rules_dailyRealizedLoss_limit').fill(String(limit));
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('status').filter({ hasText: /saved|in force/i })).toBeVisible();
}

test('a new user connects through the options page and the popup shows both simulator accounts', async ({
  openOptions,
  openPopup,
}) => {
  const options = await openOptions();
  await connect(options);
  const popup = await openPopup();
  for (const id of sim.demo.accountIds) await expect(popup.locator(`[data-account="${id}"]`)).toBeVisible();
  await popup.screenshot({ path: 'test-results/e2e/popup-connected.png' });
});

test('a daily-loss breach flattens, locks, blocks the page order entry, and survives a browser restart', async ({
  openOptions,
  openPopup,
  openTopstepX,
}) => {
  const options = await openOptions();
  await connect(options);
  await enforceDailyLoss(options, 100);
  const accountId = sim.demo.accountIds[0] as number;
  const mnq = sim.contracts.find((c) => c.id.includes('.MNQ.'));
  if (!mnq) throw new Error('no MNQ');
  const popup = await openPopup();
  await expect(popup.locator(`[data-account="${accountId}"]`)).toBeVisible();

  sim.market.setPrice(mnq.id, 21000);
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
  await expect(popup.locator(`[data-account="${accountId}"]`)).toContainText('2');
  sim.market.setPrice(mnq.id, 20800);
  const breachAt = Date.now();
  sim.trader.placeOrder(accountId, { contractId: mnq.id, type: OrderType.Market, side: OrderSide.Ask, size: 1 });

  const page = await openTopstepX();
  await expect(popup.getByTestId('lockout')).toBeVisible({ timeout: 5000 });
  await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 5000 }).toBe(0);
  // The block lives in a closed shadow root (the page cannot script it); what the page sees is
  // its order entry made inert under the layer.
  await expect(page.locator('#order-entry')).toHaveAttribute('inert', /.*/, { timeout: 3000 });
  console.log(`breach → popup lockout + flat in ${Date.now() - breachAt} ms`);
  await popup.screenshot({ path: 'test-results/e2e/popup-locked.png' });
  await page.screenshot({ path: 'test-results/e2e/overlay-locked.png' });
});
