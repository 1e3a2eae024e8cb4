import type { ActionOutcome, GatewayReads, OrderActions } from '../../../../src/core/gateway/api';
import { OrderStatus, OrderType, PositionType, WORKING_ORDER_STATUSES } from '../../../../src/core/gateway/enums';
import type { Order, Position } from '../../../../src/core/gateway/schemas';
import type { Timers } from '../../../../src/core/ports';
import { GatewayError } from '../../../../src/core/resilience/errors';

/**
 * A small in-memory account for enforcer tests: the REAL state the enforcer reads, and an
 * order manager over it with injectable failures. Every mutation call is recorded with what
 * it did, so tests count actions ("one flatten", "zero duplicates", "no over-close").
 *
 * Semantics follow the gateway: closing a position does NOT cancel its working orders;
 * a working stop can be filled by `fillOrder` (and then may open a reverse position);
 * reducePosition caps at what is open (never reverses) and records an over-close attempt.
 */
export type MutationMethod = 'placeOrder' | 'cancelOrder' | 'modifyOrder' | 'closePosition' | 'reducePosition';
export type Method = MutationMethod | 'reads';

export type FaultMode =
  /** The action is applied, then the call throws an outcome-unknown error. */
  | 'unknown-after-apply'
  /** The call throws a transient error before anything is applied. */
  | 'transient'
  /** Rate limited (429) before anything is applied. */
  | 'rate-limited'
  /** The call resolves `{status:'failed'}` (retryable) without applying. */
  | 'failed'
  /** The gateway refuses the action (business error, e.g. market closed): `failed`, not retryable. */
  | 'refused'
  /** The action is applied and the call never answers (the worker died waiting). */
  | 'hang-after-apply'
  /** The call never answers and nothing is applied. */
  | 'hang';

export interface CallRecord {
  method: MutationMethod;
  args: unknown[];
  effect: 'applied' | 'noop' | 'fault';
  fault?: FaultMode;
  /** Sent through `sendNow` (the enforcer's fast path: no read first). */
  immediate?: boolean;
}

export interface FakeAccount {
  readonly accountId: number;
  readonly reads: GatewayReads;
  readonly actions: OrderActions;
  readonly calls: CallRecord[];
  /** Requests that asked to close more than was open (must stay 0). */
  readonly overCloseAttempts: number;
  readCount(): number;
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
  inject(method: Method, mode: FaultMode, times?: number): void;
  /** While down, every call (reads and actions) throws a transient error. */
  setDown(down: boolean): void;
  setLatency(ms: number): void;
  applied(method?: MutationMethod): CallRecord[];
}

export function createFakeAccount(options: { accountId?: number; now: () => number; timers?: Timers }): FakeAccount {
  const accountId = options.accountId ?? 1;
  const positions = new Map<string, Position>();
  const orders = new Map<number, Order>();
  const intents = new Map<string, number>();
  const faults: Array<{ method: Method; mode: FaultMode; left: number }> = [];
  const calls: CallRecord[] = [];
  let nextId = 1000;
  let down = false;
  let latency = 0;
  let reads = 0;
  let overCloseAttempts = 0;
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
      id: reversed ? nextId++ : (prev as Position).id,
      accountId,
      contractId,
      creationTimestamp: reversed ? iso() : (prev as Position).creationTimestamp,
      type: after > 0 ? PositionType.Long : PositionType.Short,
      size: Math.abs(after),
      averagePrice: reversed ? price : (prev as Position).averagePrice,
    });
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || !options.timers) resolve();
      else options.timers.setTimeout(resolve, ms);
    });
  const takeFault = (method: Method): FaultMode | null => {
    const f = faults.find((x) => x.method === method && x.left > 0);
    if (!f) return null;
    f.left -= 1;
    return f.mode;
  };
  const never = () => new Promise<never>(() => {});

  /** Runs one mutation with latency, outage and injected faults around `apply`. */
  const mutate = async <R>(
    method: MutationMethod,
    args: unknown[],
    apply: () => { effect: 'applied' | 'noop'; result: R },
    immediate = false,
  ): Promise<R> => {
    await wait(latency);
    if (down) {
      calls.push({ method, args, effect: 'fault', fault: 'transient', ...(immediate ? { immediate } : {}) });
      throw new GatewayError('transient', 'service down (fake)', { httpStatus: 503 });
    }
    const fault = takeFault(method);
    if (fault && fault !== 'unknown-after-apply' && fault !== 'hang-after-apply') {
      calls.push({ method, args, effect: 'fault', fault, ...(immediate ? { immediate } : {}) });
      if (fault === 'refused')
        return { status: 'failed', error: 'Outside trading hours. (fake)', retryable: false } as R;
      if (fault === 'transient') throw new GatewayError('transient', 'HTTP 502 (fake)', { httpStatus: 502 });
      if (fault === 'rate-limited')
        throw new GatewayError('rate-limited', 'HTTP 429 (fake)', { httpStatus: 429, retryAfterMs: 1000 });
      if (fault === 'hang') return never();
      return { status: 'failed', error: 'rejected for now (fake)', retryable: true } as R;
    }
    const { effect, result } = apply();
    calls.push({ method, args, effect, ...(fault ? { fault } : {}), ...(immediate ? { immediate } : {}) });
    if (fault === 'unknown-after-apply')
      throw new GatewayError('outcome-unknown', 'connection dropped after the request (fake)');
    if (fault === 'hang-after-apply') return never();
    return result;
  };

  const read = async <R>(f: () => R): Promise<R> => {
    await wait(latency);
    reads += 1;
    if (down) throw new GatewayError('transient', 'service down (fake)', { httpStatus: 503 });
    const fault = takeFault('reads');
    if (fault === 'rate-limited')
      throw new GatewayError('rate-limited', 'HTTP 429 (fake)', { httpStatus: 429, retryAfterMs: 1000 });
    if (fault === 'hang') return never();
    if (fault) throw new GatewayError('transient', 'HTTP 502 (fake)', { httpStatus: 502 });
    return structuredClone(f());
  };

  const working = () => [...orders.values()].filter((o) => WORKING_ORDER_STATUSES.has(o.status));
  const done = (detail?: string): ActionOutcome => ({ status: 'done', ...(detail ? { detail } : {}) });
  const noop = (detail: string): ActionOutcome => ({ status: 'noop', detail });

  const actions: OrderActions = {
    placeOrder: (req, ctx) =>
      mutate('placeOrder', [req, ctx?.intentKey], () => {
        const existing = ctx?.intentKey ? intents.get(ctx.intentKey) : undefined;
        if (existing !== undefined) return { effect: 'noop', result: { status: 'done' as const, orderId: existing } };
        const id = nextId++;
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
    calls,
    get overCloseAttempts() {
      return overCloseAttempts;
    },
    readCount: () => reads,
    positions: () => structuredClone([...positions.values()]),
    workingOrders: () => structuredClone(working()),
    seedPosition({ contractId, side, size, openedAt, price = 100 }) {
      const p: Position = {
        id: nextId++,
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
        id: nextId++,
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
    inject(method, mode, times = 1) {
      faults.push({ method, mode, left: times });
    },
    setDown(value) {
      down = value;
    },
    setLatency(ms) {
      latency = ms;
    },
    applied(method) {
      return calls.filter((c) => c.effect === 'applied' && (method === undefined || c.method === method));
    },
  };
}
