import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../../src/core/gateway/enums';
import type { Account, Contract, Order, Position, Trade } from '../../../../src/core/gateway/schemas';
import { createEmptyGuardState, type GuardState } from '../../../../src/core/state/account-state';
import type { DomainEvent } from '../../../../src/core/state/events';
import { type ReduceResult, reduce } from '../../../../src/core/state/reducer';
import { createTradingDayClock } from '../../../../src/core/state/trading-day';

/** Shared builders for state tests: one account (7), MNQ and ES, times in UTC. */
export const T0 = Date.parse('2026-11-25T15:00:00Z'); // Wed 09:00 CST
export const MNQ = 'CON.F.US.MNQ.Z26';
export const ES = 'CON.F.US.EP.Z26';
export const mnq: Contract = { id: MNQ, name: 'MNQZ6', tickSize: 0.25, tickValue: 0.5, activeContract: true };
export const es: Contract = { id: ES, name: 'ESZ6', tickSize: 0.25, tickValue: 12.5, activeContract: true };
export const iso = (ms: number) => new Date(ms).toISOString();
export const ctx = { tradingDay: createTradingDayClock() };

export function account(id = 7, over: Partial<Account> = {}): Account {
  return { id, name: `ACC-${id}`, balance: 50_000, canTrade: true, isVisible: true, ...over };
}

export function position(over: Partial<Position> = {}): Position {
  return {
    id: 100,
    accountId: 7,
    contractId: MNQ,
    creationTimestamp: iso(T0),
    type: PositionType.Long,
    size: 1,
    averagePrice: 21_000,
    ...over,
  };
}

export function order(over: Partial<Order> = {}): Order {
  return {
    id: 500,
    accountId: 7,
    contractId: MNQ,
    creationTimestamp: iso(T0),
    updateTimestamp: iso(T0),
    status: OrderStatus.Open,
    type: OrderType.Stop,
    side: OrderSide.Ask,
    size: 1,
    stopPrice: 20_950,
    ...over,
  };
}

export function trade(over: Partial<Trade> = {}): Trade {
  return {
    id: 900,
    accountId: 7,
    contractId: MNQ,
    creationTimestamp: iso(T0),
    price: 21_000,
    profitAndLoss: null,
    fees: 0.37,
    side: OrderSide.Bid,
    size: 1,
    voided: false,
    orderId: 500,
    ...over,
  };
}

type Ev<K extends DomainEvent['kind']> = Extract<DomainEvent, { kind: K }>;
export const ev = {
  account: (a: Account, at = T0): Ev<'account'> => ({ kind: 'account', source: 'hub', receivedAt: at, account: a }),
  order: (o: Order, at = T0): Ev<'order'> => ({ kind: 'order', source: 'hub', receivedAt: at, order: o }),
  position: (p: Position, at = T0): Ev<'position'> => ({
    kind: 'position',
    source: 'hub',
    receivedAt: at,
    position: p,
  }),
  trade: (t: Trade, at = T0): Ev<'trade'> => ({ kind: 'trade', source: 'hub', receivedAt: at, trade: t }),
  quote: (contractId: string, q: Ev<'quote'>['quote'], at = T0): Ev<'quote'> => ({
    kind: 'quote',
    source: 'hub',
    receivedAt: at,
    contractId,
    quote: q,
  }),
  contract: (c: Contract, at = T0): Ev<'contract'> => ({
    kind: 'contract',
    source: 'reconcile',
    receivedAt: at,
    contract: c,
  }),
  tick: (at: number): Ev<'tick'> => ({ kind: 'tick', source: 'timer', receivedAt: at }),
};

/** Folds events over a state, returning the last result and every effect on the way. */
export function run(events: DomainEvent[], start: GuardState = createEmptyGuardState(T0)) {
  let state = start;
  let last: ReduceResult = { state, changed: false, effects: [] };
  const effects: ReduceResult['effects'][number][] = [];
  for (const e of events) {
    last = reduce(state, e, ctx);
    state = last.state;
    effects.push(...last.effects);
  }
  return { state, last, effects };
}
