import { WORKING_ORDER_STATUSES } from '../../src/core/gateway/enums';
import type { Account, Order, Position, Trade } from '../../src/core/gateway/schemas';
import type { SimContract } from '../catalogue';
import type { SimLedger } from '../ledger';
import type { PriceBook } from '../prices';
import type { TimeFormatter } from '../time-format';
import type { SimAccountSeed, SimOrderRequest } from '../types';
import { onPrice } from './matching';
import { cancelOrder, closePosition, modifyOrder, placeOrder } from './orders';
import type { AccountState, EngineCtx, EngineEvent, OrderState, Result, Via } from './state';
import { voidTrade } from './void-trade';

/**
 * The exchange: accounts, orders, positions and trades, with the matching engine wired to
 * the price book. Every state change goes to the ledger first and then to `emit` (hubs).
 */
export interface Engine {
  addAccount(userName: string, seed: SimAccountSeed): Account;
  account(accountId: number): AccountState | undefined;
  accountsOf(userName: string): Account[];
  setCanTrade(accountId: number, canTrade: boolean): void;
  orders(accountId: number): OrderState[];
  order(orderId: number): OrderState | undefined;
  positions(accountId: number): Position[];
  trades(accountId: number): Trade[];
  /** Working orders or open positions on the contract (the random walk only moves those). */
  hasExposure(contractId: string): boolean;
  place(accountId: number, req: SimOrderRequest, via: Via): Result<{ orderId: number }>;
  cancel(accountId: number, orderId: number, via: Via): Result;
  modify(accountId: number, orderId: number, change: Parameters<typeof modifyOrder>[3], via: Via): Result;
  close(accountId: number, contractId: string, size: number | undefined, via: Via): Result;
  /** The platform voids a trade: marked `voided`, its P&L, fees and commissions taken back out of the balance. */
  voidTrade(accountId: number, tradeId: number): Result<{ trade: Trade; balance: number }>;
  /**
   * Forgets orders ended before `before` (none whose bracket parent or child still works) and
   * trades before it: Order/search and Trade/search then see the kept history only.
   */
  prune(before: number): void;
  /** Trades from before the simulator started (the opt-in past history): Trade/search only, no ledger, no events. */
  seedPastTrades(accountId: number, trades: readonly Trade[]): void;
}

export function createEngine(options: {
  contracts: SimContract[];
  now: () => number;
  fmt: TimeFormatter;
  ledger: SimLedger;
  prices: PriceBook;
  bookDepth: number;
  marketOpen?: () => boolean;
  emit: (e: EngineEvent) => void;
}): Engine {
  const ctx: EngineCtx = {
    contracts: new Map(options.contracts.map((c) => [c.id, c])),
    accounts: new Map(),
    orders: new Map(),
    working: new Map(),
    positions: new Map(),
    trades: new Map(),
    ids: { order: 2_140_000_001, trade: 1_730_000_001, position: 640_000_001 },
    now: options.now,
    fmt: options.fmt,
    ledger: options.ledger,
    prices: options.prices,
    bookDepth: options.bookDepth > 0 ? options.bookDepth : Number.POSITIVE_INFINITY,
    marketOpen: options.marketOpen ?? (() => true),
    emit: options.emit,
  };
  let nextAccountId = 9_100_001;
  // A closed market fills nothing: quotes still move (scripted prices), resting orders wait.
  options.prices.onChange((contractId, touch) => {
    if (ctx.marketOpen()) onPrice(ctx, contractId, touch);
  });

  return {
    addAccount(userName, seed) {
      const id = seed.id ?? nextAccountId++;
      if (ctx.accounts.has(id)) throw new Error(`duplicate account id ${id}`);
      const account: Account = {
        id,
        name: seed.name,
        balance: seed.balance,
        canTrade: seed.canTrade ?? true,
        isVisible: seed.isVisible ?? true,
        simulated: seed.simulated ?? true,
      };
      ctx.accounts.set(id, { account, userName });
      ctx.ledger.append({ type: 'account', accountId: id, account });
      return { ...account };
    },
    account: (id) => ctx.accounts.get(id),
    accountsOf: (userName) =>
      [...ctx.accounts.values()].filter((a) => a.userName === userName).map((a) => ({ ...a.account })),
    setCanTrade(accountId, canTrade) {
      const a = ctx.accounts.get(accountId);
      if (!a) throw new Error(`unknown account ${accountId}`);
      if (a.account.canTrade === canTrade) return;
      a.account = { ...a.account, canTrade };
      ctx.ledger.append({ type: 'account', accountId, account: a.account });
      ctx.emit({ kind: 'account', accountId, data: { ...a.account } });
    },
    orders: (accountId) =>
      [...ctx.orders.values()].filter((o) => o.order.accountId === accountId).sort((a, b) => a.order.id - b.order.id),
    order: (id) => ctx.orders.get(id),
    positions: (accountId) => [...ctx.positions.values()].filter((p) => p.accountId === accountId && p.size > 0),
    trades: (accountId) => [...(ctx.trades.get(accountId) ?? [])],
    hasExposure(contractId) {
      for (const p of ctx.positions.values()) if (p.contractId === contractId && p.size > 0) return true;
      for (const id of ctx.working.get(contractId) ?? []) {
        const o = ctx.orders.get(id);
        if (o && isOpen(o.order)) return true;
      }
      return false;
    },
    place: (accountId, req, via) => placeOrder(ctx, accountId, req, via),
    cancel: (accountId, orderId, via) => cancelOrder(ctx, accountId, orderId, via),
    modify: (accountId, orderId, change, via) => modifyOrder(ctx, accountId, orderId, change, via),
    close: (accountId, contractId, size, via) => closePosition(ctx, accountId, contractId, size, via),
    voidTrade: (accountId, tradeId) => voidTrade(ctx, accountId, tradeId),
    prune: (before) => pruneHistory(ctx, before),
    seedPastTrades(accountId, trades) {
      ctx.trades.set(accountId, [...trades, ...(ctx.trades.get(accountId) ?? [])]);
    },
  };
}

function pruneHistory(ctx: EngineCtx, before: number): void {
  const works = (id: number | undefined) => {
    const o = id === undefined ? undefined : ctx.orders.get(id);
    return o !== undefined && WORKING_ORDER_STATUSES.has(o.order.status);
  };
  // Insertion order is creation order: the old ones come first. An order goes once it has been
  // ended for the retention (one that rested for days and ended today stays: a reconcile asks
  // Order/search for it from its creation); the few still working, or ended lately, are stepped over.
  for (const [id, st] of ctx.orders) {
    if (st.createdAt >= before) break;
    if (works(id) || works(st.parentId) || st.children.some(works)) continue;
    if (Date.parse(st.order.updateTimestamp ?? st.order.creationTimestamp) >= before) continue;
    ctx.orders.delete(id);
  }
  for (const list of ctx.trades.values()) {
    let old = 0;
    while (old < list.length && Date.parse(list[old]?.creationTimestamp ?? '') < before) old++;
    if (old > 0) list.splice(0, old);
  }
}

const isOpen = (o: Order): boolean => o.status === 1 || o.status === 6;
