import type { GatewayReads, OrderActions } from '../gateway/api';
import type { Clock, TimerHandle, Timers } from '../ports';
import type { Decision, EnforcementAction, EnforcementDecision } from '../rules/decision';
import type { Journal } from '../state/journal';
import type { DurableStore } from '../storage/durable-store';
import {
  type DesiredState,
  describeDesired,
  desiredFromAction,
  emptyDesired,
  isEmptyDesired,
  mergeDesired,
} from './desired-state';
import type { EnforcementStatus } from './enforcement-status';
import { describeStep, executeStep, type StepResult, stopIntentBase } from './execute-step';
import { desiredFromLockouts } from './lockout-guard';
import type { LockoutBook } from './lockouts';
import { deletePending, loadPending, savePending } from './pending-enforcements';
import { type PlanStep, planSteps } from './plan';
import { readAccount, sleep } from './read-account';

/**
 * The enforcer: one per profile, one convergence loop per account at a time.
 *
 *   submit(decision) ─▶ journal ─▶ lockout persisted (strict) ─▶ desired state persisted ─┐
 *   kick(account)  (lockout guard) ─────────────────────────────────────────────────────────┤
 *                                                                                          ▼
 *   ┌─▶ round: fold in newly arrived decisions ─▶ read REST ─▶ plan (desired − real) ─▶ empty? ─▶ converged
 *   │        │                                                                  │ no
 *   └────────┴──────── settle ◀── act (cancels, then closes, then stops) ◀──────┘
 *   after maxRounds, or when reads keep failing: failed (journal 'error', status for the UI),
 *   re-attempted after a growing delay, or at once on the next decision or kick.
 *
 * Level-triggered: each round plans from the REAL state, so a repeated decision, a decision
 * merged into a running enforcement, or a restart mid-way (same store) never repeats an action
 * that already took effect; ambiguous outcomes are resolved by the next read, never by retrying.
 */
export interface Enforcer {
  /** Journals the decision; persists its lockout and desired state; starts (or joins) the account's loop. */
  submit(decision: Decision, trigger?: string): Promise<void>;
  /** Re-checks an account against its lockouts (and any unfinished desired state). */
  kick(accountId: number, trigger: string): void;
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
  /** AccountState.positionOpenedAt, for "newest exposure first". */
  openedAt?: (accountId: number, contractId: string) => number | undefined;
}

interface Slot {
  accountId: number;
  pending: DesiredState | null;
  current: DesiredState | null;
  since: number;
  running: Promise<void> | null;
  retryTimer: TimerHandle | null;
  failures: number;
  status: EnforcementStatus;
  /** How often each stop intent was used in this slot's life (see intentKeyFor). */
  keyUses: Map<string, number>;
}

type Converge = { ok: true; actions: number; rounds: number } | { ok: false; reason: string; actions: number };

function describeAction(a: EnforcementAction): string {
  switch (a.type) {
    case 'flatten':
      return 'flatten the account';
    case 'reduce-total':
      return `reduce to ${a.maxContracts} ${a.counting === 'mini' ? 'mini-equivalents' : 'contracts'}`;
    case 'reduce-position':
      return `reduce ${a.contractId} to ${a.maxSize}`;
    case 'close-position':
      return `close ${a.contractId}`;
    case 'cancel-order':
      return `cancel order ${a.orderId}`;
    case 'protect-stop':
      return `put a stop on ${a.contractId} at ${a.stopPrice}`;
    case 'none':
      return 'take no trading action';
  }
}

