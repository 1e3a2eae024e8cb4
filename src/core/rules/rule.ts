import type { z } from 'zod';
import { PositionType } from '../gateway/enums';
import type { AccountState, GuardState } from '../state/account-state';
import type { DomainEvent, DomainEventKind, GuardHealth } from '../state/events';
import type { SummaryContext } from './catalog/summary-words';
import type { Comparison, SettingChange } from './catalog/tightness';
import type { Decision, EnforcementAction, Figures, LockoutSpec } from './decision';
import type { RuleMemory } from './rule-memory';

/**
 * The shape every rule has, and the context the engine hands it. A rule is a plain object:
 * metadata next to its settings schema, how its settings compare (commitment lock), which
 * event kinds it listens to, and a pure `evaluate` that reads state and its memory.
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

/**
 * Σ unrealized over an account's positions; what ctx.unrealized() returns. This runs once per
 * account per quote for every account holding the quoted contract, so it is written out by
 * hand: the market records hoisted, positionUnrealizedPnl inlined with the same arithmetic in
 * the same order (identical floats), no call per position.
 */
export function computeUnrealized(
  account: AccountState,
  market: Pick<GuardState, 'contracts' | 'prices'>,
  into: UnrealizedSummary,
  focus?: string,
): UnrealizedSummary {
  let total = 0;
  let unknown: string | null = null;
  let focusValue: number | null = null;
  const positions = account.positions;
  const contracts = market.contracts;
  const prices = market.prices;
  for (const contractId in positions) {
    const p = positions[contractId];
    if (!p) continue;
    const contract = contracts[contractId];
    const price = prices[contractId];
    if (!contract || !price) {
      unknown = contractId;
      continue;
    }
    const size = p.type === PositionType.Short ? -Math.abs(p.size) : Math.abs(p.size);
    const u = ((price.price - p.averagePrice) / contract.tickSize) * contract.tickValue * size;
    if (contractId === focus) focusValue = u;
    total += u;
  }
  into.knownTotal = total;
  into.unknownContractId = unknown;
  into.focusValue = focus === undefined ? undefined : focusValue;
  return into;
}

/** What nextDeadline sees: no event, no writes. */
export type DeadlineContext<S> = Omit<RuleContext<S>, 'event' | 'write' | 'note' | 'unrealized'>;

export interface BaseSettings {
  mode: 'off' | 'monitor' | 'enforce';
  warnAt: number[];
}

export interface Rule<S extends BaseSettings = BaseSettings> {
  /** Also the key of the rule's block in the config (`defaultProfile.rules.<id>`). */
  id: string;
  name: string;
  description: string;
  unit?: string;
  settingsSchema: z.ZodType<S>;
  /** Commitment lock: what of `next` applies now (`value`) and what waits (changes of kind 'loosen'). */
  merge(old: S, next: S, path: string): { value: S; changes: SettingChange[] };
  listensTo: readonly DomainEventKind[];
  compare(old: S, next: S): Comparison;
  evaluate(ctx: RuleContext<S>): Decision[];
  /**
   * One sentence of what the rule does with these settings, in the trader's words ("Flatten
   * and lock until 17:00 CT when today's loss reaches $500"). Optional: the options page
   * builds a plain one from the labelled fields of a rule without it.
   */
  summary?(settings: S, ctx: SummaryContext): string;
  /** Epoch ms at which this rule needs a 'tick' even if nothing happens, or null. */
  nextDeadline?(ctx: DeadlineContext<S>): number | null;
  /**
   * Latch key prefixes that record an observation rather than a decision: kept when the
   * settings change (every other latch and warning of the rule is forgotten: engine/rule-judgement.ts).
   */
  keepOnChange?: readonly string[];
}

// ---- helpers rules share ---------------------------------------------------------------

export function enforcement(
  ctx: RuleContext<unknown>,
  ruleId: string,
  action: EnforcementAction,
  reason: string,
  figures: Figures,
  lockout?: LockoutSpec,
): Decision {
  const d: Decision = {
    kind: 'enforce',
    ruleId,
    accountId: ctx.accountId,
    action,
    reason,
    figures,
    monitorOnly: ctx.mode === 'monitor',
  };
  if (lockout) d.lockout = lockout;
  return d;
}

