/**
 * Where the overlay's panel (why, and for how long) goes: the first of a few spots in the
 * viewport that hides none of the controls the trader still needs (close, cancel, flatten,
 * the account and contract pickers). It never takes a click anyway; this keeps those
 * controls visible too. Pure: sizes in, position out.
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const MARGIN = 8;

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

export function placePanel(
  panel: { width: number; height: number },
  viewport: { width: number; height: number },
  avoid: readonly Box[],
): { left: number; top: number } {
  const { width: w, height: h } = panel;
  const lefts = [(viewport.width - w) / 2, MARGIN, viewport.width - w - MARGIN];
  const tops = [64, (viewport.height - h) / 2, viewport.height - h - 48, MARGIN];
  let best = { left: lefts[0] ?? MARGIN, top: tops[0] ?? MARGIN, hits: Number.POSITIVE_INFINITY };
  for (const top of tops) {
    for (const left of lefts) {
      const spot = { left: Math.max(0, left), top: Math.max(0, top), width: w, height: h };
      const hits = avoid.filter((b) => overlaps(spot, b)).length;
      if (hits === 0) return { left: spot.left, top: spot.top };
      if (hits < best.hits) best = { left: spot.left, top: spot.top, hits };
    }
  }
  return { left: best.left, top: best.top };
}
