import { OrderSide, OrderStatus, OrderType, PositionType } from '../../src/core/gateway/enums';
import type { Order } from '../../src/core/gateway/schemas';
import type { SimOrderChange, SimOrderRequest } from '../types';
import { activateChildren, cancelChildren } from './brackets';
import { matchOrder } from './matching';
import {
  type EngineCtx,
  fail,
  type OrderState,
  OUTSIDE_HOURS,
  positionKey,
  publishOrder,
  type Result,
  type Via,
} from './state';

/**
 * Order entry with the gateway's business rules. Error codes (HTTP 200, success:false):
 *   place: 1 account not found, 2 rejected (bad size/type/side/price, duplicate customTag),
 *          4 account violation (canTrade false), 8 contract not found, 9 contract not active.
 *   cancel/modify: 1 account not found, 2 order not found / not working.
 *   closeContract: 1 account not found, 2 no open position. partialClose: 5 invalid size.
 *   With market hours on, place and both closes answer 5 "Outside trading hours." while the
 *   market is closed (break, weekend); cancel and modify still work.
 */
export function placeOrder(
  ctx: EngineCtx,
  accountId: number,
  req: SimOrderRequest,
  via: Via,
  riskReducing = false,
): Result<{ orderId: number }> {
  const acct = ctx.accounts.get(accountId);
  if (!acct) return fail(1, `Account ${accountId} not found.`);
  if (!ctx.marketOpen()) return fail(OUTSIDE_HOURS.code, OUTSIDE_HOURS.message);
  if (!acct.account.canTrade && !riskReducing) return fail(4, 'Account is not allowed to trade (account violation).');
  const contract = ctx.contracts.get(req.contractId);
  if (!contract) return fail(8, `Contract ${req.contractId} not found.`);
  if (!contract.activeContract) return fail(9, `Contract ${req.contractId} is not active.`);
  if (!Number.isInteger(req.size) || req.size <= 0) return fail(2, 'Invalid order size.');
  if (req.side !== OrderSide.Bid && req.side !== OrderSide.Ask) return fail(2, 'Invalid order side.');
  const type = req.type;
  const needsLimit = type === OrderType.Limit || type === OrderType.StopLimit;
  const needsStop = type === OrderType.Stop || type === OrderType.StopLimit;
  if (!(type >= 1 && type <= 7)) return fail(2, 'Invalid order type.');
  if (needsLimit && !isPrice(req.limitPrice)) return fail(2, 'Limit price is required.');
  if (needsStop && !isPrice(req.stopPrice)) return fail(2, 'Stop price is required.');
  if (type === OrderType.TrailingStop && !isPrice(req.trailPrice) && !isPrice(req.stopPrice))
    return fail(2, 'Trail price is required.');
  const tag = req.customTag ?? null;
  if (tag !== null && ctx.ledger.ordersWithTag(accountId, tag).length > 0)
    return fail(2, `An order with custom tag '${tag}' already exists on this account.`);

  const touch = ctx.prices.touch(contract.id);
  let limitPrice = needsLimit ? (req.limitPrice ?? null) : null;
  if (type === OrderType.JoinBid) limitPrice = touch.bid;
  if (type === OrderType.JoinAsk) limitPrice = touch.ask;
  let stopPrice = needsStop ? (req.stopPrice ?? null) : null;
  let trail: number | undefined;
  if (type === OrderType.TrailingStop) {
    trail = isPrice(req.trailPrice)
      ? req.trailPrice
      : Math.abs((req.stopPrice ?? touch.last) - touch.last) || contract.tickSize;
    stopPrice = req.side === OrderSide.Bid ? touch.last + trail : touch.last - trail;
  }
  const ts = ctx.fmt.iso(ctx.now());
  const order: Order = {
    id: ctx.ids.order++,
    accountId,
    contractId: contract.id,
    symbolId: contract.symbolId,
    creationTimestamp: ts,
    updateTimestamp: ts,
    status: OrderStatus.Open,
    type,
    side: req.side,
    size: req.size,
    limitPrice,
    stopPrice,
    fillVolume: 0,
    filledPrice: null,
    customTag: tag,
  };
  if (trail !== undefined) order.trailPrice = trail;
  const st: OrderState = { order, createdAt: ctx.now(), children: [], triggered: false };
  if (trail !== undefined) st.trail = trail;
  ctx.orders.set(order.id, st);
  publishOrder(ctx, st, via);
  for (const [role, spec] of [
    ['stop', req.stopLossBracket],
    ['target', req.takeProfitBracket],
  ] as const) {
    if (!spec) continue;
    const child: Order = {
      ...order,
      id: ctx.ids.order++,
      status: OrderStatus.Suspended,
      type: spec.type,
      side: req.side === OrderSide.Bid ? OrderSide.Ask : OrderSide.Bid,
      limitPrice: null,
      stopPrice: null,
      customTag: null,
    };
    delete child.trailPrice;
    const cst: OrderState = {
      order: child,
      createdAt: ctx.now(),
      parentId: order.id,
      role,
      bracketTicks: spec.ticks,
      children: [],
      triggered: false,
    };
    ctx.orders.set(child.id, cst);
    st.children.push(child.id);
    publishOrder(ctx, cst, 'engine');
  }
  matchOrder(ctx, st, touch, false);
  return { ok: true, orderId: order.id };
}

