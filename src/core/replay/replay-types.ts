import type { Account, Bar, Contract, Trade } from '../gateway/schemas';

/**
 * What the replay takes in (the trader's own history, as the gateway gives it) and what it
 * gives back (one row per account and trading day, the rules that fired, totals). Plain data:
 * the result crosses to the options page as it is (src/messaging/replay.ts restates it as a
 * zod schema and checks at compile time that the two agree).
 */

export interface HistoryAccount {
  /** The account as it is now (its balance is today's). */
  account: Account;
  /** Trade/search over the range, any order; voided trades included (they count for nothing). */
  trades: Trade[];
}

export interface ReplayHistory {
  accounts: HistoryAccount[];
  /** Tick size and value of every traded contract that could be looked up. */
  contracts: Contract[];
  /** Minute bars by contract id (any order), or null when none were loaded. */
  bars: Record<string, Bar[]> | null;
}

/** The trading days replayed: [start, end) in epoch ms, and their keys in order. */
export interface ReplayRange {
  start: number;
  end: number;
  days: string[];
}

export type RangeSpec = { kind: 'last'; tradingDays: number } | { kind: 'dates'; from: string; to: string };

/** Rules in monitor mode: act as if enforcing (the question "what would it have done"), or only record. */
export type MonitorAs = 'enforce' | 'record';

export type RuleReplayStatus = 'replayable' | 'approximate' | 'not-replayable';

export interface RuleReplayability {
  ruleId: string;
  name: string;
  status: RuleReplayStatus;
  /** Why it is approximate or not replayable; for replayable rules what is replayed. */
  reason: string;
}

export interface FiredRule {
  at: number;
  accountId: number;
  ruleId: string;
  /** The enforcement action (flatten, reduce-total, close-position, …). */
  action: string;
  reason: string;
  lockout: { kind: 'lockout' | 'cooldown'; until: number | null } | null;
  /** Recorded only: the rule is in monitor mode and the replay was asked to only record those. */
  monitorOnly: boolean;
}

/**
 * Where a close the guard would have made was priced:
 * - `breach-price`: the price of the fill or bar quote that triggered it (same contract);
 * - `next-bar-open`: the open of the first minute bar at or after the decision (timer
 *   decisions and other contracts than the one that breached);
 * - `last-price`: no bar at hand: the last price seen (a fill or a bar quote). Approximate.
 */
export type CloseBasis = 'breach-price' | 'next-bar-open' | 'last-price';

export interface GuardClose {
  at: number;
  accountId: number;
  contractId: string;
  size: number;
  price: number;
  basis: CloseBasis;
  /** Realized P&L of the close, net of its estimated costs (those the config counts). */
  pnl: number;
  ruleId: string;
}

export interface ReplayDay {
  day: string;
  accountId: number;
  /** Net of the costs the config counts (fees and commissions by default), as it happened. */
  actualPnl: number;
  /** The same, had the rules acted. */
  replayedPnl: number;
  fills: number;
  /** Fills (or parts of fills) the rules would have prevented. */
  removedFills: number;
  fired: FiredRule[];
  closes: GuardClose[];
  /** An account lockout or a cooldown acted this day. */
  locked: boolean;
  cooldown: boolean;
  /** Why this day's replayed figure is an estimate (empty when exact). */
  approximate: string[];
}

export interface DayFigure {
  day: string;
  pnl: number;
}

export interface CountAndSum {
  days: number;
  sum: number;
}

export interface ReplayTotals {
  tradingDays: number;
  tradedDays: number;
  actualPnl: number;
  replayedPnl: number;
  /** replayed − actual: positive means the rules would have saved money. */
  difference: number;
  daysLocked: number;
  daysWithCooldown: number;
  worstDayActual: DayFigure | null;
  worstDayReplayed: DayFigure | null;
  /** Largest peak-to-trough fall of realized P&L, fill by fill (a positive amount). */
  maxDrawdownActual: number;
  maxDrawdownReplayed: number;
  /** Days the rules would have ended better / worse, with the summed difference. */
  daysBetter: CountAndSum;
  daysWorse: CountAndSum;
  /** Of the worse days: profitable days the rules would have cut short. */
  profitableDaysCut: CountAndSum;
  fills: number;
  removedFills: number;
  guardCloses: number;
}

export interface EquityPoint {
  day: string;
  actual: number;
  replayed: number;
}

export interface ReplayResult {
  range: ReplayRange;
  /** The trading-day clock's zone (times in the result are epoch ms; show them in this zone). */
  timeZone: string;
  monitorAs: MonitorAs;
  barsUsed: boolean;
  /** The costs every P&L figure is net of: the config's `countFees` and `countCommissions`, as live. */
  costs: { fees: boolean; commissions: boolean };
  accounts: Array<{ id: number; name: string; fills: number }>;
  rules: RuleReplayability[];
  days: ReplayDay[];
  totals: ReplayTotals;
  equity: EquityPoint[];
  /** What the trader should know about the whole replay (voided trades, positions carried in, …). */
  notes: string[];
}
