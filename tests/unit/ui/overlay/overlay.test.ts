// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_DEFAULTS } from '../../../../src/core/page/page-defaults';
import type { PageSelectors } from '../../../../src/messaging/snapshot';
import { createOverlay, type Overlay, RECOGNISE_GRACE_MS } from '../../../../src/ui/overlay/overlay';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { manualClock } from '../manual-clock';
import { byTestId, isInert, OPENING, REDUCING, tradingPageHtml } from './page-fixture';

const RESET = Date.UTC(2026, 10, 25, 23, 0, 0);
const lockedSnap = () =>
  snapshot({
    accounts: [
      account({
        status: 'locked',
        lockouts: [{ kind: 'lockout', reason: 'Daily loss limit reached', ruleId: 'dailyRealizedLoss', endsAt: RESET }],
      }),
    ],
  });

let overlay: Overlay | null = null;
let mc = manualClock(NOW);
const flush = () => new Promise((r) => setTimeout(r, 0));

const SELECTORS: PageSelectors = {
  cover: [...PAGE_DEFAULTS.cover],
  keepUsable: [...PAGE_DEFAULTS.keepUsable],
  accountPicker: [...PAGE_DEFAULTS.accountPicker],
  contractPicker: [...PAGE_DEFAULTS.contractPicker],
};

function make(opts: Partial<Parameters<typeof createOverlay>[0]> = {}) {
  overlay = createOverlay({ document, clock: mc.clock, selectors: SELECTORS, shadowMode: 'open', ...opts });
  return overlay;
}
const covers = (o: Overlay) => [...o.shadow.querySelectorAll('.rg-cover')];
const panels = (o: Overlay) => [...o.shadow.querySelectorAll('.rg-block')];
const text = (o: Overlay) => o.shadow.textContent ?? '';
const buy = () => byTestId('order-card-click-button-buy');

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