export function createEnforcer(opts: EnforcerOptions): Enforcer {
  const { actions, reads, lockouts, journal, clock, timers, store } = opts;
  const maxRounds = opts.maxRounds ?? 5;
  const settleMs = opts.settleMs ?? 300;
  const readPolicy = {
    attempts: opts.readAttempts ?? 5,
    backoffMs: opts.backoffMs ?? 250,
    maxBackoffMs: opts.maxBackoffMs ?? 8_000,
  };
  const retryFailedAfterMs = opts.retryFailedAfterMs ?? 15_000;
  const maxRetryDelayMs = opts.maxRetryDelayMs ?? 5 * 60_000;
  const slots = new Map<number, Slot>();
  const listeners = new Set<(accountId: number, status: EnforcementStatus) => void>();
  let disposed = false;

  const slot = (accountId: number): Slot => {
    let s = slots.get(accountId);
    if (!s) {
      s = {
        accountId,
        pending: null,
        current: null,
        since: 0,
        running: null,
        retryTimer: null,
        failures: 0,
        status: { state: 'idle' },
        keyUses: new Map(),
      };
      slots.set(accountId, s);
    }
    return s;
  };
  const setStatus = (s: Slot, status: EnforcementStatus) => {
    s.status = status;
    for (const l of listeners) l(s.accountId, status);
  };
  const log = (kind: 'decision' | 'action' | 'enforcement' | 'error', accountId: number, message: string, data = {}) =>
    journal.append({ at: clock.now(), kind, accountId, message, data });

  const persist = async (s: Slot) => {
    if (!store) return;
    const desired = mergeDesired(s.current ?? emptyDesired(), s.pending ?? emptyDesired());
    try {
      if (isEmptyDesired(desired)) await deletePending(store, s.accountId);
      else await savePending(store, { type: 'enforcement', accountId: s.accountId, since: s.since, desired });
    } catch (error) {
      await log('error', s.accountId, 'Could not save the pending enforcement; enforcing anyway', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const converge = async (s: Slot): Promise<Converge> => {
    let acted = 0;
    // Contracts whose close/reduce said done, with the size they had: a read still showing that
    // size is probably stale, so they are left alone for one round rather than closed twice.
    let lastClosed = new Map<string, number>();
    const suspectedBefore = new Set<string>();
    for (let round = 1; ; round++) {
      if (disposed) return { ok: false, reason: 'enforcer stopped', actions: acted };
      if (s.pending) {
        s.current = mergeDesired(s.current ?? emptyDesired(), s.pending);
        s.pending = null;
        await persist(s);
      }
      const desired = mergeDesired(
        s.current ?? emptyDesired(),
        desiredFromLockouts(lockouts.active(s.accountId, clock.now())),
      );
      setStatus(s, { state: 'enforcing', since: s.since, what: describeDesired(desired), round });
      const read = await readAccount(reads, timers, s.accountId, readPolicy, () => disposed);
      if (!read.ok) return { ok: false, reason: read.reason, actions: acted };
      const suspect = new Set<string>();
      for (const [contractId, sizeBefore] of lastClosed) {
        const p = read.real.positions.find((x) => x.contractId === contractId);
        if (p && Math.abs(p.size) === sizeBefore && !suspectedBefore.has(contractId)) {
          suspect.add(contractId);
          suspectedBefore.add(contractId);
        }
      }
      const steps = planSteps(desired, read.real, {
        openedAt: opts.openedAt ? (c) => opts.openedAt?.(s.accountId, c) : undefined,
        suspect,
      });
      if (steps.length === 0 && suspect.size === 0 && !s.pending) return { ok: true, actions: acted, rounds: round };
      if (round > maxRounds) {
        return {
          ok: false,
          reason: `not converged after ${maxRounds} rounds; still to do: ${steps.map(describeStep).join('; ')}`,
          actions: acted,
        };
      }
      lastClosed = new Map();
      for (const step of steps) {
        if (disposed) return { ok: false, reason: 'enforcer stopped', actions: acted };
        const result = await executeStep(actions, s.accountId, step, intentKeyFor(s, step));
        acted += 1;
        await logStep(s.accountId, step, result, round);
        if (
          (step.type === 'close' || step.type === 'reduce') &&
          (result.status === 'done' || result.status === 'unknown')
        )
          lastClosed.set(step.contractId, step.openSize);
      }
      await sleep(timers, settleMs);
    }
  };

  /**
   * The order manager resolves one intent key exactly once and answers later calls with the
   * stored outcome. A stop placement's key is therefore stable across a restart (same
   * enforcement `since`: a resumed worker joins the first, possibly still pending, intent
   * instead of placing a second stop) but gets a new suffix when this run already used it
   * and the re-read shows the stop gone (the trader cancelled it): then a new stop is due.
   */
  const intentKeyFor = (s: Slot, step: PlanStep): string | undefined => {
    if (step.type !== 'place-stop') return undefined;
    const base = `${stopIntentBase(s.accountId, step)}:${s.since}`;
    const n = (s.keyUses.get(base) ?? 0) + 1;
    s.keyUses.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  };

  const logStep = (accountId: number, step: PlanStep, result: StepResult, round: number) => {
    const outcome =
      result.status === 'failed' || result.status === 'unknown'
        ? `${result.status}: ${result.error}`
        : `${result.status}${result.detail ? ` (${result.detail})` : ''}`;
    return log('action', accountId, `${describeStep(step)}: ${outcome}`, { step, result, round });
  };

  const scheduleRetry = (s: Slot): number => {
    const delay = Math.min(maxRetryDelayMs, retryFailedAfterMs * 2 ** Math.max(0, s.failures - 1));
    if (s.retryTimer !== null) timers.clearTimeout(s.retryTimer);
    s.retryTimer = timers.setTimeout(() => {
      s.retryTimer = null;
      start(s.accountId);
    }, delay);
    return clock.now() + delay;
  };

  const run = async (s: Slot) => {
    while (!disposed) {
      const result = await converge(s);
      if (disposed) return;
      if (result.ok) {
        const what = describeDesired(s.current ?? emptyDesired());
        s.current = null;
        s.failures = 0;
        await persist(s);
        await log('enforcement', s.accountId, `Converged: ${what}`, {
          actions: result.actions,
          rounds: result.rounds,
        });
        setStatus(s, { state: 'converged', at: clock.now(), what, actions: result.actions });
        if (!s.pending) return;
        s.since = clock.now();
        continue;
      }
      s.failures += 1;
      const what = describeDesired(s.current ?? emptyDesired());
      const nextAttemptAt = scheduleRetry(s);
      await log('error', s.accountId, `Enforcement FAILED (${what}): ${result.reason}`, {
        actions: result.actions,
        failures: s.failures,
        nextAttemptAt,
      });
      setStatus(s, { state: 'failed', since: s.since, what, reason: result.reason, nextAttemptAt });
      return;
    }
  };

  const start = (accountId: number) => {
    const s = slot(accountId);
    if (disposed || s.running) return;
    if (s.retryTimer !== null) {
      timers.clearTimeout(s.retryTimer);
      s.retryTimer = null;
    }
    if (s.status.state !== 'failed' && s.status.state !== 'enforcing') s.since = clock.now();
    const what = describeDesired(mergeDesired(s.current ?? emptyDesired(), s.pending ?? emptyDesired()));
    setStatus(s, {
      state: 'enforcing',
      since: s.since,
      what: s.pending || s.current ? what : 'lockout check',
      round: 0,
    });
    s.running = run(s)
      .catch((error: unknown) =>
        log('error', accountId, 'Enforcement crashed', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        s.running = null;
      })
      .then(() => undefined);
  };

  const submitEnforcement = async (d: EnforcementDecision, trigger: string | undefined) => {
    const what = describeAction(d.action);
    const base = { ruleId: d.ruleId, action: d.action, lockout: d.lockout ?? null, figures: d.figures, trigger };
    if (d.monitorOnly) {
      const lock = d.lockout ? ` and locked (${d.lockout.kind}, ${d.lockout.scope.type})` : '';
      await journal.append({
        at: clock.now(),
        kind: 'decision',
        accountId: d.accountId,
        ruleId: d.ruleId,
        message: `Monitor only: would have ${what}${lock}: ${d.reason}`,
        data: { ...base, monitorOnly: true },
      });
      return;
    }
    await journal.append({
      at: clock.now(),
      kind: 'decision',
      accountId: d.accountId,
      ruleId: d.ruleId,
      message: `${d.reason}: ${what}${d.lockout ? ` and ${d.lockout.kind}` : ''}`,
      data: { ...base, monitorOnly: false },
    });
    const accounts = new Set<number>([d.accountId]);
    if (d.lockout) {
      // Persisted (strict) before any action: a worker that dies right after still keeps it.
      const added = await lockouts.add({
        accountId: d.accountId,
        ruleId: d.ruleId,
        reason: d.reason,
        figures: d.figures,
        spec: d.lockout,
      });
      for (const l of added) accounts.add(l.accountId);
    }
    const s = slot(d.accountId);
    const desired = desiredFromAction(d.action, { ruleId: d.ruleId, action: d.action.type, reason: d.reason });
    if (!isEmptyDesired(desired)) {
      s.pending = mergeDesired(s.pending ?? emptyDesired(), desired);
      if (!s.running) s.since = clock.now();
      await persist(s);
    }
    for (const accountId of accounts) start(accountId);
  };

  return {
    async submit(decision, trigger) {
      if (disposed || decision.kind !== 'enforce') return;
      await submitEnforcement(decision, trigger);
    },
    kick(accountId, trigger) {
      if (disposed) return;
      const s = slot(accountId);
      if (s.running) {
        // Coalesced: the running loop does one more read-and-plan pass before it converges.
        s.pending = s.pending ?? emptyDesired();
        return;
      }
      void journal.append({
        at: clock.now(),
        kind: 'enforcement',
        accountId,
        message: `Re-checking the account (${trigger})`,
        data: { trigger },
      });
      start(accountId);
    },
    async resume() {
      if (!store) return [];
      const { pending, malformed } = await loadPending(store);
      for (const m of malformed)
        await journal.append({
          at: clock.now(),
          kind: 'error',
          accountId: null,
          message: 'An unfinished enforcement could not be read; lockouts still apply',
          data: m,
        });
      for (const p of pending) {
        const s = slot(p.accountId);
        s.pending = mergeDesired(s.pending ?? emptyDesired(), p.desired);
        s.since = p.since;
        await log('enforcement', p.accountId, `Resuming unfinished enforcement: ${describeDesired(p.desired)}`, {
          since: p.since,
        });
        start(p.accountId);
      }
      return pending.map((p) => p.accountId);
    },
    status(accountId) {
      return slots.get(accountId)?.status ?? { state: 'idle' };
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async whenIdle(accountId) {
      for (;;) {
        const running = [...slots.values()]
          .filter((s) => accountId === undefined || s.accountId === accountId)
          .map((s) => s.running)
          .filter((p): p is Promise<void> => p !== null);
        if (running.length === 0) return;
        await Promise.all(running);
      }
    },
    dispose() {
      disposed = true;
      for (const s of slots.values()) if (s.retryTimer !== null) timers.clearTimeout(s.retryTimer);
    },
  };
}
