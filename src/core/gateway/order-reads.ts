import type { CallContext, GatewayApi } from './api';
import { WORKING_ORDER_STATUSES } from './enums';
import type { Order, Position } from './schemas';

/**
 * The re-reads the order manager makes before deciding again after an ambiguous failure.
 * REST is the truth (docs/architecture.md): these never trust a cached state.
 */
export type OrderReadsApi = Pick<GatewayApi, 'searchOrders' | 'searchOpenOrders' | 'searchOpenPositions'>;

/**
 * The order carrying `customTag`, searched over the day's orders and then the open ones
 * (`Order/search` covers filled and cancelled orders; `searchOpen` covers anything the
 * day search might not have indexed yet). Undefined only after BOTH reads succeeded.
 */
export async function findOrderByTag(
  api: OrderReadsApi,
  accountId: number,
  customTag: string,
  sinceMs: number,
  ctx: CallContext,
): Promise<Order | undefined> {
  const day = await api.searchOrders({ accountId, startTimestamp: new Date(sinceMs).toISOString() }, ctx);
  const inDay = day.find((o) => o.customTag === customTag);
  if (inDay) return inDay;
  const open = await api.searchOpenOrders({ accountId }, ctx);
  return open.find((o) => o.customTag === customTag);
}

/**
 * The order by id and whether it can still fill. `Order/searchOpen` may leave out suspended
 * bracket children, so an order missing there is looked up in the day's orders before it is
 * called "not working".
 */
export async function findOrderById(
  api: OrderReadsApi,
  accountId: number,
  orderId: number,
  sinceMs: number,
  ctx: CallContext,
): Promise<{ order: Order | undefined; working: boolean }> {
  const open = await api.searchOpenOrders({ accountId }, ctx);
  const openHit = open.find((o) => o.id === orderId);
  if (openHit) return { order: openHit, working: WORKING_ORDER_STATUSES.has(openHit.status) };
  const day = await api.searchOrders({ accountId, startTimestamp: new Date(sinceMs).toISOString() }, ctx);
  const dayHit = day.find((o) => o.id === orderId);
  return { order: dayHit, working: dayHit !== undefined && WORKING_ORDER_STATUSES.has(dayHit.status) };
}

/** The open (non-zero) position in `contractId`, if any. */
export async function findOpenPosition(
  api: OrderReadsApi,
  accountId: number,
  contractId: string,
  ctx: CallContext,
): Promise<Position | undefined> {
  const positions = await api.searchOpenPositions({ accountId }, ctx);
  return positions.find((p) => p.contractId === contractId && p.size !== 0);
}
