import type { GuardSnapshot, PageSelectors } from '../../messaging/snapshot';
import type { ViewClock } from '../clock';
import { createPanel } from './block-layer';
import { nextOrderEntryState, orderEntryEvent } from './order-entry-machine';
import { OVERLAY_CSS } from './overlay-css';
import {
  type BlockVM,
  chipViews,
  type OrderEntryState,
  overlayBlock,
  pageNotices,
  warningToasts,
} from './overlay-model';
import { readFirst, tickerOfContractCode } from './page-reader';
import { coverAreasPresent, visibleBoxes } from './page-targets';
import { createPageWatch } from './page-watch';
import { placePanel } from './panel-placement';
import { createTargetCovers } from './target-covers';

/**
 * The overlay on the TopstepX trading page: a status chip per account in view, near-limit
 * toasts, and — during a lockout, a cooldown, a symbol lock on the contract in view, or
 * blindness under fail-closed — covers over the controls that OPEN exposure (order card and
 * DOM ladder buttons and inputs, the other order-button groups), never over close, cancel or
 * flatten (page-targets.ts). A panel at the top says why and for how long; it never takes a
 * click.
 *
 * Recognising the page (explicit machine, reported to the worker for guard health; its table
 * is order-entry-machine.ts):
 *
 *   waiting ──an order-entry area found──▶ recognised ──none any more──▶ waiting
 *      └──none for `recogniseGraceMs`──▶ missing ──found again──▶ recognised
 *
 * When order entry is missing the layer covers NOTHING (never the whole page, which would
 * hide the close buttons too): the panel says "order entry not recognised: the network
 * block still holds", and the network block (worker/page/dnr-rules.ts) stops submissions.
 *
 * Staying put on a hostile, re-rendering page (React replaces nodes):
 *   - everything lives in a (closed in production) shadow root: page CSS and scripts can't reach it;
 *   - a MutationObserver on <html> re-attaches the host when the page removes it, and resets
 *     attributes the page sets on it (hidden, style);
 *   - while blocking, the page watch (page-watch.ts) renders again whenever the page
 *     re-renders, scrolls or resizes, and each render re-finds the controls, puts `inert` back
 *     on them (no clicks, no keyboard focus) and moves the covers over them (target-covers.ts);
 *     `refresh()` is called on navigation.
 */

export interface OverlayOptions {
  document: Document;
  clock: ViewClock;
  /** Built-in selectors; the snapshot's (from config) win once it arrives. */
  selectors: PageSelectors;
  /** A reader of the account picker's text, overriding the selectors (tests). */
  activeAccountName?: () => string | null;
  /** Worker silent this long with fail-closed on → "guard offline" block. */
  offlineAfterMs?: number;
  toastMs?: number;
  /** How long a page may show no order-entry area before it counts as "not recognised". */
  recogniseGraceMs?: number;
  /** Called when the recognition settles (recognised / missing). */
  onOrderEntry?: (state: 'recognised' | 'missing') => void;
  shadowMode?: 'open' | 'closed';
}

export interface Overlay {
  update(snapshot: GuardSnapshot): void;
  /** The snapshot port's state: false when the worker went away. */
  setWorkerConnected(connected: boolean): void;
  /** Client-side navigation: re-attach and re-find the order entry. */
  refresh(): void;
  destroy(): void;
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /** The block currently shown, or null. */
  currentBlock(): BlockVM | null;
  orderEntry(): OrderEntryState;
}

const HOST_TAG = 'risk-guard-overlay';
export const RECOGNISE_GRACE_MS = 6000;

