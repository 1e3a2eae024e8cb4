import type { GatewayReads, OrderActions } from '../gateway/api';
import type { Journal } from '../journal/journal';
import type { LockoutBook } from '../lockouts/lockout-book';
import type { Clock, Timers } from '../ports';
import type { Decision } from '../rules/decision';
import type { PositionLot } from '../state/position-lots';
import type { DurableStore } from '../storage/durable-store';
import type { Exposure } from './desired-state';
import type { EnforcementStatus } from './enforcement-status';
import type { Sighting } from './fast-path';

/** The enforcer's public surface and its options (implementation: enforcer.ts). */
export interface Enforcer {
  /**
   * Acts on the decision: with a fresh `sighting` (the guard's picture right after the
   * triggering event) and no loop running yet, the steps that cannot overshoot are sent at
   * once (fast-path.ts); the lockout, the desired state and the journal entry are written
   * alongside, and the account's loop starts (or the decision joins the running one). Resolves
   * once those writes are done (or failed).
   */
  submit(decision: Decision, trigger?: string, sighting?: Sighting): Promise<void>;
  /**
   * Re-checks an account against its lockouts (and any unfinished desired state). With
   * `respectBackoff` (periodic re-checks) an enforcement whose actions the gateway refused
   * waits for its retry timer instead of trying again at once; other kicks do not wait. With
   * a fresh `sighting` (the trader opened something during a lockout) and no loop running,
   * what it shows is closed and cancelled at once, as for a decision.
   */
  kick(accountId: number, trigger: string, options?: { respectBackoff?: boolean; sighting?: Sighting }): void;
  /**
   * At the trading-day reset: unfinished enforcements begun before `dayStart` are narrowed to
   * what `exposure` says was open at the reset and started again at once (day-rollover.ts).
   * Returns the accounts rolled over.
   */
  rollover(dayStart: number, exposure: (accountId: number) => Exposure): Promise<number[]>;
  /** Loads unfinished enforcements from the store and resumes them (call on worker start, after lockouts.load()). */
  resume(): Promise<number[]>;
  status(accountId: number): EnforcementStatus;
  onStatus(listener: (accountId: number, status: EnforcementStatus) => void): () => void;
  /** Resolves when no loop runs for the account (or for any account). */
  whenIdle(accountId?: number): Promise<void>;
  dispose(): void;
}

export interface EnforcerOptions {
  actions: OrderActions;
  reads: GatewayReads;
  lockouts: LockoutBook;
  journal: Journal;
  clock: Clock;
  timers: Timers;
  /** Persists unfinished enforcements ('intents' store); without it a restart forgets them (lockouts still hold). */
  store?: DurableStore;
  maxRounds?: number;
  /** Wait after acting before re-reading, so REST shows what the actions did. */
  settleMs?: number;
  readAttempts?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** First delay before a failed enforcement is tried again; doubles up to `maxRetryDelayMs`. */
  retryFailedAfterMs?: number;
  /** Default 5 minutes. */
  maxRetryDelayMs?: number;
  /**
   * An unfinished enforcement found on wake that is older than this is dropped (journaled),
   * not carried out: the rules decide again from fresh state, and lockouts (stored apart)
   * still hold. One on an account that is still locked is kept. Default 30 minutes.
   */
  resumeMaxAgeMs?: number;
  /** How old a triggering position update may be for a reduction sized from it (fast-path.ts; default 250 ms). */
  freshMs?: number;
  /** AccountState.positionOpenedAt, for "newest exposure first". */
  openedAt?: (accountId: number, contractId: string) => number | undefined;
  /** AccountState.positionLots: "newest exposure first" cuts the contracts added last. */
  lots?: (accountId: number, contractId: string) => readonly PositionLot[] | undefined;
}
