import type { BlockVM } from './overlay-model';

/**
 * One blocking layer: title, reasons, countdown; no button, no way to dismiss. Every pointer
 * and key event aimed at it is swallowed so nothing reaches the order entry underneath.
 * `position` is inline CSS: over one order-entry element, or `inset:0;` for the whole page.
 */
export function createBlockLayer(doc: Document, vm: BlockVM, position: string): HTMLElement {
  const layer = doc.createElement('div');
  layer.className = 'rg-block';
  layer.dataset.kind = vm.kind;
  layer.setAttribute('role', 'alert');
  layer.setAttribute('style', position);
  const h = doc.createElement('h2');
  h.textContent = vm.title;
  layer.append(h);
  for (const line of vm.lines) {
    const p = doc.createElement('p');
    p.textContent = line;
    layer.append(p);
  }
  if (vm.countdown) {
    const c = doc.createElement('div');
    c.className = 'rg-countdown';
    // The countdown ticks every second; hidden from screen readers so the alert is not re-read.
    c.setAttribute('aria-hidden', 'true');
    c.textContent = `${vm.countdown} left`;
    layer.append(c);
  }
  for (const type of ['click', 'mousedown', 'pointerdown', 'keydown', 'contextmenu', 'wheel']) {
    layer.addEventListener(type, (e) => {
      e.preventDefault();
      e.stopPropagation();
    });
  }
  return layer;
}
