import { expect, type Page } from '@playwright/test';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';
import type { Simulator } from '../../sim/types';

/** Connect to the simulator the way a new user does: type the credentials in the options page. */
export async function connectThroughOptions(options: Page, sim: Simulator): Promise<void> {
  await options.locator('#rg-conn-userName').fill(sim.demo.userName);
  await options.locator('#rg-conn-apiKey').fill(sim.demo.apiKey);
  await options.locator('#rg-conn-gateway').selectOption('custom');
  await options.locator('#rg-conn-restBase').fill(sim.restUrl);
  await options.locator('#rg-conn-userHub').fill(sim.userHubUrl);
  await options.locator('#rg-conn-marketHub').fill(sim.marketHubUrl);
  await options.getByRole('button', { name: 'Save connection' }).click();
  await expect(options.getByTestId('credentials-status')).toContainText(sim.demo.userName);
}

/** Switch the daily realized loss rule to enforce with `limit`, through the rule editor. */
export async function enforceDailyLossThroughOptions(options: Page, limit: number): Promise<void> {
  await options.reload();
  await options.locator('#rg-cfg-defaultProfile_rules_dailyRealizedLoss_mode').selectOption('enforce');
  await options.locator('#rg-cfg-defaultProfile_rules_dailyRealizedLoss_limit').fill(String(limit));
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByRole('status').filter({ hasText: /saved|in force/i })).toBeVisible();
}

export function micro(sim: Simulator): string {
  const mnq = sim.contracts.find((c) => c.id.includes('.MNQ.'));
  if (!mnq) throw new Error('the simulator has no MNQ contract');
  return mnq.id;
}

/** Long 2 MNQ at 21000, then sell 1 at 20800: a realized loss of about $400 on the first fill. */
export function loseOnOneContract(sim: Simulator, accountId: number): void {
  const contractId = micro(sim);
  sim.market.setPrice(contractId, 21000);
  sim.trader.placeOrder(accountId, { contractId, type: OrderType.Market, side: OrderSide.Bid, size: 2 });
  sim.market.setPrice(contractId, 20800);
  sim.trader.placeOrder(accountId, { contractId, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
}
