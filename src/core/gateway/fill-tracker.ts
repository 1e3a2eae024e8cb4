import { OrderStatus } from './enums';
import type { Order } from './schemas';

/**
 * Partial fills per order, fed from order updates (hub events or reconciliation reads).
 * Fill volume only grows: a late, stale update never lowers it. A `Filled` order without a
 * fillVolume counts as fully filled.
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
}

export function createFillTracker(): FillTracker {
  const fills = new Map<number, { filled: number; size: number }>();
  const view = ({ filled, size }: { filled: number; size: number }): FillStatus => ({
    filled,
    size,
    isPartial: filled > 0 && filled < size,
    fraction: size > 0 ? Math.min(1, filled / size) : 0,
  });
  return {
    update(order) {
      const previous = fills.get(order.id);
      const reported = order.status === OrderStatus.Filled ? (order.fillVolume ?? order.size) : (order.fillVolume ?? 0);
      const filled = Math.max(previous?.filled ?? 0, reported);
      const next = { filled, size: Math.max(order.size, filled) };
      fills.set(order.id, next);
      return view(next);
    },
    status(orderId) {
      const entry = fills.get(orderId);
      return entry ? view(entry) : undefined;
    },
  };
}
