import type { ActionOutcome, GatewayReads, OrderActions } from '../../../../src/core/gateway/api';
import { OrderStatus, OrderType, PositionType, WORKING_ORDER_STATUSES } from '../../../../src/core/gateway/enums';
import type { Timers } from '../../../../src/core/ports';
import { type BookControls, createFakeBook } from './fake-book';
import { createFaultGate, type FaultControls } from './fault-gate';

/**
 * A small in-memory account for enforcer tests: the REAL state the enforcer reads
 * (fake-book.ts), and an order manager over it behind injectable failures (fault-gate.ts).
 *
 * Semantics follow the gateway: closing a position does NOT cancel its working orders;
 * a working stop can be filled by `fillOrder` (and then may open a reverse position);
 * reducePosition caps at what is open (never reverses) and records an over-close attempt.
 */
export interface FakeAccount extends BookControls, FaultControls {
  readonly accountId: number;
  readonly reads: GatewayReads;
  readonly actions: OrderActions;
  /** Requests that asked to close more than was open (must stay 0). */
  readonly overCloseAttempts: number;
}

export function createFakeAccount(options: { accountId?: number; now: () => number; timers?: Timers }): FakeAccount {
  const accountId = options.accountId ?? 1;
  const book = createFakeBook({ accountId, now: options.now });
  const { positions, orders, iso, applyFill, working } = book;
  const gate = createFaultGate({ timers: options.timers });
  const { mutate, read } = gate;
  const intents = new Map<string, number>();
  let overCloseAttempts = 0;

  const done = (detail?: string): ActionOutcome => ({ status: 'done', ...(detail ? { detail } : {}) });
  const noop = (detail: string): ActionOutcome => ({ status: 'noop', detail });

  const actions: OrderActions = {
    placeOrder: (req, ctx) =>
      mutate('placeOrder', [req, ctx?.intentKey], () => {
        const existing = ctx?.intentKey ? intents.get(ctx.intentKey) : undefined;
        if (existing !== undefined) return { effect: 'noop', result: { status: 'done' as const, orderId: existing } };
        const id = book.newId();
        const market = req.type === OrderType.Market;
        orders.set(id, {
          id,
          accountId,
          contractId: req.contractId,
          creationTimestamp: iso(),
          updateTimestamp: iso(),
          status: market ? OrderStatus.Filled : OrderStatus.Open,
          type: req.type,
          side: req.side,
          size: req.size,
          limitPrice: req.limitPrice ?? null,
          stopPrice: req.stopPrice ?? null,
          customTag: ctx?.intentKey ?? null,
        });
        if (market) applyFill(req.contractId, req.side, req.size);
        if (ctx?.intentKey) intents.set(ctx.intentKey, id);
        return { effect: 'applied', result: { status: 'done' as const, orderId: id } };
      }),
    cancelOrder: (acct, orderId) =>
      mutate('cancelOrder', [acct, orderId], () => {
        const o = orders.get(orderId);
        if (!o || !WORKING_ORDER_STATUSES.has(o.status)) return { effect: 'noop', result: noop('not working') };
        o.status = OrderStatus.Cancelled;
        return { effect: 'applied', result: done() };
      }),
    modifyOrder: (req) =>
      mutate('modifyOrder', [req], () => {
        const o = orders.get(req.orderId);
        if (!o || !WORKING_ORDER_STATUSES.has(o.status)) return { effect: 'noop', result: noop('not working') };
        if (req.size != null) o.size = req.size;
        if (req.stopPrice != null) o.stopPrice = req.stopPrice;
        if (req.limitPrice != null) o.limitPrice = req.limitPrice;
        return { effect: 'applied', result: done() };
      }),
    closePosition: (acct, contractId) =>
      mutate('closePosition', [acct, contractId], () => {
        const p = positions.get(contractId);
        if (!p) return { effect: 'noop', result: noop('flat') };
        applyFill(contractId, p.type === PositionType.Long ? 1 : 0, p.size);
        return { effect: 'applied', result: done() };
      }),
    reducePosition: (acct, contractId, size) =>
      mutate('reducePosition', [acct, contractId, size], () => {
        const p = positions.get(contractId);
        if (!p) return { effect: 'noop', result: noop('flat') };
        if (size > p.size) overCloseAttempts += 1;
        applyFill(contractId, p.type === PositionType.Long ? 1 : 0, Math.min(size, p.size));
        return { effect: 'applied', result: done() };
      }),
    // As the gateway answers a bare request: nothing to close or cancel is a refusal, and a
    // partial close larger than what is open is refused (and counted as an over-close attempt).
    sendNow: (acct, action) => {
      const refused = (error: string): ActionOutcome => ({ status: 'failed', error, retryable: false });
      if (action.kind === 'cancel')
        return mutate(
          'cancelOrder',
          [acct, action.orderId],
          () => {
            const o = orders.get(action.orderId);
            if (!o || !WORKING_ORDER_STATUSES.has(o.status))
              return { effect: 'noop', result: refused('order not working (fake)') };
            o.status = OrderStatus.Cancelled;
            return { effect: 'applied', result: done() };
          },
          true,
        );
      if (action.kind === 'close')
        return mutate(
          'closePosition',
          [acct, action.contractId],
          () => {
            const p = positions.get(action.contractId);
            if (!p) return { effect: 'noop', result: refused('No open position (fake)') };
            applyFill(action.contractId, p.type === PositionType.Long ? 1 : 0, p.size);
            return { effect: 'applied', result: done() };
          },
          true,
        );
      return mutate(
        'reducePosition',
        [acct, action.contractId, action.size],
        () => {
          const p = positions.get(action.contractId);
          if (!p || action.size > p.size) {
            overCloseAttempts += 1;
            return { effect: 'noop', result: refused('Invalid size (fake)') };
          }
          applyFill(action.contractId, p.type === PositionType.Long ? 1 : 0, action.size);
          return { effect: 'applied', result: done() };
        },
        true,
      );
    },
  };

  const gatewayReads: GatewayReads = {
    searchAccounts: () =>
      read(() => [{ id: accountId, name: `ACC${accountId}`, balance: 50_000, canTrade: true, isVisible: true }]),
    searchOpenPositions: () => read(() => [...positions.values()]),
    searchOpenOrders: () => read(() => working()),
    searchTrades: () => read(() => []),
    contractById: ({ contractId }) =>
      read(() => ({ id: contractId, name: contractId, tickSize: 0.25, tickValue: 0.5, activeContract: true })),
  };

  return {
    accountId,
    reads: gatewayReads,
    actions,
    get overCloseAttempts() {
      return overCloseAttempts;
    },
    ...book.controls,
    ...gate.controls,
  };
}
