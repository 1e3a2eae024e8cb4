import type { AccountState, GuardState } from '../state/account-state';
import type { DomainEvent, DomainEventKind, GuardHealth } from '../state/events';
import type { BaseSettings, RuleEntry } from './catalog/rule-entry';
import type { Decision, Figures } from './decision';
import type { RuleMemory } from './rule-memory';

/**
 * The shape every rule has, and the context the engine hands it. A rule is a plain object in
 * two parts: its catalog entry (catalog/rule-entry.ts: name, settings schema, how settings
 * compare, its summary; all the options page needs) and its evaluation (evaluation/): which
 * event kinds it listens to and a pure `evaluate` that reads state and its memory.
 */

export type ActiveMode = 'monitor' | 'enforce';

/** The trading day the evaluation belongs to (computed by the state's trading-day clock). */
export interface TradingDayInfo {
  /** e.g. '2026-11-25' for the day that ends at the 17:00 CT reset on the 25th. */
  key: string;
  /** Epoch ms of the reset that started it. */
  start: number;
  /** Epoch ms of the next reset. */
  nextReset: number;
}

/** Config facts that are not one rule's. */
export interface GlobalOptions {
  countFees: boolean;
  /** Trades' `commissions` count against realized P&L; absent = counted (the protective side). */
  countCommissions?: boolean;
  failClosed: boolean;
  blindGraceSec: number;
}

export interface RuleContext<S> {
  accountId: number;
  account: AccountState;
  market: Pick<GuardState, 'contracts' | 'prices'>;
  settings: S;
  mode: ActiveMode;
  now: number;
  event: DomainEvent;
  tradingDay: TradingDayInfo;
  health: GuardHealth;
  options: GlobalOptions;
  /** Read view of the account's memory (what it was before this rule wrote). */
  readonly memory: Readonly<RuleMemory>;
  /** The writable draft of the account's memory (copied on first call). */
  write(): RuleMemory;
  /** Record a figure for the views without deciding anything (e.g. "unrealized: unknown"). */
  note(ruleId: string, figures: Figures): void;
  /** The account's total unrealized P&L, computed once per account per event and shared by rules. */
  unrealized(): UnrealizedSummary;
}

export interface UnrealizedSummary {
  /** Σ unrealized P&L of the positions whose P&L is known. */
  knownTotal: number;
  /** A contract whose unrealized P&L is unknown (no quote / no tick value), or null: then the total is known. */
  unknownContractId: string | null;
  /**
   * When computed with a `focus` contract (the engine passes a quote's contract): that
   * position's unrealized P&L, null when unknown or when the account has no such position.
   * Undefined when no focus was asked for. Lets per-position checks on a quote reuse the sum's
   * work instead of looking the position, contract and price up again (same arithmetic).
   */
  focusValue?: number | null;
}

/** What a rule sees outside an event (its next deadline, its meter): no event, no writes. */
export type ReadContext<S> = Omit<RuleContext<S>, 'event' | 'write' | 'note' | 'unrealized'>;

/**
 * What a rule shows in the popup: the figure it judges against the limit it judges it by,
 * read by the same functions its `evaluate` uses, so the meter and the rule cannot disagree.
 */
export interface RuleMeter {
  /** In the trader's words: "Orders in the last minute". */
  name: string;
  /** null: the rule cannot judge it now (no quote yet, another day's figures, a close half-arrived); views say unknown, never 0. */
  value: number | null;
  limit: number;
  unit: string;
  /** A "more than N" limit (contracts, orders): at N the next one breaches; only past N is a breach. */
  moreThan?: boolean;
}

export interface Rule<S extends BaseSettings = BaseSettings> extends RuleEntry<S> {
  listensTo: readonly DomainEventKind[];
  evaluate(ctx: RuleContext<S>): Decision[];
  /** Epoch ms at which this rule needs a 'tick' even if nothing happens, or null. */
  nextDeadline?(ctx: ReadContext<S>): number | null;
  /** Its figure against its limit for the popup, or null when it has none to show (engine/rule-meters.ts). */
  meter?(ctx: ReadContext<S>): RuleMeter | null;
  /**
   * Latch key prefixes that record an observation rather than a decision: kept when the
   * settings change (every other latch and warning of the rule is forgotten: engine/rule-judgement.ts).
   */
  keepOnChange?: readonly string[];
}
