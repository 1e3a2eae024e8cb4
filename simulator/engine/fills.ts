import { OrderSide, OrderStatus, PositionType } from '../../src/core/gateway/enums';
import type { Position, Trade } from '../../src/core/gateway/schemas';
import { roundMoney } from '../time-format';
import { type EngineCtx, type OrderState, positionKey, publishOrder } from './state';

/**
 * One fill, applied in exchange order: order update, trade, position update(s), balance.
 *
 * Positions net per contract. A fill against the position first closes (realized P&L in
 * ticks × tick value, on the trade), and whatever is left over opens the other way: a
 * reversal in one fill closes the old position (size 0 update) and opens a new one.
 * Opening fills carry profitAndLoss: null. Every fill pays fees and commissions (per side and
 * contract, both on the trade as the live gateway sends them); balance += P&L − fees − commissions.
 */
export function executeFill(ctx: EngineCtx, st: OrderState, qty: number, price: number): void {
  const o = st.order;
  const contract = ctx.contracts.get(o.contractId);
  const acct = ctx.accounts.get(o.accountId);
  if (!contract || !acct || qty <= 0) return;
  const at = ctx.now();
  const ts = ctx.fmt.iso(at);

  // 1. order
  const prevVol = o.fillVolume ?? 0;
  const vol = prevVol + qty;
  const avg = ((o.filledPrice ?? 0) * prevVol + price * qty) / vol;
  st.order = {
    ...o,
    fillVolume: vol,
    filledPrice: Number(avg.toFixed(9)),
    status: vol >= o.size ? OrderStatus.Filled : o.status,
  };
  publishOrder(ctx, st, 'engine');

  // 2. trade
  const key = positionKey(o.accountId, o.contractId);
  const pos = ctx.positions.get(key);
  const buy = o.side === OrderSide.Bid;
  const posLong = pos?.type === PositionType.Long;
  const closing = pos !== undefined && pos.size > 0 && posLong !== buy;
  const closeQty = closing && pos ? Math.min(qty, pos.size) : 0;
  let pnl: number | null = null;
  if (closing && pos) {
    const dir = posLong ? 1 : -1;
    pnl = roundMoney(((price - pos.averagePrice) / contract.tickSize) * contract.tickValue * closeQty * dir);
  }
  const fees = roundMoney(contract.feePerSide * qty);
  const commissions = roundMoney(contract.commissionPerSide * qty);
  const trade: Trade = {
    id: ctx.ids.trade++,
    accountId: o.accountId,
    contractId: o.contractId,
    creationTimestamp: ts,
    price,
    profitAndLoss: pnl,
    fees,
    commissions,
    side: o.side,
    size: qty,
    voided: false,
    orderId: o.id,
  };
  const list = ctx.trades.get(o.accountId) ?? [];
  list.push(trade);
  ctx.trades.set(o.accountId, list);
  ctx.ledger.append({ type: 'trade', accountId: o.accountId, trade });
  ctx.emit({ kind: 'trade', accountId: o.accountId, data: { ...trade } });

  // 3. position(s)
  const publishPosition = (p: Position) => {
    ctx.ledger.append({ type: 'position', accountId: o.accountId, position: p });
    ctx.emit({ kind: 'position', accountId: o.accountId, data: { ...p } });
  };
  if (!pos || pos.size === 0) {
    const opened = openPosition(ctx, o.accountId, o.contractId, buy, qty, price, ts);
    ctx.positions.set(key, opened);
    publishPosition(opened);
  } else if (!closing) {
    const size = pos.size + qty;
    const next = {
      ...pos,
      size,
      averagePrice: Number(((pos.averagePrice * pos.size + price * qty) / size).toFixed(9)),
    };
    ctx.positions.set(key, next);
    publishPosition(next);
  } else {
    const left = pos.size - closeQty;
    const next = { ...pos, size: left };
    publishPosition(next);
    if (left > 0) {
      ctx.positions.set(key, next);
    } else {
      ctx.positions.delete(key);
      const rest = qty - closeQty;
      if (rest > 0) {
        const opened = openPosition(ctx, o.accountId, o.contractId, buy, rest, price, ts);
        ctx.positions.set(key, opened);
        publishPosition(opened);
      }
    }
  }

  // 4. balance
  acct.account = { ...acct.account, balance: roundMoney(acct.account.balance + (pnl ?? 0) - fees - commissions) };
  ctx.ledger.append({ type: 'balance', accountId: o.accountId, balance: acct.account.balance });
  ctx.emit({ kind: 'account', accountId: o.accountId, data: { ...acct.account } });
}

function openPosition(
  ctx: EngineCtx,
  accountId: number,
  contractId: string,
  long: boolean,
  size: number,
  price: number,
  ts: string,
): Position {
  return {
    id: ctx.ids.position++,
    accountId,
    contractId,
    creationTimestamp: ts,
    type: long ? PositionType.Long : PositionType.Short,
    size,
    averagePrice: price,
  };
}
