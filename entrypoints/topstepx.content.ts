import { createGuardClient } from '../src/messaging/client';
import { systemClock } from '../src/ui/clock';
import { createOverlay } from '../src/ui/overlay/overlay';

// Thin adapter: the overlay logic is in src/ui/overlay/. The content script is untrusted
// territory (architecture.md, principle 7): it only receives snapshots on the 'snapshot'
// port and holds no key or token.

/** Built-in guesses of where TopstepX's order entry sits (third-party page: verify); the snapshot's
 * `pageSelectors` (from config) override them. Not found → the block covers the whole page. */
const ORDER_ENTRY_SELECTORS = ['[data-testid="order-entry"]', '[class*="OrderEntry"]', '[class*="order-entry"]'];
const ACTIVE_ACCOUNT_SELECTORS = ['[data-testid="account-selector"]', '[class*="AccountSelector"] [class*="name"]'];

export default defineContentScript({
  matches: ['https://topstepx.com/*', 'https://*.topstepx.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const overlay = createOverlay({
      document,
      clock: systemClock,
      orderEntrySelectors: ORDER_ENTRY_SELECTORS,
      activeAccountSelectors: ACTIVE_ACCOUNT_SELECTORS,
    });
    const client = createGuardClient(browser.runtime);
    const stop = client.subscribe(
      (snapshot) => overlay.update(snapshot),
      () => overlay.setWorkerConnected(false),
    );
    // The port pushes on change; ask once at start so the page is right from the first second.
    client
      .request('getSnapshot', {})
      .then((s) => overlay.update(s))
      .catch(() => overlay.setWorkerConnected(false));
    ctx.addEventListener(window, 'wxt:locationchange', () => overlay.refresh());
    ctx.onInvalidated(() => {
      stop();
      overlay.destroy();
    });
  },
});
