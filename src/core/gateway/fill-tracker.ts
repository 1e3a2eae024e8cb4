import { OrderStatus } from './enums';
import type { Order } from './schemas';

/**
 * Partial fills per order, fed from order updates (hub events or reconciliation reads).
 * Fill volume only grows: a late, stale update never lowers it. A `Filled` order without a
 * fillVolume counts as fully filled.
 *
 * Bounded (a worker may live for weeks): a finished order (filled, cancelled, expired,
 * rejected) is forgotten `finishedTtlMs` after it finished, long past any late update that
 * could still matter; a working order not heard of for `idleTtlMs` (a day: its cancel may
 * have happened while the hub was down, and reconciliation only lists open orders) too; and
 * `maxEntries` caps the whole, dropping the least recently updated first. A forgotten order
 * that speaks again starts from what it reports: the gateway's fill volume is cumulative.
 */
export interface FillStatus {
  filled: number;
  size: number;
  isPartial: boolean;
  /** filled / size, in [0, 1]. */
  fraction: number;
}

export interface FillTracker {
  update(order: Pick<Order, 'id' | 'size' | 'status' | 'fillVolume'>): FillStatus;
  status(orderId: number): FillStatus | undefined;
  /** Orders tracked now (working and recently finished). */
  size(): number;
}

interface Entry {
  filled: number;
  size: number;
  /** When the order reached a final status; null while it works. */
  finishedAt: number | null;
  updatedAt: number;
}

const FINAL: ReadonlySet<number> = new Set([
  OrderStatus.Filled,
  OrderStatus.Cancelled,
  OrderStatus.Expired,
  OrderStatus.Rejected,
]);

export function createFillTracker(
  options: { now?: () => number; finishedTtlMs?: number; idleTtlMs?: number; maxEntries?: number } = {},
): FillTracker {
  const now = options.now ?? (() => 0);
  const ttlMs = options.finishedTtlMs ?? 60 * 60_000;
  const idleTtlMs = options.idleTtlMs ?? 24 * 60 * 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const working = new Map<number, Entry>();
  /** In the order they finished: the oldest first, so pruning stops at the first young one. */
  const finished = new Map<number, Entry>();
  const view = ({ filled, size }: Entry): FillStatus => ({
    filled,
    size,
    isPartial: filled > 0 && filled < size,
    fraction: size > 0 ? Math.min(1, filled / size) : 0,
  });

  const prune = (at: number): void => {
    for (const [id, entry] of finished) {
      if (entry.finishedAt !== null && at - entry.finishedAt < ttlMs) break;
      finished.delete(id);
    }
    for (const [id, entry] of working) {
      if (at - entry.updatedAt < idleTtlMs) break;
      working.delete(id);
    }
    while (working.size + finished.size > maxEntries) {
      const oldest = (finished.size > 0 ? finished : working).keys().next();
      if (oldest.done) break;
      finished.delete(oldest.value);
      working.delete(oldest.value);
    }
  };

  return {
    update(order) {
      const at = now();
      const previous = working.get(order.id) ?? finished.get(order.id);
      const reported = order.status === OrderStatus.Filled ? (order.fillVolume ?? order.size) : (order.fillVolume ?? 0);
      const filled = Math.max(previous?.filled ?? 0, reported);
      const isFinal = FINAL.has(order.status) || previous?.finishedAt != null;
      const next: Entry = {
        filled,
        size: Math.max(order.size, filled),
        finishedAt: isFinal ? (previous?.finishedAt ?? at) : null,
        updatedAt: at,
      };
      working.delete(order.id);
      // A finished order keeps its place in `finished` (Map.set on a present key does not move
      // it); a working one is re-inserted, so the least recently updated come first.
      if (isFinal) finished.set(order.id, next);
      else working.set(order.id, next);
      prune(at);
      return view(next);
    },
    status(orderId) {
      const entry = working.get(orderId) ?? finished.get(orderId);
      return entry ? view(entry) : undefined;
    },
    size: () => working.size + finished.size,
  };
}
