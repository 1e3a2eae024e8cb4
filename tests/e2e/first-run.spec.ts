import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The page the extension opened itself, however early it did. */
async function openedPage(context: BrowserContext, match: (url: string) => boolean): Promise<Page> {
  const already = context.pages().find((p) => match(p.url()));
  return already ?? (await context.waitForEvent('page', { predicate: (p) => match(p.url()), timeout: 10_000 }));
}

test('a fresh install opens the settings at the start of the setup', async ({ context, extensionId }) => {
  const setup = await openedPage(context, (url) => url === `chrome-extension://${extensionId}/options.html#setup`);
  await expect(setup.getByTestId('welcome')).toBeVisible();
  await expect(setup.locator('#rg-setup-h')).toBeFocused();
  await expect(setup.locator('#rg-conn-userName')).toBeVisible();
});
