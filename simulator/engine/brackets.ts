import { OrderSide, OrderStatus, OrderType } from '../../src/core/gateway/enums';
import type { Touch } from '../prices';
import { roundToTick } from '../time-format';
import { type EngineCtx, type OrderState, publishOrder } from './state';

/**
 * Bracket children (stop loss, take profit) wait Suspended until their parent fills, then
 * open at `ticks` from the parent's average fill price. They are one-cancels-other: when one
 * fills the other is cancelled (a partial fill shrinks it). Cancelling an unfilled parent
 * cancels them; closing the position does NOT (as on the real service).
 *
 * A child that opens gets its first chance against the touch at once, through the matcher the
 * caller passes in (matching.ts's `matchOrder`): matching calls back here on every fill, so
 * this file does not import it.
 */
export type MatchOrder = (ctx: EngineCtx, st: OrderState, touch: Touch, resting: boolean) => void;

export function afterFill(ctx: EngineCtx, st: OrderState, match: MatchOrder): void {
  if (st.children.length > 0 && st.order.status === OrderStatus.Filled) activateChildren(ctx, st, st.order.size, match);
  if (st.parentId !== undefined) settleSibling(ctx, st);
}

export function activateChildren(ctx: EngineCtx, parent: OrderState, size: number, match: MatchOrder): void {
  const contract = ctx.contracts.get(parent.order.contractId);
  const fill = parent.order.filledPrice;
  if (!contract || fill === null || fill === undefined) return;
  const tick = contract.tickSize;
  const parentBuy = parent.order.side === OrderSide.Bid;
  const activated: OrderState[] = [];
  for (const id of parent.children) {
    const child = ctx.orders.get(id);
    if (!child || child.order.status !== OrderStatus.Suspended) continue;
    const distance = Math.abs(child.bracketTicks ?? 0) * tick;
    // stop below a long entry / above a short one; target the other way
    const away = child.role === 'stop' ? (parentBuy ? -distance : distance) : parentBuy ? distance : -distance;
    const price = roundToTick(fill + away, tick);
    const o = { ...child.order, status: OrderStatus.Open, size };
    if (o.type === OrderType.Limit) o.limitPrice = price;
    else if (o.type === OrderType.TrailingStop) {
      child.trail = distance;
      o.stopPrice = price;
    } else if (o.type === OrderType.StopLimit) {
      o.stopPrice = price;
      o.limitPrice = price;
    } else o.stopPrice = price;
    child.order = o;
    publishOrder(ctx, child, 'engine');
    activated.push(child);
  }
  const touch = ctx.prices.touch(parent.order.contractId);
  for (const child of activated) match(ctx, child, touch, false);
}

function settleSibling(ctx: EngineCtx, child: OrderState): void {
  const parent = child.parentId === undefined ? undefined : ctx.orders.get(child.parentId);
  if (!parent) return;
  for (const id of parent.children) {
    if (id === child.order.id) continue;
    const sib = ctx.orders.get(id);
    if (!sib) continue;
    const working = sib.order.status === OrderStatus.Open || sib.order.status === OrderStatus.Suspended;
    if (!working) continue;
    if (child.order.status === OrderStatus.Filled) {
      sib.order = { ...sib.order, status: OrderStatus.Cancelled };
    } else {
      const size = Math.max(0, child.order.size - (child.order.fillVolume ?? 0));
      if (size === sib.order.size) continue;
      sib.order = { ...sib.order, size, status: size === 0 ? OrderStatus.Cancelled : sib.order.status };
    }
    publishOrder(ctx, sib, 'engine');
  }
}

export function cancelChildren(ctx: EngineCtx, parent: OrderState): void {
  for (const id of parent.children) {
    const child = ctx.orders.get(id);
    if (!child || child.order.status !== OrderStatus.Suspended) continue;
    child.order = { ...child.order, status: OrderStatus.Cancelled };
    publishOrder(ctx, child, 'engine');
  }
}
