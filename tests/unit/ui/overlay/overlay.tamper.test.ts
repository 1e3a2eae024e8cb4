// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createOverlay } from '../../../../src/ui/overlay/overlay';
import { buy, covers, flush, lockedSnap, overlayPerTest, panels, SELECTORS } from './overlay-fixture';
import { byTestId, isInert } from './page-fixture';

/** The overlay holds against the page it sits in: no dismissing it, removing it, hiding it or re-rendering under it. */
const { make, mc } = overlayPerTest();

describe('page overlay', () => {
  it('has no way to be dismissed: no button, Escape and clicks do nothing', () => {
    const o = make();
    o.update(lockedSnap());
    const cover = covers(o)[0] as HTMLElement;
    expect(o.shadow.querySelector('button')).toBeNull();
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    cover.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    cover.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(covers(o).length).toBeGreaterThan(0);
    expect(panels(o)).toHaveLength(1);
  });

  it('comes back when the page removes it', async () => {
    const o = make();
    o.update(lockedSnap());
    o.host.remove();
    await flush();
    expect(o.host.isConnected).toBe(true);
    expect(panels(o)).toHaveLength(1);
  });

  it('undoes the page hiding its host', async () => {
    const o = make();
    o.update(lockedSnap());
    o.host.setAttribute('hidden', '');
    o.host.setAttribute('style', 'display:none');
    await flush();
    expect(o.host.hasAttribute('hidden')).toBe(false);
    expect(o.host.getAttribute('style')).toBeNull();
  });

  it('puts inert back when the page removes it from a control', async () => {
    const o = make();
    o.update(lockedSnap());
    for (let p: Element | null = buy(); p !== null; p = p.parentElement) p.removeAttribute('inert');
    await flush();
    expect(isInert(buy())).toBe(true);
    expect(o.currentBlock()).not.toBeNull();
  });

  it('covers the controls React re-renders as new nodes', async () => {
    const o = make();
    o.update(lockedSnap());
    const card = byTestId('order-card-container');
    card.innerHTML =
      '<div><button data-testid="order-card-click-button-buy">Buy</button><button data-testid="order-card-click-button-close-position">Close</button></div>';
    await flush();
    expect(isInert(buy())).toBe(true);
    expect(isInert(byTestId('order-card-click-button-close-position'))).toBe(false);
    o.refresh();
    expect(panels(o)).toHaveLength(1);
  });

  it('uses a closed shadow root by default, out of the page scripts reach', () => {
    const o = createOverlay({ document, clock: mc().clock, selectors: SELECTORS });
    expect(o.host.shadowRoot).toBeNull();
    o.destroy();
  });
});
