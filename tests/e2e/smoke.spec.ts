import { expect, test } from './fixtures';
import { OTHER_SITE_URL } from './support/fake-topstepx';

test('the service worker of the built extension starts', async ({ serviceWorker, extensionId }) => {
  expect(serviceWorker.url()).toBe(`chrome-extension://${extensionId}/background.js`);
  expect(extensionId).toMatch(/^[a-p]{32}$/);
});

test('the popup renders', async ({ openPopup }) => {
  const popup = await openPopup();
  await expect(popup.getByTestId('popup-root')).toBeVisible();
});

test('the options page renders', async ({ openOptions }) => {
  const options = await openOptions();
  await expect(options.getByTestId('options-root')).toBeVisible();
});

test('the overlay root appears on the TopstepX page', async ({ openTopstepX }) => {
  const page = await openTopstepX();
  await expect(page.locator('risk-guard-overlay')).toHaveCount(1);
});

test('the overlay root appears on no other site', async ({ openTopstepX }) => {
  const page = await openTopstepX(OTHER_SITE_URL);
  await expect(page.getByText('Other site')).toBeVisible();
  // Give a content script every chance to run before asserting it did not.
  await page.waitForTimeout(500);
  await expect(page.locator('risk-guard-overlay')).toHaveCount(0);
});
