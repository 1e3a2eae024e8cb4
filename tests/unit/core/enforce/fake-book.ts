import { OrderStatus, PositionType, WORKING_ORDER_STATUSES } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';

/**
 * The fake account's book as the exchange holds it: positions and orders, changed by fills
 * (the trader's, a stop's, the guard's) and cancels. A fill that crosses zero opens a new,
 * reversed position; a fill back to zero closes it — as on the gateway.
 */

/** What a test sees of the book and does to it from outside the guard. */
export interface BookControls {
  positions(): Position[];
  workingOrders(): Order[];
  seedPosition(p: {
    contractId: string;
    side: 'long' | 'short';
    size: number;
    openedAt?: number;
    price?: number;
  }): Position;
  seedOrder(o: {
    contractId: string;
    type: number;
    side: 0 | 1;
    size: number;
    stopPrice?: number;
    limitPrice?: number;
    status?: number;
  }): Order;
  /** The trader trades on the page: a market fill of `side` for `size`. */
  traderFill(contractId: string, side: 0 | 1, size: number): void;
  /** The trader cancels an order on the page. */
  traderCancel(orderId: number): void;
  /** A working order fills now (a stop triggered). */
  fillOrder(orderId: number): void;
}

/** The book itself, live (no copies), for the fake gateway's own actions and reads. */
export interface FakeBook {
  readonly positions: Map<string, Position>;
  readonly orders: Map<number, Order>;
  newId(): number;
  /** Now, as the gateway writes a timestamp. */
  iso(): string;
  applyFill(contractId: string, side: number, size: number, price?: number): void;
  working(): Order[];
  readonly controls: BookControls;
}

export function createFakeBook(options: { accountId: number; now: () => number }): FakeBook {
  const { accountId } = options;
  const positions = new Map<string, Position>();
  const orders = new Map<number, Order>();
  let nextId = 1000;
  const newId = () => nextId++;
  const iso = () => new Date(options.now()).toISOString();

  const signedSize = (p: Position | undefined) => (p ? (p.type === PositionType.Short ? -p.size : p.size) : 0);
  const applyFill = (contractId: string, side: number, size: number, price = 100) => {
    const before = signedSize(positions.get(contractId));
    const after = before + (side === 0 ? size : -size);
    const prev = positions.get(contractId);
    if (after === 0) {
      positions.delete(contractId);
      return;
    }
    const reversed = prev === undefined || Math.sign(after) !== Math.sign(before);
    positions.set(contractId, {
      id: reversed ? newId() : (prev as Position).id,
      accountId,
      contractId,
      creationTimestamp: reversed ? iso() : (prev as Position).creationTimestamp,
      type: after > 0 ? PositionType.Long : PositionType.Short,
      size: Math.abs(after),
      averagePrice: reversed ? price : (prev as Position).averagePrice,
    });
  };
  const working = () => [...orders.values()].filter((o) => WORKING_ORDER_STATUSES.has(o.status));

  const controls: BookControls = {
    positions: () => structuredClone([...positions.values()]),
    workingOrders: () => structuredClone(working()),
    seedPosition({ contractId, side, size, openedAt, price = 100 }) {
      const p: Position = {
        id: newId(),
        accountId,
        contractId,
        creationTimestamp: new Date(openedAt ?? options.now()).toISOString(),
        type: side === 'long' ? PositionType.Long : PositionType.Short,
        size,
        averagePrice: price,
      };
      positions.set(contractId, p);
      return structuredClone(p);
    },
    seedOrder({ contractId, type, side, size, stopPrice, limitPrice, status = OrderStatus.Open }) {
      const o: Order = {
        id: newId(),
        accountId,
        contractId,
        creationTimestamp: iso(),
        status,
        type,
        side,
        size,
        stopPrice: stopPrice ?? null,
        limitPrice: limitPrice ?? null,
      };
      orders.set(o.id, o);
      return structuredClone(o);
    },
    traderFill(contractId, side, size) {
      applyFill(contractId, side, size);
    },
    traderCancel(orderId) {
      const o = orders.get(orderId);
      if (o && WORKING_ORDER_STATUSES.has(o.status)) o.status = OrderStatus.Cancelled;
    },
    fillOrder(orderId) {
      const o = orders.get(orderId);
      if (!o || !WORKING_ORDER_STATUSES.has(o.status)) throw new Error(`order ${orderId} is not working`);
      o.status = OrderStatus.Filled;
      applyFill(o.contractId, o.side, o.size);
    },
  };

  return { positions, orders, newId, iso, applyFill, working, controls };
}
