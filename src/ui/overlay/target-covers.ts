import type { PageSelectors } from '../../messaging/snapshot';
import { createCover } from './block-layer';
import type { BlockVM } from './overlay-model';
import { findCoverTargets } from './page-targets';

/**
 * The covers over the controls that OPEN exposure while a block is shown: every control the
 * cover selectors find (minus those kept usable: close, cancel, flatten) gets `inert` (no
 * clicks, no keyboard focus) and a cover over its box that says why (block-layer.ts). The page
 * re-renders its controls, so each render finds them anew: a control that left the set gets
 * its `inert` back off, but only an `inert` this layer set (marked), never one the page set.
 */
export interface TargetCovers {
  /** Covers what `block` calls for now (null: nothing), where the controls are now. */
  render(block: BlockVM | null, selectors: PageSelectors): void;
  /** Takes `inert` off every control this layer marked. */
  release(): void;
}

const INERT_MARK = 'data-risk-guard-inert';

/** `layer` holds the covers (inside the overlay's shadow root). */
export function createTargetCovers(doc: Document, layer: HTMLElement): TargetCovers {
  let inerted: Element[] = [];
  let coversKey = '';

  const unmark = (el: Element): void => {
    if (el.getAttribute(INERT_MARK) !== null) {
      el.removeAttribute('inert');
      el.removeAttribute(INERT_MARK);
    }
  };

  const release = (): void => {
    for (const el of inerted) unmark(el);
    inerted = [];
  };

  const render = (block: BlockVM | null, selectors: PageSelectors): void => {
    if (block === null) {
      layer.replaceChildren();
      coversKey = '';
      release();
      return;
    }
    const targets = findCoverTargets(doc, selectors.cover, selectors.keepUsable);
    for (const el of inerted) if (!targets.includes(el)) unmark(el);
    for (const el of targets) {
      if (!el.hasAttribute('inert')) el.setAttribute('inert', '');
      if (el.getAttribute(INERT_MARK) === null) el.setAttribute(INERT_MARK, '');
    }
    inerted = targets;
    const positions = targets
      .map((t) => t.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => `left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;`);
    const key = JSON.stringify([block.kind, block.title, positions]);
    if (key === coversKey && layer.children.length === positions.length) return;
    coversKey = key;
    layer.replaceChildren(...positions.map((pos) => createCover(doc, block, pos)));
  };

  return { render, release };
}
