import { errorMessage } from '../error-message';
import { appendBestEffort } from '../journal/journal';
import { intentKeyFor, newSlot, type Slot, stepEntry } from './account-slot';
import { converge } from './convergence';
import { describeDesired, emptyDesired, mergeDesired } from './desired-state';
import { type EnforcementEvent, type EnforcementStatus, nextEnforcementStatus } from './enforcement-status';
import type { EnforcerOptions } from './enforcer-api';
import { desiredFromLockouts } from './lockout-guard';
import { persistSlot } from './pending-enforcements';

/**
 * Each account's convergence loop, as the enforcer (enforcer.ts) starts it: one loop per
 * account at a time, its slot (account-slot.ts), its status for the views and its retry.
 *
 *   start ─▶ status enforcing ─▶ converge (convergence.ts: read, plan, act, settle; each round
 *   folds in what arrived) ─┬─ converged: journal, forget the target, status converged; again
 *                           │  at once when something arrived meanwhile
 *                           └─ failed: journal 'error', status failed, retry timer (15 s,
 *                              doubling up to 5 min) ─▶ start
 *
 * The status changes only through `dispatch`, along the table in enforcement-status.ts.
 */
export interface AccountLoops {
  /** The account's slot, made on first use. */
  slot(accountId: number): Slot;
  /** The account's slot if it has one (reading never makes one). */
  existing(accountId: number): Slot | undefined;
  slots(): IterableIterator<Slot>;
  /** Starts the account's loop unless one runs; a waiting retry is dropped (this is it). */
  start(accountId: number): void;
  /** Writes the slot's unfinished target (pending-enforcements.ts), when there is a store. */
  persist(s: Slot): Promise<void>;
  /** The journal is a record, not a gate: a refused write (full disk) never stops enforcement. */
  log(
    kind: 'decision' | 'action' | 'enforcement' | 'error',
    accountId: number,
    message: string,
    data?: Record<string, unknown>,
  ): Promise<unknown>;
  onStatus(listener: (accountId: number, status: EnforcementStatus) => void): () => void;
  disposed(): boolean;
  /** Stops every loop at its next step and clears the retry timers. */
  dispose(): void;
}

export function createAccountLoops(opts: EnforcerOptions): AccountLoops {
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
      s = newSlot(accountId);
      slots.set(accountId, s);
    }
    return s;
  };
  /** Every status change goes through here: the table (enforcement-status.ts) decides, the listeners hear. */
  const dispatch = (s: Slot, event: EnforcementEvent): void => {
    const next = nextEnforcementStatus(s.status, event);
    if (next === null) return;
    s.status = next;
    for (const l of listeners) l(s.accountId, next);
  };
  // The journal is a record, not a gate: a refused write (full disk) never stops enforcement.
  const log = (kind: 'decision' | 'action' | 'enforcement' | 'error', accountId: number, message: string, data = {}) =>
    appendBestEffort(journal, { at: clock.now(), kind, accountId, message, data });

  const persist = (s: Slot) => (store ? persistSlot(store, s, journal, clock.now()) : Promise.resolve());

  const convergeSlot = (s: Slot) => {
    const sentFirst = s.sentFirst;
    s.sentFirst = null;
    return converge({
      ...(sentFirst ? { sentFirst } : {}),
      accountId: s.accountId,
      actions,
      reads,
      timers,
      clock,
      maxRounds,
      settleMs,
      readPolicy,
      ...(opts.openedAt ? { openedAt: (c: string) => opts.openedAt?.(s.accountId, c) } : {}),
      ...(opts.lots ? { lots: (c: string) => opts.lots?.(s.accountId, c) } : {}),
      stopped: () => disposed,
      async nextDesired() {
        if (s.pending) {
          s.current = mergeDesired(s.current ?? emptyDesired(), s.pending);
          s.pending = null;
          await persist(s);
        }
        return mergeDesired(
          s.current ?? emptyDesired(),
          desiredFromLockouts(lockouts.active(s.accountId, clock.now())),
        );
      },
      hasPending: () => s.pending !== null,
      onRound: (round, desired) =>
        dispatch(s, { type: 'round', since: s.since, what: describeDesired(desired), round }),
      intentKeyFor: (step) => intentKeyFor(s, step),
      logStep: (step, result, round) => appendBestEffort(journal, stepEntry(s, step, result, round, clock.now())),
    });
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
      const result = await convergeSlot(s);
      if (disposed) return;
      if (result.ok) {
        const newsworthy = s.current !== null || result.actions > 0 || s.failures > 0;
        const what = describeDesired(s.current ?? emptyDesired());
        s.current = null;
        s.failures = 0;
        await persist(s);
        // A lockout re-check that found nothing to do is not news: no journal entry for it.
        if (newsworthy)
          await log('enforcement', s.accountId, `Converged: ${what}`, {
            actions: result.actions,
            rounds: result.rounds,
            triggers: s.triggers,
          });
        s.triggers = [];
        dispatch(s, { type: 'converge', at: clock.now(), what, actions: result.actions });
        if (!s.pending) return;
        s.since = clock.now();
        continue;
      }
      s.failures += 1;
      s.refused = result.refused === true;
      const what = describeDesired(s.current ?? emptyDesired());
      const nextAttemptAt = scheduleRetry(s);
      await log('error', s.accountId, `Enforcement FAILED (${what}): ${result.reason}`, {
        actions: result.actions,
        failures: s.failures,
        nextAttemptAt,
      });
      dispatch(s, { type: 'fail', since: s.since, what, reason: result.reason, nextAttemptAt });
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
    dispatch(s, { type: 'start', since: s.since, what: s.pending || s.current ? what : 'lockout check' });
    s.running = run(s)
      .catch((error: unknown) =>
        log('error', accountId, 'Enforcement crashed', {
          error: errorMessage(error),
        }),
      )
      .finally(() => {
        s.running = null;
      })
      .then(() => undefined);
  };

  return {
    slot,
    existing: (accountId) => slots.get(accountId),
    slots: () => slots.values(),
    start,
    persist,
    log,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    disposed: () => disposed,
    dispose() {
      disposed = true;
      for (const s of slots.values()) if (s.retryTimer !== null) timers.clearTimeout(s.retryTimer);
    },
  };
}
