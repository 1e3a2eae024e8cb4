import type { Account, Quote } from '../gateway/schemas';
import { createAccountState, type GuardState, type MarketPrice } from './account-state';
import type { StateEffect } from './effects';
import { tradingDayOfEvent } from './event-day';
import type { DomainEvent, GuardHealth } from './events';
import { applyOrder } from './reduce-order';
import { applyPosition } from './reduce-position';
import { applyTrade } from './reduce-trade';
import { rollover } from './rollover';
import { shallowEqual } from './shallow-equal';
import { parseTimestamp, serverTime } from './timestamp';
import type { TradingDayClock } from './trading-day';

/**
 * The one place state changes: `reduce(state, event)` → new state, pure and structurally
 * shared (untouched accounts, maps and entities keep their identity, so persistence writes
 * only what changed and `changed: false` lets callers skip rules and saves entirely).
 *
 *   event ─▶ rollover (new trading day?) ─▶ route by kind ─▶ account / market / health
 *
 * Events for an account never seen create it as a placeholder (see AccountState.placeholder)
 * rather than being dropped: a fill must never be missed because its account event is late.
 */
export interface ReduceContext {
  tradingDay: TradingDayClock;
  /** The guard's time (server time, see time/server-clock.ts); defaults to the event's receive time. */
  now?: number;
}

export interface ReduceResult {
  state: GuardState;
  changed: boolean;
  effects: readonly StateEffect[];
}

export function reduce(state: GuardState, event: DomainEvent, ctx: ReduceContext): ReduceResult {
  const effects: StateEffect[] = [];
  const clock = ctx.tradingDay;
  // The one trading-day function (event-day.ts): a trade by its stamp, skew-tolerant; the rest by the guard's time.
  const stamp = event.kind === 'trade' ? parseTimestamp(event.trade.creationTimestamp) : null;
  const bounds = tradingDayOfEvent(clock, stamp, ctx.now ?? event.receivedAt);
  // Only on a rollover: the start of the day before the event's (keys touched since then are kept).
  const keepSince = () => clock.previousReset(bounds.start - 1);
  const rolled = rollover(state, bounds.tradingDay, keepSince, effects);
  const next = dispatch(rolled, event, bounds.tradingDay, effects);
  return { state: next, changed: next !== state, effects };
}

function dispatch(state: GuardState, event: DomainEvent, day: string, effects: StateEffect[]): GuardState {
  switch (event.kind) {
    case 'account':
      return applyAccount(state, event.account, effects);
    case 'order':
      return withAccount(state, event.order.accountId, effects, (a) =>
        applyOrder(a, event.order, event.receivedAt, state.contracts, effects),
      );
    case 'position':
      return withAccount(state, event.position.accountId, effects, (a) =>
        applyPosition(a, event.position, event.receivedAt, state.contracts, effects),
      );
    case 'trade': {
      const trade = event.trade;
      const existing = state.accounts[trade.accountId];
      const today = existing?.tradingDay ?? state.tradingDay ?? day;
      if (day < today) {
        effects.push({
          kind: 'ignored',
          reason: 'previous-day',
          entity: 'trade',
          accountId: trade.accountId,
          id: trade.id,
        });
        return state;
      }
      return withAccount(state, trade.accountId, effects, (a) => applyTrade(a, trade, effects));
    }
    case 'quote':
      return applyQuote(state, event.contractId, event.quote, event.receivedAt);
    case 'contract': {
      const old = state.contracts[event.contract.id];
      if (old && shallowEqual(old, event.contract)) return state;
      return { ...state, contracts: { ...state.contracts, [event.contract.id]: event.contract } };
    }
    case 'health':
      return sameHealth(state.health, event.health) ? state : { ...state, health: event.health };
    case 'tick':
      return state;
  }
}

function applyAccount(state: GuardState, account: Account, effects: StateEffect[]): GuardState {
  const current = state.accounts[account.id];
  if (current) {
    if (!current.placeholder && shallowEqual(current.account, account)) return state;
    const { placeholder: _, ...rest } = current;
    effects.push({ kind: 'account-changed', accountId: account.id });
    return { ...state, accounts: { ...state.accounts, [account.id]: { ...rest, account } } };
  }
  effects.push({ kind: 'account-added', accountId: account.id, placeholder: false });
  const fresh = createAccountState(account, state.tradingDay ?? '');
  return { ...state, accounts: { ...state.accounts, [account.id]: fresh } };
}

function withAccount(
  state: GuardState,
  accountId: number,
  effects: StateEffect[],
  apply: (account: ReturnType<typeof createAccountState>) => ReturnType<typeof createAccountState> | undefined,
): GuardState {
  let account = state.accounts[accountId];
  let added = false;
  if (!account) {
    const placeholder: Account = { id: accountId, name: `#${accountId}`, balance: 0, canTrade: true, isVisible: true };
    account = createAccountState(placeholder, state.tradingDay ?? '', true);
    added = true;
  }
  const next = apply(account);
  if (!next && !added) return state;
  if (added) effects.unshift({ kind: 'account-added', accountId, placeholder: true });
  return { ...state, accounts: { ...state.accounts, [accountId]: next ?? account } };
}

/** Last traded price, else the mid of best bid/ask; a quote with neither changes nothing. */
function applyQuote(state: GuardState, contractId: string, quote: Quote, receivedAt: number): GuardState {
  let price: number | undefined;
  if (typeof quote.lastPrice === 'number') price = quote.lastPrice;
  else if (typeof quote.bestBid === 'number' && typeof quote.bestAsk === 'number') {
    price = (quote.bestBid + quote.bestAsk) / 2;
  }
  if (price === undefined || !Number.isFinite(price)) return state;
  const at = serverTime(quote.timestamp ?? quote.lastUpdated, receivedAt) ?? receivedAt;
  const old = state.prices[contractId];
  if (old && (at < old.at || (at === old.at && old.price === price))) return state;
  const next: MarketPrice = { contractId, price, at };
  return { ...state, prices: { ...state.prices, [contractId]: next } };
}

function sameHealth(a: GuardHealth, b: GuardHealth): boolean {
  return (
    a.token === b.token &&
    a.blindSince === b.blindSince &&
    shallowEqual(a.user, b.user) &&
    shallowEqual(a.market, b.market)
  );
}
