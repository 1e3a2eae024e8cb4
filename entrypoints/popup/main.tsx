import { browser } from 'wxt/browser';
import { startEarlyRequests } from '../../src/messaging/early-requests';

// Thin adapter, in two steps so the worker's answer is on its way while the view loads: this
// module imports nothing heavy and asks for the snapshot (and the cached one) at once; the
// view (Preact, the zod schemas) is loaded after, validates what arrived and renders it.
// The mark times the entry's own start for the popup benchmark (tests/bench/popup.ts).
performance.mark('rg:popup-script');
const early = startEarlyRequests(browser.runtime, browser.storage.session);
void import('./mount').then(({ mountPopup }) => mountPopup(early));