export function createOverlay(options: OverlayOptions): Overlay {
  const doc = options.document;
  const { clock } = options;
  const offlineAfterMs = options.offlineAfterMs ?? 5000;
  const toastMs = options.toastMs ?? 8000;
  const graceMs = options.recogniseGraceMs ?? RECOGNISE_GRACE_MS;

  const host = doc.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: options.shadowMode ?? 'closed' });
  const style = doc.createElement('style');
  style.textContent = OVERLAY_CSS;
  const chips = doc.createElement('div');
  chips.className = 'rg-chips';
  chips.setAttribute('role', 'status');
  chips.setAttribute('aria-label', 'Risk guard status');
  const toasts = doc.createElement('div');
  toasts.className = 'rg-toasts';
  toasts.setAttribute('aria-live', 'polite');
  const panelBox = doc.createElement('div');
  const coverLayer = doc.createElement('div');
  shadow.append(style, chips, toasts, coverLayer, panelBox);
  const covers = createTargetCovers(doc, coverLayer);

  let snapshot: GuardSnapshot | null = null;
  let offlineSince: number | null = clock.now(); // nothing heard yet
  let block: BlockVM | null = null;
  let destroyed = false;
  let panelKey = '';
  let recognition: { state: OrderEntryState; since: number } = { state: 'waiting', since: clock.now() };

  const attach = (): void => {
    if (destroyed) return;
    if (!host.isConnected) doc.documentElement.append(host);
    if (host.hasAttribute('hidden')) host.removeAttribute('hidden');
    if (host.getAttribute('style')) host.removeAttribute('style');
  };

  const selectors = (): PageSelectors => snapshot?.pageSelectors ?? options.selectors;
  const activeAccountName = (): string | null =>
    options.activeAccountName ? options.activeAccountName() : readFirst(doc, selectors().accountPicker);

  const recognise = (): void => {
    const now = clock.now();
    const present = coverAreasPresent(doc, selectors().cover);
    const event = orderEntryEvent({ present, state: recognition.state, sinceMs: now - recognition.since }, graceMs);
    const next = nextOrderEntryState(recognition.state, event);
    if (next === null) return;
    recognition = { state: next, since: now };
    if (next !== 'waiting') options.onOrderEntry?.(next);
  };

  const renderPanel = (notices: string[]): void => {
    if (block === null && notices.length === 0) {
      panelBox.replaceChildren();
      panelKey = '';
      return;
    }
    const key = JSON.stringify([block?.kind, block?.title, block?.lines, notices]);
    if (key === panelKey && panelBox.children.length === 1) {
      // Same panel: only the countdown moves (no re-announcement to screen readers).
      for (const c of panelBox.querySelectorAll('.rg-countdown')) c.textContent = `${block?.countdown ?? ''} left`;
      placeCurrentPanel();
      return;
    }
    panelKey = key;
    const panel = createPanel(doc, block, notices);
    panelBox.replaceChildren(panel);
    placeCurrentPanel();
  };

  /** Keeps the panel off the close/cancel/flatten controls and the pickers (they move as the page lays out). */
  const placeCurrentPanel = (): void => {
    const panel = panelBox.firstElementChild as HTMLElement | null;
    const view = doc.defaultView;
    if (!panel || !view) return;
    const size = panel.getBoundingClientRect();
    const s = selectors();
    const avoid = visibleBoxes(doc, [...s.keepUsable, ...s.accountPicker, ...s.contractPicker]);
    const spot = placePanel(
      { width: size.width, height: size.height },
      { width: view.innerWidth, height: view.innerHeight },
      avoid,
    );
    const style = `left:${Math.round(spot.left)}px;top:${Math.round(spot.top)}px;`;
    if (panel.getAttribute('style') !== style) panel.setAttribute('style', style);
  };

  // Countdowns run on the guard's clock (shifted from the wall clock only in local builds).
  const guardNow = (): number => clock.now() + (snapshot?.clockOffsetMs ?? 0);

  const renderChips = (accountName: string | null): void => {
    if (snapshot === null) {
      chips.replaceChildren();
      return;
    }
    const items = chipViews(snapshot, accountName, guardNow()).map((c) => {
      const el = doc.createElement('div');
      el.className = `rg-chip rg-tone-${c.tone}`;
      el.dataset.account = String(c.accountId);
      el.textContent = `${c.glyph} ${c.text}`;
      return el;
    });
    if (snapshot.health.blindSince !== null) {
      const el = doc.createElement('div');
      el.className = 'rg-chip rg-tone-danger';
      el.textContent = '\u26A0 Guard BLIND';
      items.unshift(el);
    }
    chips.replaceChildren(...items);
  };

  const render = (): void => {
    if (destroyed) return;
    const now = clock.now();
    const accountName = activeAccountName();
    block = overlayBlock({
      snapshot,
      workerOfflineFor: offlineSince === null ? null : now - offlineSince,
      offlineAfterMs,
      activeAccountName: accountName,
      activeTicker: tickerOfContractCode(readFirst(doc, selectors().contractPicker)),
      now: guardNow(),
    });
    recognise();
    renderChips(accountName);
    covers.render(block, selectors());
    renderPanel(pageNotices({ snapshot, block, orderEntry: recognition.state, activeAccountName: accountName }));
    pageWatch.watch(block !== null);
    attach();
  };

  const toast = (text: string): void => {
    const el = doc.createElement('div');
    el.className = 'rg-toast';
    el.setAttribute('role', 'status');
    el.textContent = `\u26A0 ${text}`;
    toasts.append(el);
    const stop = clock.every(toastMs, () => {
      stop();
      el.remove();
    });
  };

  // Re-attach when the page removes or hides the host.
  const hostObserver = new MutationObserver(() => attach());
  hostObserver.observe(doc.documentElement, { childList: true });
  hostObserver.observe(host, { attributes: true, attributeFilter: ['hidden', 'style', 'class'] });

  const pageWatch = createPageWatch({ doc, render, blocking: () => block !== null });

  const stopTick = clock.every(1000, render);
  attach();
  render();

  return {
    update(next) {
      for (const text of warningToasts(snapshot, next)) toast(text);
      snapshot = next;
      offlineSince = null;
      render();
    },
    setWorkerConnected(connected) {
      if (connected) offlineSince = null;
      else if (offlineSince === null) offlineSince = clock.now();
      render();
    },
    refresh() {
      attach();
      render();
    },
    destroy() {
      destroyed = true;
      stopTick();
      hostObserver.disconnect();
      pageWatch.dispose();
      covers.release();
      host.remove();
    },
    host,
    shadow,
    currentBlock: () => block,
    orderEntry: () => recognition.state,
  };
}
