import { PositionType } from '../gateway/enums';
import type { Contract, Position } from '../gateway/schemas';
import { miniWeight } from '../gateway/symbols';
import type { AccountState, GuardState, MarketPrice } from './account-state';

/**
 * Derived figures, computed from state on demand rather than stored, so they can never
 * disagree with the positions and trades they come from (docs/rules.md, "Words").
 */

export type Counting = 'contracts' | 'mini';

/** Which trading costs count against realized P&L (config `countFees`, `countCommissions`; both by default). */
export interface CostOptions {
  countFees?: boolean;
  countCommissions?: boolean;
}

/** Σ commissions of the day; a state stored before they were summed is summed from its trades. */
export function commissionsOf(account: AccountState): number {
  if (account.commissions !== undefined) return account.commissions;
  let sum = 0;
  for (const t of Object.values(account.trades)) if (!t.voided) sum += t.commissions ?? 0;
  return sum;
}

/**
 * THE realized-P&L rule, for every figure that judges or shows realized P&L (the live guard's
 * day, an order's result, the replay's days): gross P&L minus fees and minus commissions,
 * each when counted. Live trades carry both; whether TopstepX's `fees` already include the
 * commissions is not known, so by default both count: the guard then stops a trader a few
 * cents early, never late.
 */
export function netOfCosts(
  gross: number,
  costs: { fees: number; commissions: number },
  options: CostOptions = {},
): number {
  const fees = (options.countFees ?? true) ? costs.fees : 0;
  const commissions = (options.countCommissions ?? true) ? costs.commissions : 0;
  return gross - fees - commissions;
}

/** Realized P&L of the trading day: Σ profitAndLoss of non-voided trades, net of the costs counted. */
export function realizedPnl(account: AccountState, options: CostOptions = {}): number {
  return netOfCosts(account.grossRealizedPnl, { fees: account.fees, commissions: commissionsOf(account) }, options);
}

/** Σ |size| over open positions; micros count 0.1 with mini-equivalent counting. */
export function openContracts(account: AccountState, counting: Counting = 'contracts'): number {
  let total = 0;
  for (const p of Object.values(account.positions)) {
    total += Math.abs(p.size) * (counting === 'mini' ? miniWeight(p.contractId) : 1);
  }
  // Mini-equivalents are tenths: round away binary noise (0.1 + 0.2).
  return Math.round(total * 1000) / 1000;
}

/** Signed size: long positive, short negative. */
export function signedSize(position: Position): number {
  return position.type === PositionType.Short ? -Math.abs(position.size) : Math.abs(position.size);
}

/**
 * Unrealized P&L of one position, or null when unknown (no quote yet, or no tick size/value
 * for the contract): rules must treat unknown as unknown, never as 0.
 */
export function positionUnrealizedPnl(
  position: Position,
  contract: Contract | undefined,
  price: MarketPrice | undefined,
): number | null {
  if (!contract || !price) return null;
  const ticks = (price.price - position.averagePrice) / contract.tickSize;
  return ticks * contract.tickValue * signedSize(position);
}

/** Unrealized P&L per open position of an account, by contract id (null = unknown). */
export function unrealizedByPosition(
  account: AccountState,
  market: Pick<GuardState, 'contracts' | 'prices'>,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [contractId, p] of Object.entries(account.positions)) {
    out[contractId] = positionUnrealizedPnl(p, market.contracts[contractId], market.prices[contractId]);
  }
  return out;
}

/** Account's total unrealized P&L, or null if any open position's is unknown. 0 when flat. */
export function unrealizedPnl(account: AccountState, market: Pick<GuardState, 'contracts' | 'prices'>): number | null {
  let total = 0;
  for (const value of Object.values(unrealizedByPosition(account, market))) {
    if (value === null) return null;
    total += value;
  }
  return total;
}
