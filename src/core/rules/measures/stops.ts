import { OrderSide, OrderStatus, OrderType, PositionType, WORKING_ORDER_STATUSES } from '../../gateway/enums';
import type { Order, Position } from '../../gateway/schemas';
import type { AccountState } from '../../state/account-state';

/** Protective stops: working Stop / StopLimit / TrailingStop orders on the opposite side of a position. */

const STOP_TYPES: ReadonlySet<number> = new Set([OrderType.Stop, OrderType.StopLimit, OrderType.TrailingStop]);

/**
 * Working, minus status 8: on the live gateway that is a bracket child waiting for its entry
 * to fill (no price yet). It can still be cancelled (so it counts as working for a flatten)
 * but protects nothing until it is working.
 */
const PROTECTING_STATUSES: ReadonlySet<number> = new Set(
  [...WORKING_ORDER_STATUSES].filter((s) => s !== OrderStatus.Suspended),
);

/** The side an order must have to reduce this position. */
export function closingSide(position: Position): 0 | 1 {
  return position.type === PositionType.Short ? OrderSide.Bid : OrderSide.Ask;
}

export function protectiveStops(account: AccountState, position: Position): Order[] {
  const side = closingSide(position);
  const out: Order[] = [];
  for (const id in account.orders) {
    const o = account.orders[id];
    if (
      o &&
      o.contractId === position.contractId &&
      o.side === side &&
      STOP_TYPES.has(o.type) &&
      PROTECTING_STATUSES.has(o.status)
    ) {
      out.push(o);
    }
  }
  return out;
}

/**
 * The tightest working protective stop of a position (highest for a long, lowest for a
 * short), or null. Allocation-free: `tradeManagement` calls it on quotes.
 */
export function tightestStop(account: AccountState, position: Position): Order | null {
  const side = closingSide(position);
  const long = side === OrderSide.Ask;
  let best: Order | null = null;
  for (const id in account.orders) {
    const o = account.orders[id];
    if (
      !o ||
      o.contractId !== position.contractId ||
      o.side !== side ||
      !STOP_TYPES.has(o.type) ||
      !PROTECTING_STATUSES.has(o.status) ||
      o.stopPrice === null ||
      o.stopPrice === undefined
    ) {
      continue;
    }
    const bp = best?.stopPrice;
    if (bp === null || bp === undefined || (long ? o.stopPrice > bp : o.stopPrice < bp)) best = o;
  }
  return best;
}
