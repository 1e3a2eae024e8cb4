import { OrderSide, OrderStatus, OrderType, PositionType } from '../../../../src/core/gateway/enums';
import type { Contract, Order, Position, Trade } from '../../../../src/core/gateway/schemas';
import type { BaseSettings } from '../../../../src/core/rules/catalog/rule-entry';
import type { Decision, EnforcementDecision } from '../../../../src/core/rules/decision';
import { computeUnrealized } from '../../../../src/core/rules/measures/unrealized';
import type { GlobalOptions, Rule, RuleContext, TradingDayInfo } from '../../../../src/core/rules/rule';
import { copyRuleMemory, emptyRuleMemory, type RuleMemory } from '../../../../src/core/rules/rule-memory';
import type { AccountState, GuardState, MarketPrice } from '../../../../src/core/state/account-state';
import type { DomainEvent, GuardHealth } from '../../../../src/core/state/events';

/** Hand-built states for rule tests: the rules only read state, so no reducer is needed. */

export const ACCOUNT = 7;
/** 09:00 Chicago (CST, UTC−6) on Wednesday 2026-11-25. */
export const NOW = Date.parse('2026-11-25T15:00:00Z');
export const DAY: TradingDayInfo = {
  key: '2026-11-25',
  start: Date.parse('2026-11-24T23:00:00Z'),
  nextReset: Date.parse('2026-11-25T23:00:00Z'),
};

export const MNQ = 'CON.F.US.MNQ.Z26';
export const MES = 'CON.F.US.MES.Z26';
export const ES = 'CON.F.US.EP.Z26';
export const NQ = 'CON.F.US.ENQ.Z26';
export const CL = 'CON.F.US.CLE.F27';

export const CONTRACTS: Record<string, Contract> = {
  [MNQ]: { id: MNQ, name: 'MNQZ6', tickSize: 0.25, tickValue: 0.5, activeContract: true },
  [MES]: { id: MES, name: 'MESZ6', tickSize: 0.25, tickValue: 1.25, activeContract: true },
  [ES]: { id: ES, name: 'ESZ6', tickSize: 0.25, tickValue: 12.5, activeContract: true },
  [NQ]: { id: NQ, name: 'NQZ6', tickSize: 0.25, tickValue: 5, activeContract: true },
  [CL]: { id: CL, name: 'CLF7', tickSize: 0.01, tickValue: 10, activeContract: true },
};

let nextId = 1000;

export function position(
  contractId: string,
  signedSize: number,
  averagePrice: number,
  extra: Partial<Position> = {},
): Position {
  return {
    id: nextId++,
    accountId: ACCOUNT,
    contractId,
    creationTimestamp: '2026-11-25T14:00:00Z',
    type: signedSize < 0 ? PositionType.Short : PositionType.Long,
    size: Math.abs(signedSize),
    averagePrice,
    ...extra,
  };
}

export function order(contractId: string, extra: Partial<Order> = {}): Order {
  return {
    id: nextId++,
    accountId: ACCOUNT,
    contractId,
    creationTimestamp: '2026-11-25T14:00:00Z',
    status: OrderStatus.Open,
    type: OrderType.Limit,
    side: OrderSide.Bid,
    size: 1,
    ...extra,
  };
}

export function stopFor(p: Position, stopPrice: number, extra: Partial<Order> = {}): Order {
  return order(p.contractId, {
    type: OrderType.Stop,
    side: p.type === PositionType.Short ? OrderSide.Bid : OrderSide.Ask,
    size: p.size,
    stopPrice,
    ...extra,
  });
}

export function trade(extra: Partial<Trade> & { orderId: number }): Trade {
  return {
    id: nextId++,
    accountId: ACCOUNT,
    contractId: MNQ,
    creationTimestamp: new Date(NOW - 1000).toISOString(),
    price: 100,
    profitAndLoss: null,
    fees: 0,
    side: OrderSide.Ask,
    size: 1,
    voided: false,
    ...extra,
  };
}

export interface AccountSpec {
  id?: number;
  positions?: Position[];
  orders?: Order[];
  trades?: Trade[];
  canTrade?: boolean;
  tradingDay?: string;
  openedAt?: Record<string, number>;
}

export function accountState(spec: AccountSpec = {}): AccountState {
  const id = spec.id ?? ACCOUNT;
  const trades = spec.trades ?? [];
  let gross = 0;
  let fees = 0;
  for (const t of trades) {
    if (t.voided) continue;
    gross += t.profitAndLoss ?? 0;
    fees += t.fees ?? 0;
  }
  return {
    account: { id, name: `A${id}`, balance: 50_000, canTrade: spec.canTrade ?? true, isVisible: true },
    positions: Object.fromEntries((spec.positions ?? []).map((p) => [p.contractId, { ...p, accountId: id }])),
    orders: Object.fromEntries((spec.orders ?? []).map((o) => [String(o.id), { ...o, accountId: id }])),
    trades: Object.fromEntries(trades.map((t) => [String(t.id), { ...t, accountId: id }])),
    tradingDay: spec.tradingDay ?? DAY.key,
    grossRealizedPnl: gross,
    fees,
    positionOpenedAt: spec.openedAt ?? {},
    versions: {},
  };
}

