import type { CallContext, GatewayApi } from '../../../../src/core/gateway/api';
import { OrderStatus, PositionType } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';
import { GatewayError } from '../../../../src/core/resilience/errors';

/**
 * An in-memory account behind GatewayApi for order-manager unit tests, with scripted
 * failures per method: 'lost' (not applied, answer lost), 'apply-then-fail' (applied, answer
 * lost), 'refuse' (business error), 'read-fail' for reads. Counts every request.
 */
export type Mode = 'lost' | 'apply-then-fail' | 'refuse';
type Method = keyof GatewayApi;

export function fakeAccountApi(accountId = 7) {
  const orders: Order[] = [];
  const positions = new Map<string, Position>();
  const failures = new Map<Method, Array<Mode | 'read-fail'>>();
  const calls: Array<{ method: Method; body: unknown; ctx: CallContext | undefined }> = [];
  let nextOrderId = 1000;
  const closes: Array<{ contractId: string; requested: number | 'all'; openBefore: number }> = [];

  const nextFailure = (method: Method) => failures.get(method)?.shift();
  const lost = (method: string) => new GatewayError('outcome-unknown', `${method}: HTTP 500`, { httpStatus: 500 });

  async function mutate<T>(method: Method, body: unknown, ctx: CallContext | undefined, apply: () => T): Promise<T> {
    calls.push({ method, body, ctx });
    const failure = nextFailure(method);
    if (failure === 'refuse') throw new GatewayError('permanent', `${method}: errorCode 2 (refused)`, { errorCode: 2 });
    if (failure === 'lost') throw lost(method);
    const result = apply();
    if (failure === 'apply-then-fail') throw lost(method);
    return result;
  }

  async function read<T>(method: Method, body: unknown, ctx: CallContext | undefined, value: () => T): Promise<T> {
    calls.push({ method, body, ctx });
    if (nextFailure(method) === 'read-fail') throw new GatewayError('transient', `${method}: HTTP 503`);
    return structuredClone(value());
  }

  function setPosition(contractId: string, signedSize: number) {
    if (signedSize === 0) positions.delete(contractId);
    else
      positions.set(contractId, {
        id: 1,
        accountId,
        contractId,
        creationTimestamp: '2026-11-25T14:00:00Z',
        type: signedSize > 0 ? PositionType.Long : PositionType.Short,
        size: Math.abs(signedSize),
        averagePrice: 100,
      });
  }
  const signed = (p: Position | undefined) => (p ? (p.type === PositionType.Long ? p.size : -p.size) : 0);

  const api: GatewayApi = {
    searchAccounts: async () => [],
    searchContracts: async () => [],
    contractById: async () => {
      throw new Error('unused');
    },
    availableContracts: async () => [],
    retrieveBars: async () => [],
    searchOrders: (body, ctx) => read('searchOrders', body, ctx, () => orders),
    searchOpenOrders: (body, ctx) =>
      read('searchOpenOrders', body, ctx, () =>
        orders.filter((o) => o.status === OrderStatus.Open || o.status === OrderStatus.Pending),
      ),
    placeOrder: (body, ctx) =>
      mutate('placeOrder', body, ctx, () => {
        nextOrderId += 1;
        orders.push({
          id: nextOrderId,
          accountId: body.accountId,
          contractId: body.contractId,
          creationTimestamp: '2026-11-25T14:00:00Z',
          status: OrderStatus.Open,
          type: body.type,
          side: body.side,
          size: body.size,
          limitPrice: body.limitPrice ?? null,
          customTag: body.customTag ?? null,
        });
        return { orderId: nextOrderId };
      }),
    cancelOrder: (body, ctx) =>
      mutate('cancelOrder', body, ctx, () => {
        const order = orders.find((o) => o.id === body.orderId);
        if (!order || order.status !== OrderStatus.Open) {
          throw new GatewayError('permanent', 'cancel: errorCode 1 (not working)', { errorCode: 1 });
        }
        order.status = OrderStatus.Cancelled;
      }),
    modifyOrder: (body, ctx) =>
      mutate('modifyOrder', body, ctx, () => {
        const order = orders.find((o) => o.id === body.orderId);
        if (!order || order.status !== OrderStatus.Open) {
          throw new GatewayError('permanent', 'modify: errorCode 1 (not working)', { errorCode: 1 });
        }
        if (body.size != null) order.size = body.size;
        if (body.limitPrice != null) order.limitPrice = body.limitPrice;
      }),
    searchOpenPositions: (body, ctx) => read('searchOpenPositions', body, ctx, () => [...positions.values()]),
    closePosition: (body, ctx) =>
      mutate('closePosition', body, ctx, () => {
        closes.push({
          contractId: body.contractId,
          requested: 'all',
          openBefore: signed(positions.get(body.contractId)),
        });
        setPosition(body.contractId, 0);
      }),
    partialClosePosition: (body, ctx) =>
      mutate('partialClosePosition', body, ctx, () => {
        const before = signed(positions.get(body.contractId));
        closes.push({ contractId: body.contractId, requested: body.size, openBefore: before });
        setPosition(body.contractId, before > 0 ? before - body.size : before + body.size);
      }),
    searchTrades: async () => [],
    ping: async () => {},
  };

  return {
    api,
    orders,
    calls,
    closes,
    setPosition,
    position: (contractId: string) => signed(positions.get(contractId)),
    addOrder(order: Partial<Order> & { id: number }) {
      orders.push({
        accountId,
        contractId: 'CON.F.US.MNQ.Z25',
        creationTimestamp: '2026-11-25T14:00:00Z',
        status: OrderStatus.Open,
        type: 1,
        side: 0,
        size: 1,
        ...order,
      });
    },
    fail(method: Method, ...modes: Array<Mode | 'read-fail'>) {
      failures.set(method, [...(failures.get(method) ?? []), ...modes]);
    },
    count: (method: Method) => calls.filter((c) => c.method === method).length,
  };
}
