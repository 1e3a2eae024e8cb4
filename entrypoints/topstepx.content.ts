import { PAGE_DEFAULTS } from '../src/core/page/page-defaults';
import { createGuardClient } from '../src/messaging/client';
import { CONTENT_SCRIPT_ANSWERS } from '../src/messaging/view-answers';
import { systemViewClock } from '../src/ui/clock';
import { createOverlay, type Overlay } from '../src/ui/overlay/overlay';

// Thin adapter: the overlay logic is in src/ui/overlay/. The content script is untrusted
// territory (it runs inside the TopstepX page): it receives snapshots on the 'snapshot'
// port, reports what its layer sees, holds no key or token and can ask for nothing else.
//
// Injected on www.topstepx.com (the app routes client-side, so a script matched only to
// /trade would miss a login → /trade navigation) and active only on the trading page.

const TRADING_PATH = /^\/trade(\/|$)/;

export default defineContentScript({
  matches: ['https://www.topstepx.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const client = createGuardClient(browser.runtime, CONTENT_SCRIPT_ANSWERS);
    const loadId = crypto.randomUUID();
    let overlay: Overlay | null = null;
    let lastReport: string | null = null;
    let resend = false;

    const report = (orderEntry: 'recognised' | 'missing' | 'inactive') => {
      lastReport = orderEntry;
      client.request('reportPageStatus', { loadId, orderEntry }).catch(() => {
        resend = true; // the worker was away: say it again with the next snapshot
      });
    };

    const activate = () => {
      const trading = TRADING_PATH.test(location.pathname);
      if (trading && overlay === null) {
        overlay = createOverlay({
          document,
          clock: systemViewClock,
          selectors: {
            cover: [...PAGE_DEFAULTS.cover],
            keepUsable: [...PAGE_DEFAULTS.keepUsable],
            accountPicker: [...PAGE_DEFAULTS.accountPicker],
            contractPicker: [...PAGE_DEFAULTS.contractPicker],
          },
          onOrderEntry: report,
          // Store builds keep the page's scripts out (closed); the local build (demo, end-to-end
          // tests) leaves it open so the tests can read what the trader sees.
          shadowMode: import.meta.env.RG_LOCAL_BUILD === 'true' ? 'open' : 'closed',
        });
        client
          .request('getSnapshot', {})
          .then((s) => overlay?.update(s))
          .catch(() => overlay?.setWorkerConnected(false));
      } else if (!trading && overlay !== null) {
        overlay.destroy();
        overlay = null;
        report('inactive');
      }
      overlay?.refresh();
    };

    const stop = client.subscribe(
      (snapshot) => {
        overlay?.update(snapshot);
        // After a worker restart it has forgotten this tab: report again.
        if (resend && lastReport !== null) {
          resend = false;
          report(lastReport as 'recognised' | 'missing' | 'inactive');
        }
      },
      () => {
        overlay?.setWorkerConnected(false);
        resend = true;
      },
    );
    activate();
    ctx.addEventListener(window, 'wxt:locationchange', activate);
    ctx.onInvalidated(() => {
      stop();
      overlay?.destroy();
    });
  },
});
