import { OrderStatus } from '../../src/core/gateway/enums';
import type { Account, Order, Position, Trade } from '../../src/core/gateway/schemas';
import type { SimContract } from '../catalogue';
import type { SimLedger } from '../ledger';
import type { PriceBook } from '../prices';
import type { TimeFormatter } from '../time-format';

/** Everything the exchange knows, shared by the engine's parts (orders, matching, fills). */
export type EngineEvent =
  | { kind: 'order'; accountId: number; data: Order }
  | { kind: 'trade'; accountId: number; data: Trade }
  | { kind: 'position'; accountId: number; data: Position }
  | { kind: 'account'; accountId: number; data: Account };

export type Via = 'api' | 'trader' | 'engine';

export interface BracketSpec {
  ticks: number;
  type: number;
}

export interface OrderState {
  order: Order;
  createdAt: number;
  /** Bracket parent of this child, and its role. */
  parentId?: number;
  role?: 'stop' | 'target';
  bracketTicks?: number;
  /** Bracket children of this parent. */
  children: number[];
  /** Trailing stops: distance in price units. */
  trail?: number;
  /** Stop-limit whose stop has been hit: now behaves as a limit. */
  triggered: boolean;
}

export interface AccountState {
  account: Account;
  userName: string;
}

export interface EngineCtx {
  contracts: Map<string, SimContract>;
  accounts: Map<number, AccountState>;
  orders: Map<number, OrderState>;
  /** Ids of orders that may still fill (Open, Pending, Suspended), per contract: what a price move must look at. */
  working: Map<string, Set<number>>;
  positions: Map<string, Position>;
  trades: Map<number, Trade[]>;
  ids: { order: number; trade: number; position: number };
  now: () => number;
  fmt: TimeFormatter;
  ledger: SimLedger;
  prices: PriceBook;
  bookDepth: number;
  /** The exchange is trading now (the market-hours calendar; always true without it). */
  marketOpen: () => boolean;
  emit: (event: EngineEvent) => void;
}

const WORKING: ReadonlySet<number> = new Set([OrderStatus.Open, OrderStatus.Pending, OrderStatus.Suspended]);

export const positionKey = (accountId: number, contractId: string): string => `${accountId}|${contractId}`;

export type Result<T = unknown> = ({ ok: true } & T) | { ok: false; errorCode: number; errorMessage: string };

/** What place and close answer while the market is closed (break or weekend). */
export const OUTSIDE_HOURS = { code: 5, message: 'Outside trading hours.' } as const;

export const fail = (
  errorCode: number,
  errorMessage: string,
): { ok: false; errorCode: number; errorMessage: string } => ({
  ok: false,
  errorCode,
  errorMessage,
});

/** Publish a new version of an order: ledger first (truth), then the hub. */
export function publishOrder(ctx: EngineCtx, st: OrderState, via: Via): void {
  st.order = { ...st.order, updateTimestamp: ctx.fmt.iso(ctx.now()) };
  const set = ctx.working.get(st.order.contractId) ?? new Set<number>();
  if (WORKING.has(st.order.status)) set.add(st.order.id);
  else set.delete(st.order.id);
  ctx.working.set(st.order.contractId, set);
  ctx.ledger.append({ type: 'order', accountId: st.order.accountId, order: st.order, via });
  ctx.emit({ kind: 'order', accountId: st.order.accountId, data: { ...st.order } });
}
