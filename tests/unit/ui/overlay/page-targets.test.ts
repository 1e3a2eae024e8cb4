// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { PAGE_DEFAULTS } from '../../../../src/core/page/page-defaults';
import { coverAreasPresent, findCoverTargets } from '../../../../src/ui/overlay/page-targets';
import { byTestId, OPENING, REDUCING, tradingPageHtml } from './page-fixture';

const covered = (targets: Element[], el: Element) => targets.some((t) => t === el || t.contains(el));

describe('what the layer covers on the real page', () => {
  beforeEach(() => {
    document.body.innerHTML = tradingPageHtml();
  });

  it('covers every control that opens exposure and none that reduces it', () => {
    const targets = findCoverTargets(document, PAGE_DEFAULTS.cover, PAGE_DEFAULTS.keepUsable);
    for (const id of OPENING) expect([id, covered(targets, byTestId(id))]).toEqual([id, true]);
    for (const id of REDUCING) expect([id, covered(targets, byTestId(id))]).toEqual([id, false]);
    // The ladder's price levels (click to place an order) are covered with it.
    for (const level of document.querySelectorAll('.level')) expect(covered(targets, level)).toBe(true);
  });

  it('covers a whole area that holds no risk-reducing control, as one target', () => {
    document.body.innerHTML = '<section data-testid="order-card-container"><button>Buy</button><b>Sell</b></section>';
    const targets = findCoverTargets(document, PAGE_DEFAULTS.cover, PAGE_DEFAULTS.keepUsable);
    expect(targets).toEqual([document.querySelector('section')]);
  });

  it('finds nothing (and recognises nothing) when the test ids are gone, and survives a bad selector', () => {
    document.body.innerHTML = tradingPageHtml({ testIds: false });
    expect(findCoverTargets(document, ['[[[', ...PAGE_DEFAULTS.cover], PAGE_DEFAULTS.keepUsable)).toEqual([]);
    expect(coverAreasPresent(document, PAGE_DEFAULTS.cover)).toBe(false);
    document.body.innerHTML = tradingPageHtml();
    expect(coverAreasPresent(document, ['[[[', ...PAGE_DEFAULTS.cover])).toBe(true);
  });
});
