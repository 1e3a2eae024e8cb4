import type { Account, Contract, Order, Position, Trade } from '../gateway/schemas';
import type { GuardHealth } from './events';
import type { PositionLot } from './position-lots';

/**
 * The guard's picture of one account during one trading day. Plain data (records, not Maps)
 * so it serializes to IndexedDB and across messages as it is.
 */
export interface AccountState {
  account: Account;
  /** Open positions by contract id (a `size: 0` update removes the entry). */
  positions: Record<string, Position>;
  /** Working orders by order id (open, pending, suspended). */
  orders: Record<string, Order>;
  /** The trading day's trades by trade id, voided ones included (they count for nothing). */
  trades: Record<string, Trade>;
  /** Trading day key, e.g. `2026-11-25` for the day that ends at 17:00 CT on the 25th. */
  tradingDay: string;
  /** Σ profitAndLoss of the day's non-voided trades (gross, before fees). */
  grossRealizedPnl: number;
  /** Σ fees of the day's non-voided trades. */
  fees: number;
  /**
   * Σ commissions of the day's non-voided trades (live trades carry them beside fees).
   * Absent in states stored by earlier versions: read through `commissionsOf`.
   */
  commissions?: number;
  /** Epoch ms at which each open position was first seen open (stop-loss grace, newest exposure first). */
  positionOpenedAt: Record<string, number>;
  /**
   * Each open position's exposure as lots (contracts added and when, oldest first), so "newest
   * exposure first" cuts what was added last. Optional: state saved before it has none.
   */
  positionLots?: Record<string, PositionLot[]>;
  /** Latest `updateTimestamp` (epoch ms) applied per entity key, so older updates never win. */
  versions: Record<string, number>;
  /**
   * True while the account is known only from its orders/positions/trades (its own account
   * event has not arrived yet): `account` then holds placeholders, and rules must not read
   * `canTrade`/`balance` from it. The reconciler's account fetch clears it.
   */
  placeholder?: boolean;
}

export interface MarketPrice {
  contractId: string;
  /** Last traded price, falling back to the mid of best bid/ask. */
  price: number;
  at: number;
}

/** Everything the guard knows, for all accounts of the profile. */
export interface GuardState {
  accounts: Record<string, AccountState>;
  contracts: Record<string, Contract>;
  prices: Record<string, MarketPrice>;
  health: GuardHealth;
  /** The newest trading day any event has reached; accounts behind it are rolled over. */
  tradingDay?: string;
}

/** A fresh day for an account: no trades, nothing realized, nothing open. */
export function createAccountState(account: Account, tradingDay: string, placeholder = false): AccountState {
  const state: AccountState = {
    account,
    positions: {},
    orders: {},
    trades: {},
    tradingDay,
    grossRealizedPnl: 0,
    fees: 0,
    commissions: 0,
    positionOpenedAt: {},
    versions: {},
  };
  if (placeholder) state.placeholder = true;
  return state;
}

/** The state of a guard that has seen nothing yet: blind (no hub, no token) since `now`. */
export function createEmptyGuardState(now: number): GuardState {
  const hub = { status: 'disconnected', since: now, lastMessageAt: null, stale: false } as const;
  return {
    accounts: {},
    contracts: {},
    prices: {},
    health: { user: { ...hub }, market: { ...hub }, token: 'none', blindSince: now },
  };
}
