import { expect, test } from '@playwright/test';
import { startSimulator } from '../../simulator/index';
import type { Simulator } from '../../simulator/types';
import { OrderSide, OrderType } from '../../src/core/gateway/enums';
import { CHROME_BUILD_DIR } from './support/build';
import { launchWithExtension } from './support/chromium';
import { installFakeTopstepX, tradingPageUrl } from './support/fake-topstepx';
import {
  connectThroughOptions,
  enforceDailyLossThroughOptions,
  guardAccounts,
  loseOnOneContract,
  micro,
} from './support/guard-setup';
import { callPageApi, isInert } from './support/page-probe';

const BUY = '[data-testid="order-card-click-button-buy"]';

let sim: Simulator;
test.beforeEach(async () => {
  sim = await startSimulator({ priceTickMs: 0, pingIntervalMs: 5000 });
});
test.afterEach(async () => {
  await sim.stop();
});

/** Milliseconds from `now` to the next 17:00 in Chicago. */
function msToNextChicagoFivePm(now: number): number {
  for (let t = now + 60_000; t < now + 3 * 86_400_000; t += 60_000) {
    const hm = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Chicago',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(t);
    if (hm === '17:00') return t - now;
  }
  throw new Error('no 17:00 within three days');
}

test('during a lockout the page cannot submit orders, its block returns when removed, and the lockout survives a browser restart', async () => {
  // One profile for the whole test: the browser is closed and started again on it.
  let browser = await launchWithExtension(CHROME_BUILD_DIR, { userDataDir: test.info().outputPath('profile') });
  try {
    await installFakeTopstepX(browser.context);
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await connectThroughOptions(options, sim);
    await enforceDailyLossThroughOptions(options, 100);
    const accountId = sim.demo.accountIds[0] as number;

    const accounts = await guardAccounts(options);
    const page = await browser.context.newPage();
    await page.goto(tradingPageUrl(accounts));
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.locator(`[data-account="${accountId}"]`)).toBeVisible();

    loseOnOneContract(sim, accountId);
    const started = Date.now();
    await expect.poll(() => isInert(page, BUY), { timeout: 5000, intervals: [20] }).toBe(true);
    const overlayMs = Date.now() - started;
    test.info().annotations.push({ type: 'overlay-after-breach-ms', description: String(overlayMs) });
    console.log(`overlay after breach: ${overlayMs} ms`);
    expect(overlayMs).toBeLessThan(1000);

    // The countdown runs to the next 17:00 Chicago (the popup and the overlay share one view-model).
    const countdown = await popup.getByTestId('countdown').textContent();
    const [h, m] = (countdown ?? '').split(':').map(Number);
    const expectedMinutes = msToNextChicagoFivePm(Date.now()) / 60_000;
    expect(Math.abs((h ?? 0) * 60 + (m ?? 0) - expectedMinutes)).toBeLessThanOrEqual(2);

    // Even if the page's own script gets past the layer (a hotkey, a strip of `inert`), order
    // submission is blocked at the network layer; risk-reducing calls still pass.
    await page.evaluate((sel) => document.querySelector(sel)?.closest('[inert]')?.removeAttribute('inert'), BUY);
    await page.evaluate((sel) => (document.querySelector(sel) as HTMLButtonElement).click(), BUY);
    await expect(page.locator('#last-result')).toHaveText('placeOrder blocked');
    expect(await callPageApi(page, ['closeAll'])).toEqual(['closeAll 200']);
    // The block puts itself back (inert again) …
    await expect.poll(() => isInert(page, BUY)).toBe(true);
    // … and so does its host element when the page removes it.
    await page.evaluate(() => document.querySelector('risk-guard-overlay')?.remove());
    await expect(page.locator('risk-guard-overlay')).toHaveCount(1);

    // A page script cannot reach the extension at all (no externally_connectable).
    const pageCanMessage = await page.evaluate(
      () => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
    );
    expect(pageCanMessage).toBe('undefined');

    await page.screenshot({ path: test.info().outputPath('overlay-locked.png') });
    await popup.screenshot({ path: test.info().outputPath('popup-locked.png') });
    await options.screenshot({ path: test.info().outputPath('options.png'), fullPage: true });

    // Restart the browser on the same profile: the lockout is still there and still enforced.
    await browser.context.close();
    browser = await launchWithExtension(CHROME_BUILD_DIR, { userDataDir: test.info().outputPath('profile') });
    await installFakeTopstepX(browser.context);
    const popup2 = await browser.context.newPage();
    await popup2.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup2.getByTestId('lockout')).toBeVisible({ timeout: 10_000 });
    const page2 = await browser.context.newPage();
    await page2.goto(tradingPageUrl(accounts));
    await expect.poll(() => isInert(page2, BUY), { timeout: 5000 }).toBe(true);
    sim.trader.placeOrder(accountId, { contractId: micro(sim), type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await expect.poll(() => sim.ledger.truth(accountId).positions.length, { timeout: 10_000 }).toBe(0);
    expect(sim.ledger.overCloses()).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('the API key and the token are stored only encrypted, and never reach a view', async () => {
  const browser = await launchWithExtension(CHROME_BUILD_DIR);
  try {
    const worker = browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await connectThroughOptions(options, sim);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.locator(`[data-account="${sim.demo.accountIds[0]}"]`)).toBeVisible();

    // Everything the extension stored: every IndexedDB record and chrome.storage area.
    const dump = await worker.evaluate(async () => {
      const out: string[] = [];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(info.name as string);
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        for (const name of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve) => {
            const req = db.transaction(name).objectStore(name).getAll();
            req.onsuccess = () => resolve(req.result);
          });
          out.push(
            JSON.stringify(all, (_k, v) =>
              v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? Array.from(new Uint8Array(v as ArrayBuffer)) : v,
            ),
          );
        }
        db.close();
      }
      const c = (globalThis as unknown as { chrome: { storage: Record<string, { get(k: null): Promise<unknown> }> } })
        .chrome;
      for (const area of ['local', 'session', 'sync']) out.push(JSON.stringify(await c.storage[area]?.get(null)));
      return out.join('\n');
    });
    const tokens = sim.requests.list('/api/Auth/loginKey').length;
    expect(tokens).toBeGreaterThan(0);
    expect(dump).not.toContain(sim.demo.apiKey);
    expect(dump).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/); // no JWT in clear
    // What views receive: every answer a view can ask for carries no secret.
    const answers = await popup.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      const types = ['getSnapshot', 'getCredentialsStatus', 'getConfig', 'exportConfig', 'listAccounts'];
      const out = await Promise.all(types.map((type) => c.runtime.sendMessage({ type })));
      out.push(await c.runtime.sendMessage({ type: 'getJournal', filters: {} }));
      return JSON.stringify(out);
    });
    expect(answers).toContain('"ok":true');
    expect(answers).not.toContain(sim.demo.apiKey);
    expect(answers).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  } finally {
    await browser.close();
  }
});
