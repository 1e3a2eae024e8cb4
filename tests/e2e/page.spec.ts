import { expect, type Page, test } from '@playwright/test';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { CHROME_BUILD_DIR } from './support/build';
import { launchWithExtension } from './support/chromium';
import { installFakeTopstepX, reached, tradingPageUrl } from './support/fake-topstepx';
import { askGuard, connectThroughOptions, editConfig, guardAccounts, loseOnOneContract } from './support/guard-setup';
import {
  all,
  callPageApi,
  OPENING_CONTROLS,
  OPENING_REQUESTS,
  pageAction,
  REDUCING_CONTROLS,
  REDUCING_REQUESTS,
  reachable,
} from './support/page-probe';

/**
 * The guard on the stand-in for the real TopstepX trading page (its test ids, its pickers,
 * its back end's real paths and methods), in Chromium. Grouped in one browser run: each
 * launch costs seconds.
 */

let sim: Simulator;
test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

const overlayPanel = (page: Page) => page.locator('risk-guard-overlay .rg-block');
const chip = (page: Page) => page.locator('risk-guard-overlay .rg-chip').first();

test('on the real page during a lockout: every order path blocked, every risk-reducing path open, the layer over order entry and never over close; the chip follows the account picker; a symbol lock covers only its contract; without test ids a banner, no cover, the network block holds', async () => {
  test.setTimeout(90_000);
  const browser = await launchWithExtension(CHROME_BUILD_DIR);
  try {
    const { backendRequests } = await installFakeTopstepX(browser.context);
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await connectThroughOptions(options, sim);
    await editConfig(options, (config) => {
      const rules = (config.defaultProfile as { rules: Record<string, Record<string, unknown>> }).rules;
      rules.dailyRealizedLoss = { ...rules.dailyRealizedLoss, mode: 'enforce', limit: 100 };
      rules.symbolBlocks = { ...rules.symbolBlocks, mode: 'enforce', roots: ['ES'] };
    });
    const accounts = await guardAccounts(options);
    const [first, second] = accounts;
    if (!first || !second) throw new Error('the simulator has two demo accounts');

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(tradingPageUrl(accounts));

    // The chip follows the account selected in the page's account picker.
    await expect(chip(page)).toContainText(`${first.name}: OK`);
    await pageAction(page, 'selectAccount', second.id);
    await expect(chip(page)).toContainText(`${second.name}: OK`);
    await pageAction(page, 'selectAccount', first.id);
    await expect(chip(page)).toContainText(`${first.name}: OK`);

    // A symbol lock (ES blocked) covers order entry only while ES is the contract in view.
    await expect(chip(page)).toContainText('blocked: ES');
    expect(await reachable(page, OPENING_CONTROLS)).toEqual(all(OPENING_CONTROLS, true));
    await pageAction(page, 'selectContract', 'ESZ26');
    await expect(overlayPanel(page)).toContainText('ES blocked');
    await expect.poll(() => reachable(page, OPENING_CONTROLS)).toEqual(all(OPENING_CONTROLS, false));
    expect(await reachable(page, REDUCING_CONTROLS)).toEqual(all(REDUCING_CONTROLS, true));
    // The network cannot tell symbols apart: a symbol lock does not block the page's requests.
    expect(await callPageApi(page, ['placeOrder'])).toEqual(['placeOrder 200']);
    await pageAction(page, 'selectContract', 'MNQZ26');
    await expect(overlayPanel(page)).toHaveCount(0);
    await expect.poll(() => reachable(page, OPENING_CONTROLS)).toEqual(all(OPENING_CONTROLS, true));

    // The daily loss limit is breached on the first account: locked.
    loseOnOneContract(sim, first.id);
    await expect(overlayPanel(page)).toContainText('Locked', { timeout: 5000 });
    await expect(chip(page)).toContainText(`${first.name}: Locked`);
    await expect.poll(() => reachable(page, OPENING_CONTROLS)).toEqual(all(OPENING_CONTROLS, false));
    expect(await reachable(page, REDUCING_CONTROLS)).toEqual(all(REDUCING_CONTROLS, true));
    await page.screenshot({ path: test.info().outputPath('page-locked.png') });

    // The page's own client (a hotkey, a script that got past the layer): every order path is
    // stopped in the browser; every risk-reducing request reaches the back end.
    const before = backendRequests.length;
    const opening = await callPageApi(page, OPENING_REQUESTS);
    expect(opening).toEqual(OPENING_REQUESTS.map((n) => `${n} blocked`));
    const reducing = await callPageApi(page, REDUCING_REQUESTS);
    expect(reducing).toEqual(REDUCING_REQUESTS.map((n) => `${n} 200`));
    expect(reached(backendRequests.slice(before))).toEqual([
      `DELETE /Order/cancel/${first.id}/id/9000000001`,
      `DELETE /Order/cancel/${first.id}/all`,
      `DELETE /Order/cancel/${first.id}/symbol/F.US.MNQ`,
      `DELETE /Order/cancel/${first.id}/contract/CON.F.US.MNQ.Z26`,
      'DELETE /Order/cancel/id/9000000001',
      `DELETE /Position/close/${first.id}`,
      `DELETE /Position/close/${first.id}/symbol/F.US.MNQ`,
      `DELETE /Position/close/${first.id}/contract/CON.F.US.MNQ.Z26`,
      'POST /TradingAccount/flatten',
      'POST /Order/editStopLoss',
      'PUT /Position/sltp',
      'PUT /Position/riskToMake',
      'POST /TradingAccount/setPositionBrackets',
      'PATCH /Order/edit/stopLimit/9000000002',
      'PUT /Order/edit/trailingDistance/9000000002',
      'POST /PersonalLockout/add',
    ]);
    // A real click on a close button goes through (nothing covers it).
    await page.getByTestId('positions-click-button-close-9000000001').click();
    await expect(page.locator('#last-result')).toHaveText('closeContract 200');

    // React replaces the nodes: the new ones are covered again.
    await pageAction(page, 'rerender');
    await expect.poll(() => reachable(page, OPENING_CONTROLS)).toEqual(all(OPENING_CONTROLS, false));
    expect(await reachable(page, REDUCING_CONTROLS)).toEqual(all(REDUCING_CONTROLS, true));

    // The other account in view: no cover, but the page is told its orders are blocked (the
    // network cannot tell accounts apart).
    await pageAction(page, 'selectAccount', second.id);
    await expect(chip(page)).toContainText(`${second.name}: OK`);
    await expect.poll(() => reachable(page, OPENING_CONTROLS)).toEqual(all(OPENING_CONTROLS, true));
    await expect(overlayPanel(page)).toContainText(`blocked while ${first.name} is locked`);
    await pageAction(page, 'selectAccount', first.id);

    // The page after a redesign (no test ids): no cover at all, a banner, the network block holds.
    const changed = await browser.context.newPage();
    await changed.setViewportSize({ width: 1280, height: 800 });
    await changed.goto(tradingPageUrl(accounts, { variant: 'no-testids' }));
    await expect(overlayPanel(changed)).toContainText('Order entry not recognised: the network block still holds', {
      timeout: 15_000,
    });
    await expect(changed.locator('risk-guard-overlay .rg-cover')).toHaveCount(0);
    expect(await changed.locator('[inert]').count()).toBe(0);
    await changed.locator('[data-x="order-card-click-button-close-position"]').click();
    await expect(changed.locator('#last-result')).toHaveText('closeContract 200');
    await changed.locator('[data-x="order-card-click-button-buy"]').click();
    await expect(changed.locator('#last-result')).toHaveText('placeOrder blocked');
    await changed.screenshot({ path: test.info().outputPath('page-not-recognised.png') });

    // Guard health in the popup says so; the journal has it once for that page load.
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.locator('[data-problem="order-entry"]')).toContainText('order entry not recognised');
    await expect(popup.locator('[data-problem="network-block"]')).toHaveCount(0);
    const journal = await askGuard<{ entries: Array<{ message: string }> }>(options, {
      type: 'getJournal',
      filters: { kinds: ['warning'] },
    });
    expect(journal.entries.filter((e) => e.message.includes('order entry not recognised'))).toHaveLength(1);
    await changed.close();
    await expect(popup.locator('[data-problem="order-entry"]')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('a pattern the browser would refuse, or a selector the page would throw on, cannot be saved', async () => {
  const browser = await launchWithExtension(CHROME_BUILD_DIR);
  try {
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    const { config } = await askGuard<{ config: { page: Record<string, string[]> } }>(options, { type: 'getConfig' });
    const save = (page: Record<string, string[]>) =>
      askGuard<{ ok: boolean; problems: Array<{ path: string; message: string }> }>(options, {
        type: 'saveConfig',
        config: { ...config, page: { ...config.page, ...page } },
      });
    // Valid JavaScript, but over Chrome's RE2 memory limit: only the browser can tell.
    const huge = await save({ blockRequests: [...(config.page.blockRequests ?? []), 'POST ^https://x/(a|b|c){900}'] });
    expect(huge.ok).toBe(false);
    expect(huge.problems).toEqual([
      { path: `page.blockRequests.${config.page.blockRequests?.length}`, message: expect.stringContaining('browser') },
    ]);
    const bad = await save({ cover: ['[data-testid="x"'], allowRequests: ['* ^a(?=b)'] });
    expect(bad.problems.map((p) => p.path).sort()).toEqual(['page.allowRequests.0', 'page.cover.0']);
    const after = await askGuard<{ config: { page: Record<string, string[]> } }>(options, { type: 'getConfig' });
    expect(after.config.page).toEqual(config.page);
  } finally {
    await browser.close();
  }
});
