import { OrderSide, OrderStatus, OrderType } from '../../src/core/gateway/enums';
import type { Touch } from '../prices';
import { roundToTick } from '../time-format';
import { afterFill } from './brackets';
import { executeFill } from './fills';
import { type EngineCtx, type OrderState, publishOrder } from './state';

/**
 * Matching against the simulated touch (bid for sells, ask for buys).
 *
 * - Market (and triggered stops): fill now; with a finite bookDepth the order walks the
 *   book one tick per `bookDepth` contracts (several trades, one order).
 * - Limit: marketable at placement → fills at the touch; resting → fills at its limit
 *   price when the touch reaches it, at most `bookDepth` contracts per price event.
 * - Stop: triggers when the last price reaches the stop, then fills like a market order
 *   (gaps slip). Stop-limit: triggers, then works as a limit. Trailing stop: the stop
 *   follows the best price at `trail` distance and triggers like a stop.
 */
export function fillAsMarket(ctx: EngineCtx, st: OrderState, touch: Touch): void {
  const tick = ctx.contracts.get(st.order.contractId)?.tickSize ?? 0.01;
  const buy = st.order.side === OrderSide.Bid;
  let price = buy ? touch.ask : touch.bid;
  while (isWorking(st) && remaining(st) > 0) {
    const qty = Math.min(remaining(st), ctx.bookDepth);
    executeFill(ctx, st, qty, price);
    afterFill(ctx, st, matchOrder);
    price = roundToTick(buy ? price + tick : price - tick, tick);
  }
}

export const remaining = (st: OrderState): number => st.order.size - (st.order.fillVolume ?? 0);

export const isWorking = (st: OrderState): boolean =>
  st.order.status === OrderStatus.Open || st.order.status === OrderStatus.Pending;

function fillLimit(ctx: EngineCtx, st: OrderState, touch: Touch, resting: boolean): void {
  const limit = st.order.limitPrice;
  if (limit === null || limit === undefined) return;
  const buy = st.order.side === OrderSide.Bid;
  const reachable = buy ? touch.ask <= limit : touch.bid >= limit;
  if (!reachable) return;
  const price = resting ? limit : buy ? touch.ask : touch.bid;
  executeFill(ctx, st, Math.min(remaining(st), ctx.bookDepth), price);
  afterFill(ctx, st, matchOrder);
}

function stopHit(st: OrderState, touch: Touch): boolean {
  const stop = st.order.stopPrice;
  if (stop === null || stop === undefined) return false;
  return st.order.side === OrderSide.Bid ? touch.last >= stop : touch.last <= stop;
}

function trail(ctx: EngineCtx, st: OrderState, touch: Touch): void {
  const distance = st.trail;
  const tick = ctx.contracts.get(st.order.contractId)?.tickSize ?? 0.01;
  if (distance === undefined) return;
  const buy = st.order.side === OrderSide.Bid;
  const candidate = roundToTick(buy ? touch.last + distance : touch.last - distance, tick);
  const current = st.order.stopPrice;
  const better = current === null || current === undefined || (buy ? candidate < current : candidate > current);
  if (better) {
    st.order = { ...st.order, stopPrice: candidate };
    publishOrder(ctx, st, 'engine');
  }
}

/** Give one working order its chance against the current touch. `resting` = it was already on the book. */
export function matchOrder(ctx: EngineCtx, st: OrderState, touch: Touch, resting: boolean): void {
  if (!isWorking(st)) return;
  switch (st.order.type) {
    case OrderType.Market:
      fillAsMarket(ctx, st, touch);
      return;
    case OrderType.Limit:
    case OrderType.JoinBid:
    case OrderType.JoinAsk:
      fillLimit(ctx, st, touch, resting);
      return;
    case OrderType.Stop:
      if (stopHit(st, touch)) fillAsMarket(ctx, st, touch);
      return;
    case OrderType.StopLimit:
      if (!st.triggered && stopHit(st, touch)) {
        st.triggered = true;
        fillLimit(ctx, st, touch, false);
      } else if (st.triggered) {
        fillLimit(ctx, st, touch, resting);
      }
      return;
    case OrderType.TrailingStop:
      if (resting) trail(ctx, st, touch);
      if (stopHit(st, touch)) fillAsMarket(ctx, st, touch);
      return;
    default:
      return;
  }
}

/** A price moved: every working order on the contract, oldest first. */
export function onPrice(ctx: EngineCtx, contractId: string, touch: Touch): void {
  const ids = [...(ctx.working.get(contractId) ?? [])].sort((a, b) => a - b);
  const working = ids
    .map((id) => ctx.orders.get(id))
    .filter((st): st is OrderState => st !== undefined && isWorking(st));
  for (const st of working) matchOrder(ctx, st, touch, true);
}
