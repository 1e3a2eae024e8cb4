/**
 * What the layer covers on the TopstepX page: every element matched by a `cover` selector
 * (the order card, the DOM ladder, the other order-button groups), MINUS every subtree that
 * holds a `keepUsable` match (close, cancel, flatten). The result is the set of largest
 * subtrees of the cover areas that contain no risk-reducing control, so the buy / sell /
 * join / reverse buttons and the order inputs are covered while the close and cancel buttons
 * right beside them stay usable. A selector the page throws on matches nothing.
 */

function queryAll(root: ParentNode, selectors: readonly string[]): Element[] {
  const out = new Set<Element>();
  for (const selector of selectors) {
    try {
      for (const el of root.querySelectorAll(selector)) out.add(el);
    } catch {
      // An invalid selector must not take the layer down (config is validated; belt and braces).
    }
  }
  return [...out];
}

/** Not worth covering: no box, or nothing a pointer or a key can reach. */
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'LINK', 'META', 'NOSCRIPT']);

export function findCoverTargets(doc: Document, cover: readonly string[], keepUsable: readonly string[]): Element[] {
  const keepers = new Set(queryAll(doc, keepUsable));
  // Every ancestor of a keeper holds one: such an element is split, never covered whole.
  const holdsKeeper = new Set<Element>();
  for (const k of keepers)
    for (let p = k.parentElement; p !== null && !holdsKeeper.has(p); p = p.parentElement) {
      holdsKeeper.add(p);
    }
  const roots = queryAll(doc, cover);
  const rootSet = new Set(roots);
  const nested = (el: Element): boolean => {
    for (let p = el.parentElement; p !== null; p = p.parentElement) if (rootSet.has(p)) return true;
    return false;
  };
  const out: Element[] = [];
  const collect = (el: Element): void => {
    if (keepers.has(el) || SKIP_TAGS.has(el.tagName)) return;
    if (!holdsKeeper.has(el)) {
      out.push(el);
      return;
    }
    for (const child of el.children) collect(child);
  };
  for (const root of roots) if (!nested(root)) collect(root);
  return out;
}

/** Does any cover selector match at all? (the page is recognised) */
export function coverAreasPresent(doc: Document, cover: readonly string[]): boolean {
  return queryAll(doc, cover).length > 0;
}

/** Boxes of what must stay visible: the risk-reducing controls and the pickers. */
export function visibleBoxes(
  doc: Document,
  selectors: readonly string[],
): Array<{ left: number; top: number; width: number; height: number }> {
  return queryAll(doc, selectors)
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ left: r.left, top: r.top, width: r.width, height: r.height }));
}