const isPrice = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function workingOrder(ctx: EngineCtx, accountId: number, orderId: number): Result<{ st: OrderState }> {
  if (!ctx.accounts.has(accountId)) return fail(1, `Account ${accountId} not found.`);
  const st = ctx.orders.get(orderId);
  if (!st || st.order.accountId !== accountId) return fail(2, `Order ${orderId} not found.`);
  const s = st.order.status;
  if (s !== OrderStatus.Open && s !== OrderStatus.Suspended && s !== OrderStatus.Pending)
    return fail(2, `Order ${orderId} is not working (status ${s}).`);
  return { ok: true, st };
}

export function cancelOrder(ctx: EngineCtx, accountId: number, orderId: number, via: Via): Result {
  const found = workingOrder(ctx, accountId, orderId);
  if (!found.ok) return found;
  const st = found.st;
  st.order = { ...st.order, status: OrderStatus.Cancelled };
  publishOrder(ctx, st, via);
  const filled = st.order.fillVolume ?? 0;
  if (filled > 0) activateChildren(ctx, st, filled, matchOrder);
  else cancelChildren(ctx, st);
  return { ok: true };
}

export function modifyOrder(
  ctx: EngineCtx,
  accountId: number,
  orderId: number,
  change: SimOrderChange,
  via: Via,
): Result {
  const found = workingOrder(ctx, accountId, orderId);
  if (!found.ok) return found;
  const st = found.st;
  const o = { ...st.order };
  if (change.size !== undefined && change.size !== null) {
    if (!Number.isInteger(change.size) || change.size <= (o.fillVolume ?? 0)) return fail(2, 'Invalid order size.');
    o.size = change.size;
  }
  if (isPrice(change.limitPrice)) o.limitPrice = change.limitPrice;
  if (isPrice(change.stopPrice)) o.stopPrice = change.stopPrice;
  if (isPrice(change.trailPrice)) {
    st.trail = change.trailPrice;
    o.trailPrice = change.trailPrice;
  }
  st.order = o;
  publishOrder(ctx, st, via);
  matchOrder(ctx, st, ctx.prices.touch(o.contractId), false);
  return { ok: true };
}

/** closeContract (size undefined) and partialCloseContract: a market order against the position. */
export function closePosition(
  ctx: EngineCtx,
  accountId: number,
  contractId: string,
  size: number | undefined,
  via: Via,
): Result {
  if (!ctx.accounts.has(accountId)) return fail(1, `Account ${accountId} not found.`);
  const pos = ctx.positions.get(positionKey(accountId, contractId));
  const open = pos?.size ?? 0;
  const record = (applied: boolean, errorCode?: number) =>
    ctx.ledger.append({
      type: 'close-request',
      accountId,
      contractId,
      requestedSize: size ?? 'all',
      openSizeBefore: open,
      applied,
      ...(errorCode === undefined ? {} : { errorCode }),
    });
  if (!ctx.marketOpen()) {
    record(false, OUTSIDE_HOURS.code);
    return fail(OUTSIDE_HOURS.code, OUTSIDE_HOURS.message);
  }
  if (size !== undefined && (!Number.isInteger(size) || size <= 0 || size > open)) {
    record(false, 5);
    return fail(5, `Invalid size: ${size} (open ${open}).`);
  }
  if (!pos || open === 0) {
    record(false, 2);
    return fail(2, `No open position for contract ${contractId}.`);
  }
  record(true);
  // Closing is risk-reducing: allowed even when canTrade is false.
  const placed = placeOrder(
    ctx,
    accountId,
    {
      contractId,
      type: OrderType.Market,
      side: pos.type === PositionType.Long ? OrderSide.Ask : OrderSide.Bid,
      size: size ?? open,
    },
    via,
    true,
  );
  return placed.ok ? { ok: true } : placed;
}
