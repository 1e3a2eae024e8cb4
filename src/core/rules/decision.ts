/**
 * What a rule returns and what the enforcer carries out. Rules only decide; the enforcer
 * drives the account towards the desired state the actions describe (level, not edge).
 */

export type RuleMode = 'off' | 'monitor' | 'enforce';

/** The end of a lockout: a time, the next trading-day reset, or a condition that must clear. */
export type LockoutEnd =
  | { type: 'at'; at: number }
  | { type: 'next-reset' }
  /** `tradingHours`: until the allowed trading window opens again; `at` is that opening when known. */
  | { type: 'next-window'; at?: number }
  | { type: 'condition'; condition: 'can-trade' | 'setting-changed' };

export interface LockoutSpec {
  /** `cooldown` is a lockout with a duration started by a behavioural rule. */
  kind: 'lockout' | 'cooldown';
  end: LockoutEnd;
  /** Whole account, or one symbol root (`symbolBlocks`). */
  scope: { type: 'account' } | { type: 'symbol'; root: string };
  /**
   * An account lockout that leaves the positions open at its start to the trader (TopstepX's
   * trade limits): contract id → the |size| that may stay open. Everything else is closed,
   * every order but those positions' exits cancelled. Absent: the account is kept flat.
   */
  keep?: Record<string, number>;
}

export type EnforcementAction =
  /** Cancel every working order, close every position; stay so while a lockout lasts. */
  | { type: 'flatten' }
  /** Close positions until open contracts ≤ max (newest exposure first, never reversing). */
  | { type: 'reduce-total'; maxContracts: number; counting: 'contracts' | 'mini' }
  /** Reduce one position to |size| ≤ maxSize (0 closes it). */
  | { type: 'reduce-position'; contractId: string; maxSize: number }
  | { type: 'close-position'; contractId: string }
  | { type: 'cancel-order'; orderId: number }
  /** `tradeManagement`: make sure one protective stop sits at `stopPrice` or tighter; never loosen. */
  | { type: 'protect-stop'; contractId: string; stopPrice: number; size: number; side: 0 | 1 }
  /** No trading action (lockout-only or alert-only decisions). */
  | { type: 'none' };

export type Figures = Readonly<Record<string, number | string | boolean | null>>;

export interface WarningDecision {
  kind: 'warning';
  ruleId: string;
  accountId: number;
  /** value / limit, e.g. 0.82 */
  fraction: number;
  /** The configured warning level crossed, e.g. 0.8 */
  level: number;
  message: string;
  figures: Figures;
}

export interface EnforcementDecision {
  kind: 'enforce';
  ruleId: string;
  accountId: number;
  action: EnforcementAction;
  lockout?: LockoutSpec;
  reason: string;
  figures: Figures;
  /** Monitor mode: recorded and shown ("would have …"), never carried out. */
  monitorOnly: boolean;
}

export type Decision = WarningDecision | EnforcementDecision;