describe('page overlay', () => {
  it('shows a status chip per account and no block when all is OK', () => {
    const o = make();
    o.update(snapshot());
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-1: OK');
    expect(covers(o)).toHaveLength(0);
    expect(panels(o)).toHaveLength(0);
    expect(isInert(buy())).toBe(false);
  });

  it('covers every control that opens exposure during a lockout, never one that reduces it, and says why', () => {
    const o = make();
    o.update(lockedSnap());
    for (const id of OPENING) expect([id, isInert(byTestId(id))]).toEqual([id, true]);
    for (const id of REDUCING) expect([id, isInert(byTestId(id))]).toEqual([id, false]);
    expect(covers(o).length).toBeGreaterThan(0);
    expect(panels(o)).toHaveLength(1);
    expect(text(o)).toContain('Locked \u2014 order entry blocked');
    expect(text(o)).toContain('TOPX-50K-1: Daily loss limit reached');
    expect(text(o)).toContain('until 17:00 CT');
    expect(o.shadow.querySelector('.rg-countdown')?.textContent).toBe('8:00:00 left');
  });

  it('moves the countdown every second', () => {
    const o = make();
    o.update(lockedSnap());
    mc.advance(3000);
    expect(o.shadow.querySelector('.rg-countdown')?.textContent).toBe('7:59:57 left');
  });

  it('blocks during a cooldown too', () => {
    const o = make();
    o.update(
      snapshot({
        accounts: [
          account({
            status: 'cooldown',
            lockouts: [{ kind: 'cooldown', reason: 'Too many trades this hour', ruleId: 'f', endsAt: NOW + 60_000 }],
          }),
        ],
      }),
    );
    expect(o.currentBlock()?.kind).toBe('cooldown');
    expect(covers(o)[0]?.getAttribute('data-kind')).toBe('cooldown');
  });

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

  it('never covers the whole page: order entry not found means a banner, reported once, and nothing covered', () => {
    document.body.innerHTML = tradingPageHtml({ testIds: false });
    const seen: string[] = [];
    const o = make({ onOrderEntry: (s) => seen.push(s) });
    o.update(lockedSnap());
    expect(o.orderEntry()).toBe('waiting'); // the page may still be loading
    expect(text(o)).not.toContain('not recognised');
    mc.advance(RECOGNISE_GRACE_MS);
    expect(o.orderEntry()).toBe('missing');
    expect(seen).toEqual(['missing']);
    expect(covers(o)).toHaveLength(0);
    expect(document.querySelector('[inert]')).toBeNull();
    expect(text(o)).toContain('Order entry not recognised: the network block still holds.');
    mc.advance(5000);
    expect(seen).toEqual(['missing']);
    // The page comes back (a later render): recognised, reported once.
    document.body.innerHTML = tradingPageHtml();
    mc.advance(1000);
    expect(seen).toEqual(['missing', 'recognised']);
    expect(isInert(buy())).toBe(true);
  });

  it('lifts the covers and inert when the lockout ends', () => {
    const o = make();
    o.update(lockedSnap());
    o.update(snapshot());
    expect(covers(o)).toHaveLength(0);
    expect(panels(o)).toHaveLength(0);
    expect(isInert(buy())).toBe(false);
  });

  it('shows "guard offline" and blocks when the guard is blind and fail-closed is on', () => {
    const o = make();
    o.update(snapshot({ health: healthy({ blindSince: NOW - 30_000 }), failClosed: true }));
    expect(o.currentBlock()?.kind).toBe('offline');
    expect(text(o)).toContain('Guard offline');
    expect(text(o)).toContain('cannot see your account');
    expect(text(o)).toContain('Guard BLIND');
  });

  it('does not block when blind with fail-closed off, but still says BLIND', () => {
    const o = make();
    o.update(snapshot({ health: healthy({ blindSince: NOW - 30_000 }), failClosed: false }));
    expect(covers(o)).toHaveLength(0);
    expect(text(o)).toContain('Guard BLIND');
  });

  it('blocks as "guard offline" when the worker stops answering under fail-closed', () => {
    const o = make({ offlineAfterMs: 5000 });
    o.update(snapshot());
    o.setWorkerConnected(false);
    mc.advance(4000);
    expect(o.currentBlock()).toBeNull();
    mc.advance(2000);
    expect(o.currentBlock()?.kind).toBe('offline');
    o.update(snapshot());
    expect(o.currentBlock()).toBeNull();
  });

  it('follows the account selected in the page’s account picker', async () => {
    document.body.innerHTML = tradingPageHtml({ account: '$50K COMBINE | TOPX-50K-2' });
    const o = make();
    o.update(snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] }));
    expect(o.currentBlock()).toBeNull();
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-2: OK');
    const picker = document.querySelector('[role="combobox"]') as HTMLElement;
    picker.textContent = '$50K COMBINE | TOPX-50K-1';
    mc.advance(1000);
    expect(o.currentBlock()?.kind).toBe('lockout');
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-1: Locked');
  });

  it('blocks only for the account the page shows when it can tell which', () => {
    let active = 'TOPX-50K-2';
    const o = make({ activeAccountName: () => active });
    const snap = snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] });
    o.update(snap);
    expect(o.currentBlock()).toBeNull();
    active = 'TOPX-50K-1';
    o.refresh();
    expect(o.currentBlock()?.kind).toBe('lockout');
  });

  it('blocks for any locked account when it cannot tell which one the page shows', () => {
    const o = make({ activeAccountName: () => null });
    o.update(snapshot({ accounts: [account({ id: 102, name: 'TOPX-50K-2' }), ...lockedSnap().accounts] }));
    expect(o.currentBlock()?.kind).toBe('lockout');
  });

  it('toasts a near-limit warning when a meter climbs to a warning level, then removes it', () => {
    const o = make({ toastMs: 8000 });
    const m = account().meters[0]!;
    o.update(snapshot());
    o.update(snapshot({ accounts: [account({ meters: [{ ...m, value: 410 }] })] }));
    const toast = o.shadow.querySelector('.rg-toast');
    expect(toast?.textContent).toContain('Daily realized loss at 82% of limit ($410.00 / $500.00)');
    o.update(snapshot({ accounts: [account({ meters: [{ ...m, value: 420 }] })] }));
    expect(o.shadow.querySelectorAll('.rg-toast')).toHaveLength(1);
    mc.advance(8000);
    expect(o.shadow.querySelectorAll('.rg-toast')).toHaveLength(0);
  });

  it('uses a closed shadow root by default, out of the page scripts reach', () => {
    const o = createOverlay({ document, clock: mc.clock, selectors: SELECTORS });
    expect(o.host.shadowRoot).toBeNull();
    o.destroy();
  });

  it('survives an invalid selector from config', () => {
    const o = make({ selectors: { ...SELECTORS, cover: ['[[[', ...SELECTORS.cover] } });
    o.update(lockedSnap());
    expect(isInert(buy())).toBe(true);
  });

  it('uses the selectors the snapshot carries (config) over the built-in ones', () => {
    document.body.innerHTML = `<section class="ticket"><button>Buy</button></section>${tradingPageHtml()}`;
    const o = make();
    o.update({
      ...lockedSnap(),
      pageSelectors: { cover: ['.ticket'], keepUsable: [], accountPicker: [], contractPicker: [] },
    });
    expect(document.querySelector('.ticket')?.hasAttribute('inert')).toBe(true);
    expect(isInert(buy())).toBe(false);
  });

  it('covers order entry while a blocked symbol is the contract in view, not for another contract', () => {
    const symbolLocked = snapshot({
      accounts: [
        account({
          lockouts: [
            { kind: 'lockout', reason: 'MNQ is blocked', ruleId: 'symbolBlocks', endsAt: null, symbol: 'MNQ' },
          ],
        }),
      ],
    });
    const o = make();
    o.update(symbolLocked);
    expect(o.currentBlock()?.title).toBe('MNQ blocked \u2014 order entry blocked for this symbol');
    expect(isInert(buy())).toBe(true);
    expect(isInert(byTestId('order-card-click-button-close-position'))).toBe(false);
    (document.querySelector('input[role="combobox"]') as HTMLInputElement).value = 'ESZ26';
    mc.advance(1000);
    expect(o.currentBlock()).toBeNull();
    expect(isInert(buy())).toBe(false);
  });

  it('says so when the network block stops this page’s orders for another account', () => {
    document.body.innerHTML = tradingPageHtml({ account: '$50K | TOPX-50K-2' });
    const o = make();
    o.update({
      ...snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] }),
      page: { orderEntry: 'recognised', since: NOW, networkBlock: { active: true, failure: null } },
    });
    expect(o.currentBlock()).toBeNull();
    expect(covers(o)).toHaveLength(0);
    expect(text(o)).toContain('Orders from this page are blocked while TOPX-50K-1 is locked');
  });
});
