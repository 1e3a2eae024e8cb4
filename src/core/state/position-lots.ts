/**
 * A position's exposure as lots: how many contracts were added and when, oldest first. "Newest
 * exposure first" (max contracts) cuts the contracts that were added last — scaling an older
 * position past the limit cuts what was just added to it, not an untouched newer position.
 * A reduction gives back the newest lots first, so what stays keeps its own time.
 */
export interface PositionLot {
  /** Contracts (|size|) added at `at`. */
  size: number;
  /** Epoch ms at which the guard saw them added. */
  at: number;
}

/** Lots summing to `size`: newest given back first when smaller, the rest at `at` when larger. */
export function resizeLots(lots: readonly PositionLot[], size: number, at: number): PositionLot[] {
  const out: PositionLot[] = [];
  let left = size;
  for (const lot of lots) {
    if (left <= 0) break;
    const keep = Math.min(lot.size, left);
    out.push(keep === lot.size ? lot : { size: keep, at: lot.at });
    left -= keep;
  }
  if (left > 0) out.push({ size: left, at });
  return out;
}

/**
 * The lots after a position update. `openedAt` is the position's first-seen time (used when
 * it opens anew or when older state has no lots for it); `at` is when this update was seen.
 */
export function nextLots(
  previous: readonly PositionLot[] | undefined,
  previousSize: number,
  size: number,
  openedAt: number,
  at: number,
  fresh: boolean,
): PositionLot[] {
  if (fresh || previousSize === 0) return [{ size, at: openedAt }];
  const base = previous && previous.length > 0 ? previous : [{ size: previousSize, at: openedAt }];
  return resizeLots(base, size, at);
}
