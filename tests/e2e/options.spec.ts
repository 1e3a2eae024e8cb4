import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { OrderSide, OrderType } from '../../src/core/gateway/enums';
import { expect, test } from './fixtures';
import { ROOT } from './support/build';
import { connectThroughOptions, micro } from './support/guard-setup';

/**
 * The options page as a new trader meets it: short, in words, every control named, and from an
 * empty profile to an enforced daily loss limit with clicks and typing only. `RG_DOCS_IMG=1`
 * writes the screenshots into docs/img (the README's) instead of the test output.
 */

let sim: Simulator;

test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

const shot = (name: string) =>
  process.env.RG_DOCS_IMG === '1' ? path.join(ROOT, 'docs', 'img', name) : test.info().outputPath(name);

/** Regex syntax and schema words a trader should never read on the page. */
const CODE_TALK =
  /\^|\\d|\\\.|\[0-9|\{\d|regex|regular expression|schema|json|pattern|new key|HH:MM|YYYY|fraction|\bnull\b|undefined|NaN|\bkind\b|\benum\b/i;

/** What the page shows: rendered text only (folded sections and closed rows are not rendered). */
const visibleText = (page: Page) =>
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is the point: rendered text only, not folded parts.
  page.evaluate(() => document.body.innerText);

/** Every form control and button the page shows, with the name assistive technology reads for it. */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; role?: { value: string }; name?: { value: string }; properties?: unknown[] }[];
  };
  await cdp.detach();
  const controls = new Set(['textbox', 'combobox', 'checkbox', 'radio', 'button', 'spinbutton', 'listbox', 'slider']);
  return nodes
    .filter((n) => !n.ignored && controls.has(n.role?.value ?? '') && (n.name?.value ?? '').trim() === '')
    .map((n) => `${n.role?.value}`);
}

async function expectReadableAndNamed(page: Page, where: string): Promise<void> {
  const text = await visibleText(page);
  expect(text.match(CODE_TALK), `${where}: code talk on the page`).toBeNull();
  expect(await unnamedControls(page), `${where}: controls without an accessible name`).toEqual([]);
}

test('with default settings the page is at most 2,700 px tall at 1280 px, in words, every control named, by keyboard, light and dark, at 200 %', async ({
  openOptions,
}) => {
  const options = await openOptions();
  expect(options.viewportSize()?.width).toBe(1280);
  await expect(options.locator('[data-rule="dailyRealizedLoss"]')).toBeVisible();
  await expect(options.getByTestId('preset-step')).toBeVisible();
  const height = await options.evaluate(() => document.documentElement.scrollHeight);
  test.info().annotations.push({ type: 'options-height-px', description: String(height) });
  expect(height).toBeLessThanOrEqual(2700);
  await expectReadableAndNamed(options, 'default page');

  // Keyboard: open a rule from its name, move its mode with the arrow keys.
  const daily = options.locator('[data-rule="dailyRealizedLoss"]');
  await daily.getByRole('button', { name: 'Daily realized loss' }).focus();
  await options.keyboard.press('Enter');
  await expect(daily.getByLabel(/^Loss limit/)).toBeVisible();
  await daily.getByRole('radio', { name: 'Monitor' }).focus();
  await options.keyboard.press('ArrowRight');
  await expect(daily.getByRole('radio', { name: 'Enforce' })).toBeChecked();
  await expectReadableAndNamed(options, 'a rule open');

  // Every rule open at once, by keyboard: still words, still named.
  const closed = options.locator('[data-testid="rule-row"] .rg-rule-name[aria-expanded="false"]');
  while ((await closed.count()) > 0) {
    await closed.first().focus();
    await options.keyboard.press('Enter');
  }
  await expectReadableAndNamed(options, 'every row open');

  // Light and dark follow the system.
  const background = () => options.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await options.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  await options.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  expect(dark).toBe('rgb(20, 23, 28)');
  expect(light).toBe('rgb(246, 247, 249)');

  // 200 % zoom of a 1280 px window is 640 CSS px: one column, nothing wider than the window.
  await options.setViewportSize({ width: 640, height: 720 });
  const overflow = await options.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a trader goes from an empty profile through a preset to a connected guard and an enforced daily loss limit, with clicks and typing only', async ({
  openOptions,
  openPopup,
}) => {
  const options = await openOptions();
  await options.emulateMedia({ colorScheme: 'dark' });

  // 1. Connect: typing and clicks.
  await connectThroughOptions(options, sim);
  await expect(options.getByTestId('test-result')).toHaveText(/^\u2713 Connected: 2 active account/);

  // 2. The accounts found, with their balances.
  const table = options.getByTestId('accounts-table');
  const [combine, express] = sim.demo.accountIds as [number, number];
  await expect(table.locator(`[data-account="${combine}"]`)).toContainText('$50,000');
  await expect(table.locator(`[data-account="${express}"]`)).toContainText('$150,000');

  // 3. The preset: each account's type guessed from its name, one style.
  const step = options.getByTestId('preset-step');
  await expect(step.getByLabel(/^Account type of 50KTC/)).toHaveValue('combine-50k');
  await expect(step.getByLabel(/^Account type of EXPRESS/)).toHaveValue('express-150k');
  await step.getByLabel('Standard').check();
  await expect(step.getByTestId('preset-preview')).toContainText('when today’s loss reaches $500');
  await expectReadableAndNamed(options, 'preset step');
  await step.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await step.screenshot({ path: shot('options-preset.png') });
  await step.getByRole('button', { name: 'Use this preset' }).click();
  const daily = options.locator('[data-rule="dailyRealizedLoss"]');
  await expect(daily.getByRole('radio', { name: 'Enforce' })).toBeChecked();
  await expect(daily.getByTestId('rule-summary')).toHaveText(
    'Flatten and lock until 17:00 CT when today’s loss reaches $500',
  );
  await options.getByRole('button', { name: 'Save settings' }).click();
  await expect(options.getByTestId('save-bar').getByRole('status')).toHaveText(/^Saved\./);

  // The screenshots of the page: its top, and a rule opened.
  await options.evaluate(() => window.scrollTo(0, 0));
  await options.screenshot({ path: shot('options-top.png') });
  await daily.getByRole('button', { name: 'Daily realized loss' }).click();
  await expect(daily.getByLabel(/^Loss limit/)).toHaveValue('500');
  await daily.scrollIntoViewIfNeeded();
  await daily.screenshot({ path: shot('options-rule.png') });

  // The guard is connected and enforces the limit: a $600 loss on the 50K account locks it.
  const popup = await openPopup();
  const card = popup.locator(`[data-account="${combine}"]`);
  await expect(card).toContainText('OK');
  const mnq = micro(sim);
  sim.market.setPrice(mnq, 21000);
  sim.trader.placeOrder(combine, { contractId: mnq, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  sim.market.setPrice(mnq, 20700);
  sim.trader.placeOrder(combine, { contractId: mnq, type: OrderType.Market, side: OrderSide.Ask, size: 1 });
  await expect(popup.getByTestId('lockout')).toContainText(/daily loss limit 500/, { timeout: 5000 });
  await expect(card).toContainText('Locked');
  // Locked means enforced: a new position is closed at once.
  sim.trader.placeOrder(combine, { contractId: mnq, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  await expect.poll(() => sim.ledger.truth(combine).positions.length, { timeout: 5000 }).toBe(0);
  expect(sim.ledger.overCloses()).toEqual([]);
  // The 150K Express account has its own, larger limits and is not locked.
  await expect(popup.locator(`[data-account="${express}"]`)).not.toContainText('Locked');
});
