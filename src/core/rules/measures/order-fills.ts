import type { AccountState } from '../../state/account-state';
import { type CostOptions, netOfCosts } from '../../state/selectors';

/**
 * The day's trades grouped by order: `tradeFrequency` and `cooldownAfterLoss` count and judge
 * ORDERS, so the partial fills of one order count once and its closing fills' P&L is summed.
 */

export interface ExecutedOrder {
  orderId: number;
  /** Epoch ms of the first fill. */
  firstFillAt: number;
  /** Epoch ms of the last fill. */
  lastFillAt: number;
  /** Σ profitAndLoss of closing fills (gross). */
  pnl: number;
  fees: number;
  commissions: number;
  /** Whether any fill carried realized P&L (the order closed something). */
  closed: boolean;
}

export function executedOrders(account: AccountState): ExecutedOrder[] {
  const byOrder = new Map<number, ExecutedOrder>();
  for (const t of Object.values(account.trades)) {
    if (t.voided) continue;
    const at = Date.parse(t.creationTimestamp);
    if (Number.isNaN(at)) continue;
    let o = byOrder.get(t.orderId);
    if (!o) {
      o = { orderId: t.orderId, firstFillAt: at, lastFillAt: at, pnl: 0, fees: 0, commissions: 0, closed: false };
      byOrder.set(t.orderId, o);
    }
    if (at < o.firstFillAt) o.firstFillAt = at;
    if (at > o.lastFillAt) o.lastFillAt = at;
    o.fees += t.fees ?? 0;
    o.commissions += t.commissions ?? 0;
    if (t.profitAndLoss !== null && t.profitAndLoss !== undefined) {
      o.pnl += t.profitAndLoss;
      o.closed = true;
    }
  }
  return [...byOrder.values()];
}

/** An order's result as the rules judge it: net of fees and commissions, each when counted. */
export function orderResult(o: ExecutedOrder, costs: CostOptions): number {
  return netOfCosts(o.pnl, o, costs);
}
