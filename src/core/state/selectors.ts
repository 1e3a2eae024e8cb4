import { PositionType } from '../gateway/enums';
import type { Contract, Position } from '../gateway/schemas';
import { miniWeight } from '../gateway/symbols';
import type { AccountState, GuardState, MarketPrice } from './account-state';

/**
 * Derived figures, computed from state on demand rather than stored, so they can never
 * disagree with the positions and trades they come from (docs/risk-rules.md, "Words").
 */

export type Counting = 'contracts' | 'mini';

/** Realized P&L of the trading day: Σ profitAndLoss of non-voided trades, minus fees when counted. */
export function realizedPnl(account: AccountState, options: { countFees?: boolean } = {}): number {
  const countFees = options.countFees ?? true;
  return countFees ? account.grossRealizedPnl - account.fees : account.grossRealizedPnl;
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
