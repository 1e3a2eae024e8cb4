// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOverlay, type Overlay } from '../../../../src/ui/overlay/overlay';
import { account, healthy, NOW, snapshot } from '../../messaging/snapshot-fixtures';
import { manualClock } from '../manual-clock';

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

function make(opts: Partial<Parameters<typeof createOverlay>[0]> = {}) {
  overlay = createOverlay({
    document,
    clock: mc.clock,
    orderEntrySelectors: ['#order-entry'],
    shadowMode: 'open',
    ...opts,
  });
  return overlay;
}
const layers = (o: Overlay) => [...o.shadow.querySelectorAll('.rg-block')];
const text = (o: Overlay) => o.shadow.textContent ?? '';

beforeEach(() => {
  mc = manualClock(NOW);
  document.body.innerHTML = '<div id="app"><form id="order-entry"><button id="buy">Buy</button></form></div>';
});
afterEach(() => {
  overlay?.destroy();
  overlay = null;
});

describe('page overlay', () => {
  it('shows a status chip per account and no block when all is OK', () => {
    const o = make();
    o.update(snapshot());
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-1: OK');
    expect(layers(o)).toHaveLength(0);
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(false);
  });

  it('blocks order entry during a lockout with the reason and the countdown', () => {
    const o = make();
    o.update(lockedSnap());
    expect(layers(o)).toHaveLength(1);
    expect(text(o)).toContain('Locked \u2014 order entry blocked');
    expect(text(o)).toContain('TOPX-50K-1: Daily loss limit reached');
    expect(text(o)).toContain('until 17:00 CT');
    expect(o.shadow.querySelector('.rg-countdown')?.textContent).toBe('8:00:00 left');
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(true);
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
    expect(layers(o)[0]?.getAttribute('data-kind')).toBe('cooldown');
  });

  it('has no way to be dismissed: no button, Escape and clicks do nothing', () => {
    const o = make();
    o.update(lockedSnap());
    const layer = layers(o)[0] as HTMLElement;
    expect(layer.querySelector('button')).toBeNull();
    layer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    layer.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(layers(o)).toHaveLength(1);
  });

  it('comes back when the page removes it', async () => {
    const o = make();
    o.update(lockedSnap());
    o.host.remove();
    await flush();
    expect(o.host.isConnected).toBe(true);
    expect(layers(o)).toHaveLength(1);
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

  it('puts inert back when the page removes it from the order entry', async () => {
    const o = make();
    o.update(lockedSnap());
    document.getElementById('order-entry')?.removeAttribute('inert');
    await flush();
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(true);
  });

  it('blocks the order entry the page re-renders after client-side navigation', async () => {
    const o = make();
    o.update(lockedSnap());
    document.body.innerHTML = '<main><form id="order-entry"><button>Sell</button></form></main>';
    await flush();
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(true);
    o.refresh();
    expect(layers(o)).toHaveLength(1);
  });

  it('covers the whole page when it cannot find the order entry', () => {
    document.body.innerHTML = '<div>another layout</div>';
    const o = make();
    o.update(lockedSnap());
    expect(layers(o)[0]?.getAttribute('style')).toBe('inset:0;');
  });

  it('lifts the block and inert when the lockout ends', () => {
    const o = make();
    o.update(lockedSnap());
    o.update(snapshot());
    expect(layers(o)).toHaveLength(0);
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(false);
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
    expect(layers(o)).toHaveLength(0);
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
    const o = createOverlay({ document, clock: mc.clock, orderEntrySelectors: [] });
    expect(o.host.shadowRoot).toBeNull();
    o.destroy();
  });

  it('survives an invalid selector from config', () => {
    const o = make({ orderEntrySelectors: ['[[[', '#order-entry'] });
    o.update(lockedSnap());
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(true);
  });

  it('uses the order-entry selectors the snapshot carries (config) over the built-in ones', () => {
    document.body.innerHTML = '<section class="ticket"><button>Buy</button></section><form id="order-entry"></form>';
    const o = make();
    o.update({
      ...lockedSnap(),
      pageSelectors: { cover: ['.ticket'], keepUsable: [], accountPicker: [], contractPicker: [] },
    });
    expect(document.querySelector('.ticket')?.hasAttribute('inert')).toBe(true);
    expect(document.getElementById('order-entry')?.hasAttribute('inert')).toBe(false);
  });

  it('reads the account in view from the page with selectors', () => {
    document.body.innerHTML = '<div class="acct">TOPX-50K-2</div><form id="order-entry"></form>';
    const o = make({ activeAccountSelectors: ['[[bad', '.acct'] });
    o.update(snapshot({ accounts: [...lockedSnap().accounts, account({ id: 102, name: 'TOPX-50K-2' })] }));
    expect(o.currentBlock()).toBeNull();
    expect(o.shadow.querySelectorAll('.rg-chip')).toHaveLength(1);
    expect(o.shadow.querySelector('.rg-chip')?.textContent).toContain('TOPX-50K-2: OK');
  });
});