export function health(blindSince: number | null = null): GuardHealth {
  const hub = { status: 'connected' as const, since: 0, lastMessageAt: NOW, stale: false };
  return { user: hub, market: hub, token: 'valid', blindSince };
}

export function prices(p: Record<string, number>): Record<string, MarketPrice> {
  return Object.fromEntries(
    Object.entries(p).map(([contractId, price]) => [contractId, { contractId, price, at: NOW }]),
  );
}

export function guardState(
  accounts: AccountState[],
  priceMap: Record<string, number> = {},
  blindSince: number | null = null,
): GuardState {
  return {
    accounts: Object.fromEntries(accounts.map((a) => [String(a.account.id), a])),
    contracts: CONTRACTS,
    prices: prices(priceMap),
    health: health(blindSince),
  };
}

export const tick = (at = NOW): DomainEvent => ({ kind: 'tick', source: 'timer', receivedAt: at });
export const positionEvent = (p: Position): DomainEvent => ({
  kind: 'position',
  source: 'hub',
  receivedAt: NOW,
  position: p,
});
export const tradeEvent = (t: Trade): DomainEvent => ({ kind: 'trade', source: 'hub', receivedAt: NOW, trade: t });
export const orderEvent = (o: Order): DomainEvent => ({ kind: 'order', source: 'hub', receivedAt: NOW, order: o });
export const quoteEvent = (contractId: string, lastPrice = 0): DomainEvent => ({
  kind: 'quote',
  source: 'hub',
  receivedAt: NOW,
  contractId,
  quote: { lastPrice },
});

export const OPTIONS: GlobalOptions = { countFees: true, failClosed: true, blindGraceSec: 30 };

export interface RunSpec<S> {
  account?: AccountState;
  settings?: Partial<S>;
  mode?: 'monitor' | 'enforce';
  now?: number;
  event?: DomainEvent;
  prices?: Record<string, number>;
  memory?: RuleMemory;
  blindSince?: number | null;
  options?: Partial<GlobalOptions>;
  tradingDay?: TradingDayInfo;
}

export interface RunResult {
  decisions: Decision[];
  memory: RuleMemory;
  notes: { ruleId: string; figures: Record<string, unknown> }[];
}

/** Runs one rule once, the way the engine would, with settings parsed through its schema. */
export function runRule<S extends BaseSettings>(rule: Rule<S>, spec: RunSpec<S> = {}): RunResult {
  const settings = rule.settingsSchema.parse({ ...spec.settings, mode: spec.mode ?? 'enforce' });
  const account = spec.account ?? accountState();
  const base = spec.memory ?? emptyRuleMemory(DAY.key);
  let draft: RuleMemory | null = null;
  const notes: RunResult['notes'] = [];
  const market = { contracts: CONTRACTS, prices: prices(spec.prices ?? {}) };
  const ctx: RuleContext<S> & { memory: RuleMemory } = {
    accountId: account.account.id,
    account,
    market,
    settings,
    mode: spec.mode ?? 'enforce',
    now: spec.now ?? NOW,
    event: spec.event ?? tick(spec.now ?? NOW),
    tradingDay: spec.tradingDay ?? DAY,
    health: health(spec.blindSince ?? null),
    options: { ...OPTIONS, ...spec.options },
    memory: base,
    write() {
      if (!draft) {
        draft = copyRuleMemory(base);
        ctx.memory = draft;
      }
      return draft;
    },
    note(ruleId, figures) {
      notes.push({ ruleId, figures });
    },
    unrealized: () =>
      computeUnrealized(
        account,
        { contracts: CONTRACTS, prices: market.prices },
        { knownTotal: 0, unknownContractId: null },
      ),
  };
  const decisions = rule.evaluate(ctx);
  return { decisions, memory: draft ?? base, notes };
}

export function enforcements(ds: Decision[]): EnforcementDecision[] {
  return ds.filter((d): d is EnforcementDecision => d.kind === 'enforce');
}

export function warnings(ds: Decision[]) {
  return ds.filter((d) => d.kind === 'warning');
}

/** Just enough of a rule's context for the shared helpers: settings, memory, clock, writes. */
export function ctxWith(memory: RuleMemory = emptyRuleMemory('d'), warnAt = [0.5, 0.8, 0.95], now = NOW) {
  let draft: RuleMemory | null = null;
  const ctx = {
    accountId: 7,
    settings: { mode: 'enforce', warnAt } as BaseSettings,
    mode: 'enforce' as const,
    now,
    memory,
    write() {
      if (!draft) {
        draft = copyRuleMemory(memory);
        ctx.memory = draft;
      }
      return draft;
    },
  };
  return ctx as unknown as RuleContext<BaseSettings> & { memory: RuleMemory };
}
