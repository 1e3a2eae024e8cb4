import { expect, type Page } from '@playwright/test';
import type { Simulator } from '../../../simulator/types';
import { OrderSide, OrderType } from '../../../src/core/gateway/enums';

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

/**
 * Set one rule in the options page's rule list as a trader does: the row's mode switch, then
 * open the row and type each field (by its label). Does not save.
 */
export async function setRuleThroughOptions(
  options: Page,
  ruleId: string,
  mode: 'off' | 'monitor' | 'enforce',
  fields: Record<string, string> = {},
): Promise<void> {
  const row = options.locator(`[data-rule="${ruleId}"]`);
  await row.getByRole('radio', { name: mode[0]?.toUpperCase() + mode.slice(1), exact: true }).check();
  const name = row.locator('.rg-rule-name');
  if ((await name.getAttribute('aria-expanded')) !== 'true') await name.click();
  for (const [label, value] of Object.entries(fields)) {
    await row.getByLabel(new RegExp(`^${label}`)).fill(value);
  }
}

/** "Save settings", and the page's confirmation. */
export async function saveSettingsThroughOptions(options: Page): Promise<void> {
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByTestId('save-bar').getByRole('status')).toHaveText(/^Saved\./);
}

/** Switch the daily realized loss rule to enforce with `limit`, through the rule list. */
export async function enforceDailyLossThroughOptions(options: Page, limit: number): Promise<void> {
  await options.reload();
  await setRuleThroughOptions(options, 'dailyRealizedLoss', 'enforce', { 'Loss limit': String(limit) });
  await saveSettingsThroughOptions(options);
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

type RuntimeGlobal = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

/** A request to the guard from an extension page (the options page), as the views send them; throws on refusal. */
export async function askGuard<T = unknown>(extensionPage: Page, message: Record<string, unknown>): Promise<T> {
  const answer = (await extensionPage.evaluate(
    (m) => (globalThis as unknown as RuntimeGlobal).chrome.runtime.sendMessage(m),
    message,
  )) as { ok: boolean; data?: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`the guard refused ${String(message.type)}: ${answer.error?.message}`);
  return answer.data as T;
}

/** Reads the config, lets `edit` change it, saves it; throws when the guard rejects it. */
export async function editConfig(extensionPage: Page, edit: (config: Record<string, unknown>) => void): Promise<void> {
  const { config } = await askGuard<{ config: Record<string, unknown> }>(extensionPage, { type: 'getConfig' });
  edit(config);
  const result = await askGuard<{ ok: boolean; problems: unknown[] }>(extensionPage, { type: 'saveConfig', config });
  if (!result.ok) throw new Error(`config rejected: ${JSON.stringify(result.problems)}`);
}

/** The simulator's accounts as the guard lists them (id and name), once it lists them all. */
export async function guardAccounts(extensionPage: Page, count = 2): Promise<Array<{ id: number; name: string }>> {
  let accounts: Array<{ id: number; name: string }> = [];
  await expect
    .poll(async () => {
      const answer = await askGuard<{ accounts: Array<{ id: number; name: string }> }>(extensionPage, {
        type: 'listAccounts',
      }).catch(() => ({ accounts: [] }));
      accounts = answer.accounts.map((a) => ({ id: a.id, name: a.name }));
      return accounts.length;
    })
    .toBeGreaterThanOrEqual(count);
  return accounts;
}