/**
 * The configured warning level `value / limit` crossed and not yet warned about today under
 * `key` (rule id, or `ruleId:scope`), or 0. Only the highest newly crossed level counts; at or
 * past the limit it is a breach, not a warning — except for a "more than N" limit
 * (`moreThan`: open contracts, orders in a window), where sitting exactly AT the limit is the
 * last step before the breach and warns at the highest level. Allocation-free: call it on hot
 * paths first.
 */
export function crossedLevel(
  ctx: RuleContext<BaseSettings>,
  key: string,
  value: number,
  limit: number,
  moreThan = false,
): number {
  if (!(limit > 0) || !(value > 0)) return 0;
  const fraction = value / limit;
  if (fraction > 1 || (fraction === 1 && !moreThan)) return 0;
  let level = 0;
  const levels = ctx.settings.warnAt;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i] as number;
    if (fraction >= l && l > level) level = l;
  }
  if (level === 0 || (ctx.memory.warned[key] ?? 0) >= level) return 0;
  return level;
}

/** Records the level as warned today and builds the warning. */
export function warning(
  ctx: RuleContext<BaseSettings>,
  ruleId: string,
  key: string,
  level: number,
  fraction: number,
  message: string,
  figures: Figures,
): Decision {
  ctx.write().warned[key] = level;
  return {
    kind: 'warning',
    ruleId,
    accountId: ctx.accountId,
    fraction: Math.round(fraction * 10_000) / 10_000,
    level,
    message,
    figures,
  };
}

/** crossedLevel + warning, for paths where building the message up front is cheap enough. */
export function warnIfCrossed(
  ctx: RuleContext<BaseSettings>,
  ruleId: string,
  scope: string,
  value: number,
  limit: number,
  message: string,
  figures: Figures,
  /** A "more than N" limit: at exactly N the next one breaches (see crossedLevel). */
  moreThan = false,
): Decision | null {
  const key = scope ? `${ruleId}:${scope}` : ruleId;
  const level = crossedLevel(ctx, key, value, limit, moreThan);
  if (level === 0) return null;
  const text = moreThan && value >= limit ? `${message}: the next one breaches the limit` : message;
  return warning(ctx, ruleId, key, level, value / limit, text, figures);
}

/** The empty result, shared: rules return it instead of allocating `[]` on hot paths. */
export const NO_DECISIONS: Decision[] = [];

/** True (and latched) when the decision keyed `key` with signature `sig` was not taken yet. */
export function takeOnce(ctx: RuleContext<unknown>, key: string, sig: string, until: number): boolean {
  const l = ctx.memory.latches[key];
  if (l && l.sig === sig && (l.until === 0 || l.until > ctx.now)) return false;
  ctx.write().latches[key] = { sig, until };
  return true;
}

export function isTaken(ctx: RuleContext<unknown>, key: string): boolean {
  const l = ctx.memory.latches[key];
  return l !== undefined && (l.until === 0 || l.until > ctx.now);
}

export function release(ctx: RuleContext<unknown>, key: string): void {
  if (ctx.memory.latches[key]) delete ctx.write().latches[key];
}

/** Drop latches `prefix<contractId>` of contracts that no longer have a position. */
export function releaseClosedPositions(ctx: RuleContext<unknown>, prefix: string): void {
  for (const key of Object.keys(ctx.memory.latches)) {
    if (key.startsWith(prefix) && !ctx.account.positions[key.slice(prefix.length)]) release(ctx, key);
  }
}

/**
 * The account's balance, or null while it is not known: an account first seen through a fill
 * or an order (before its own record arrives) is a placeholder whose balance reads 0. Unknown
 * is not 0: a rule that needs the balance waits and notes it (`{ balance: 'unknown' }`).
 */
export function knownBalance(account: AccountState): number | null {
  return account.placeholder ? null : account.account.balance;
}

export function money(n: number): number {
  return Math.round(n * 100) / 100;
}
