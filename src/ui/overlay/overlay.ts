import type { GuardSnapshot } from '../../messaging/snapshot';
import type { ViewClock } from '../clock';
import { createBlockLayer } from './block-layer';
import { OVERLAY_CSS } from './overlay-css';
import { type BlockVM, chipViews, overlayBlock, warningToasts } from './overlay-model';

/**
 * The overlay on the TopstepX page: a status chip per account in view, near-limit toasts,
 * and — during a lockout, a cooldown, or blindness under fail-closed — a blocking layer over
 * the page's order-entry area that cannot be dismissed.
 *
 * Staying put on a hostile page:
 *   - everything lives in a (closed in production) shadow root: page CSS and scripts can't reach it;
 *   - a MutationObserver on <html> re-attaches the host when the page removes it, and resets
 *     attributes the page sets on it (hidden, style);
 *   - while blocking, a subtree observer re-finds the order-entry elements the page re-renders,
 *     puts `inert` back on them (no clicks, no keyboard focus) and moves the layer over them;
 *   - `refresh()` is called on client-side navigation.
 * When no order-entry element is found the layer covers the whole viewport (safe side).
 * The network block (platform/dnr-rules.ts) stops submissions even if all this is defeated.
 */

export interface OverlayOptions {
  document: Document;
  clock: ViewClock;
  /** CSS selectors of the page's order-entry area (config, not code: the page changes). */
  orderEntrySelectors: readonly string[];
  /** Reads the account the page shows with these selectors (first non-empty text wins). */
  activeAccountSelectors?: readonly string[];
  /** Or a reader of the account the page shows; null when unknown. Overrides the selectors. */
  activeAccountName?: () => string | null;
  /** Worker silent this long with fail-closed on → "guard offline" block. */
  offlineAfterMs?: number;
  toastMs?: number;
  shadowMode?: 'open' | 'closed';
}

export interface Overlay {
  update(snapshot: GuardSnapshot): void;
  /** The snapshot port's state: false when the worker went away. */
  setWorkerConnected(connected: boolean): void;
  /** Client-side navigation: re-attach and re-find the order-entry area. */
  refresh(): void;
  destroy(): void;
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /** The block currently shown, or null. */
  currentBlock(): BlockVM | null;
}

const HOST_TAG = 'risk-guard-overlay';
const INERT_MARK = 'data-risk-guard-inert';

export function createOverlay(options: OverlayOptions): Overlay {
  const doc = options.document;
  const { clock } = options;
  const offlineAfterMs = options.offlineAfterMs ?? 5000;
  const toastMs = options.toastMs ?? 8000;

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
  const blocks = doc.createElement('div');
  shadow.append(style, chips, toasts, blocks);

  let snapshot: GuardSnapshot | null = null;
  let offlineSince: number | null = clock.now(); // nothing heard yet
  let block: BlockVM | null = null;
  let inerted: Element[] = [];
  let destroyed = false;
  let layersKey = '';

  const attach = (): void => {
    if (destroyed) return;
    if (!host.isConnected) doc.documentElement.append(host);
    if (host.hasAttribute('hidden')) host.removeAttribute('hidden');
    if (host.getAttribute('style')) host.removeAttribute('style');
  };

  const safeQuery = (selector: string): Element | null => {
    try {
      return doc.querySelector(selector);
    } catch {
      return null;
    }
  };
  /** The snapshot's selectors (from config) win over the built-in ones. */
  const orderEntrySelectors = (): readonly string[] => snapshot?.pageSelectors?.cover ?? options.orderEntrySelectors;
  const activeAccountName = (): string | null => {
    if (options.activeAccountName) return options.activeAccountName();
    for (const s of snapshot?.pageSelectors?.accountPicker ?? options.activeAccountSelectors ?? []) {
      const text = safeQuery(s)?.textContent?.trim();
      if (text) return text;
    }
    return null;
  };

  const findTargets = (): Element[] => {
    const found: Element[] = [];
    for (const selector of orderEntrySelectors()) {
      try {
        for (const el of doc.querySelectorAll(selector)) if (!found.includes(el)) found.push(el);
      } catch {
        // An invalid selector in config must not take the block down.
      }
    }
    return found;
  };

  const releaseTargets = (): void => {
    for (const el of inerted) {
      if (el.getAttribute(INERT_MARK) !== null) {
        el.removeAttribute('inert');
        el.removeAttribute(INERT_MARK);
      }
    }
    inerted = [];
  };

  const renderBlock = (): void => {
    if (block === null) {
      blocks.replaceChildren();
      layersKey = '';
      releaseTargets();
      return;
    }
    const targets = findTargets();
    for (const el of inerted) if (!targets.includes(el)) el.removeAttribute('inert');
    for (const el of targets) {
      if (!el.hasAttribute('inert')) el.setAttribute('inert', '');
      if (el.getAttribute(INERT_MARK) === null) el.setAttribute(INERT_MARK, '');
    }
    inerted = targets;
    const rects = targets.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    const areas = rects.length > 0 ? rects : [null]; // null: whole viewport
    const positions = areas.map((r) =>
      r === null ? 'inset:0;' : `left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;`,
    );
    const key = JSON.stringify([block.kind, block.title, block.lines, positions]);
    const current = [...blocks.children];
    const intact =
      key === layersKey &&
      current.length === positions.length &&
      current.every((l) => l.getAttribute('style') === positions[current.indexOf(l)]);
    if (intact) {
      // Same block: only the countdown moves (no re-announcement to screen readers).
      for (const c of blocks.querySelectorAll('.rg-countdown')) c.textContent = `${block.countdown ?? ''} left`;
      return;
    }
    layersKey = key;
    const vm = block;
    const layers = positions.map((pos) => createBlockLayer(doc, vm, pos));
    blocks.replaceChildren(...layers);
  };

  // Countdowns run on the guard's clock (shifted from the wall clock only in local builds).
  const guardNow = (): number => clock.now() + (snapshot?.clockOffsetMs ?? 0);

  const renderChips = (): void => {
    if (snapshot === null) {
      chips.replaceChildren();
      return;
    }
    const now = guardNow();
    const items = chipViews(snapshot, activeAccountName(), now).map((c) => {
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
    block = overlayBlock({
      snapshot,
      workerOfflineFor: offlineSince === null ? null : now - offlineSince,
      offlineAfterMs,
      activeAccountName: activeAccountName(),
      now: guardNow(),
    });
    renderChips();
    renderBlock();
    watchTargets(block !== null);
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

  // While blocking: the page re-renders its order entry; put the block back on the new nodes.
  let scheduled = false;
  const targetObserver = new MutationObserver((records) => {
    if (scheduled || block === null) return;
    // Our own inert/marker writes also show up here; ignore them unless something lost inert.
    const relevant = records.some(
      (r) => r.type === 'childList' || (r.type === 'attributes' && !(r.target as Element).hasAttribute('inert')),
    );
    if (!relevant) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      renderBlock();
    });
  });
  let watching = false;
  const watchTargets = (on: boolean): void => {
    if (on === watching) return;
    watching = on;
    if (on)
      targetObserver.observe(doc.documentElement, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ['inert'],
      });
    else targetObserver.disconnect();
  };

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
      targetObserver.disconnect();
      releaseTargets();
      host.remove();
    },
    host,
    shadow,
    currentBlock: () => block,
  };
}
