import { type BrowserContext, test as base, type Page, type Worker } from '@playwright/test';
import { CHROME_BUILD_DIR } from './support/build';
import { launchWithExtension } from './support/chromium';
import { installFakeTopstepX, TOPSTEPX_URL } from './support/fake-topstepx';

export interface ExtensionFixtures {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  openPopup: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  openTopstepX: (url?: string) => Promise<Page>;
}

/**
 * Every test gets Chromium with the built extension, from a fresh temporary profile, plus
 * helpers for the extension's pages and the fake TopstepX page.
 */
export const test = base.extend<ExtensionFixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
  context: async ({}, use) => {
    const launched = await launchWithExtension(CHROME_BUILD_DIR);
    await installFakeTopstepX(launched.context);
    await use(launched.context);
    await launched.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    });
  },
  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return page;
    });
  },
  openTopstepX: async ({ context }, use) => {
    await use(async (url = TOPSTEPX_URL) => {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    });
  },
});

export const expect = test.expect;
