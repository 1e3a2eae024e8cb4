import { afterEach, beforeEach, vi } from 'vitest';
import { PAGE_DEFAULTS } from '../../../../src/core/page/page-defaults';
import type { PageSelectors } from '../../../../src/messaging/snapshot';
import { createOverlay, type Overlay } from '../../../../src/ui/overlay/overlay';
import { account, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { manualClock } from '../manual-clock';
import { byTestId, tradingPageHtml } from './page-fixture';

/** The page overlay over the small trading page, on a clock the test moves by hand. */

const RESET = Date.UTC(2026, 10, 25, 23, 0, 0);
export const lockedSnap = () =>
  snapshot({
    accounts: [
      account({
        status: 'locked',
        lockouts: [{ kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'dailyRealizedLoss', endsAt: RESET }],
      }),
    ],
  });

export const flush = () => new Promise((r) => setTimeout(r, 0));

export const SELECTORS: PageSelectors = {
  cover: [...PAGE_DEFAULTS.cover],
  keepUsable: [...PAGE_DEFAULTS.keepUsable],
  accountPicker: [...PAGE_DEFAULTS.accountPicker],
  contractPicker: [...PAGE_DEFAULTS.contractPicker],
};

export const covers = (o: Overlay) => [...o.shadow.querySelectorAll('.rg-cover')];
export const panels = (o: Overlay) => [...o.shadow.querySelectorAll('.rg-block')];
export const text = (o: Overlay) => o.shadow.textContent ?? '';
export const buy = () => byTestId('order-card-click-button-buy');

/**
 * A fresh trading page and clock before each test, the overlay destroyed after it: `make`
 * builds the test's overlay (open shadow root, so tests can look in), `mc()` is its clock.
 */
export function overlayPerTest() {
  let overlay: Overlay | null = null;
  let mc = manualClock(NOW);
  beforeEach(() => {
    mc = manualClock(NOW);
    document.body.innerHTML = tradingPageHtml();
    // happy-dom lays nothing out: give every element a box so covers are drawn.
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue({
      left: 10,
      top: 20,
      width: 80,
      height: 30,
      right: 90,
      bottom: 50,
      x: 10,
      y: 20,
      toJSON: () => ({}),
    } as DOMRect);
  });
  afterEach(() => {
    overlay?.destroy();
    overlay = null;
    vi.restoreAllMocks();
  });
  return {
    make(opts: Partial<Parameters<typeof createOverlay>[0]> = {}) {
      overlay = createOverlay({ document, clock: mc.clock, selectors: SELECTORS, shadowMode: 'open', ...opts });
      return overlay;
    },
    mc: () => mc,
  };
}
