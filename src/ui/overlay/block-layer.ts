import type { BlockVM } from './overlay-model';

const SWALLOWED = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick', 'keydown', 'contextmenu'];

/**
 * One cover over one order-entry control: no text to read but a short word, no button, no
 * way to dismiss; every pointer and key event aimed at it is swallowed so nothing reaches
 * the control underneath (which is `inert` as well). `position` is inline CSS.
 */
export function createCover(doc: Document, vm: BlockVM, position: string): HTMLElement {
  const cover = doc.createElement('div');
  cover.className = 'rg-cover';
  cover.dataset.kind = vm.kind;
  cover.setAttribute('style', position);
  cover.setAttribute('aria-hidden', 'true');
  cover.title = vm.title;
  // Plain glyphs: emoji fonts are missing on many trading desktops (Linux, locked-down PCs).
  cover.textContent = `\u2298 ${vm.kind === 'cooldown' ? 'Cooldown' : vm.kind === 'offline' ? 'Blocked' : 'Locked'}`;
  for (const type of SWALLOWED) {
    cover.addEventListener(type, (e) => {
      e.preventDefault();
      e.stopPropagation();
    });
  }
  return cover;
}

/**
 * The panel that says why: title, reasons, countdown, and what the layer cannot do (order
 * entry not recognised, a network block raised for another account). It never intercepts a
 * pointer (`pointer-events: none` in the CSS): it must not cover a close button, ever.
 */
export function createPanel(doc: Document, vm: BlockVM | null, notices: readonly string[]): HTMLElement {
  const panel = doc.createElement('div');
  panel.className = 'rg-block';
  panel.dataset.kind = vm?.kind ?? 'notice';
  panel.setAttribute('role', 'alert');
  const h = doc.createElement('h2');
  h.textContent = vm?.title ?? 'Risk guard';
  panel.append(h);
  for (const line of vm?.lines ?? []) {
    const p = doc.createElement('p');
    p.textContent = line;
    panel.append(p);
  }
  if (vm?.countdown) {
    const c = doc.createElement('div');
    c.className = 'rg-countdown';
    // The countdown ticks every second; hidden from screen readers so the alert is not re-read.
    c.setAttribute('aria-hidden', 'true');
    c.textContent = `${vm.countdown} left`;
    panel.append(c);
  }
  for (const notice of notices) {
    const p = doc.createElement('p');
    p.className = 'rg-notice';
    p.textContent = notice;
    panel.append(p);
  }
  return panel;
}
