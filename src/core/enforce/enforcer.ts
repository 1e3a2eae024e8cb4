import { appendBestEffort } from '../journal/journal';
import type { EnforcementDecision } from '../rules/decision';
import { createAccountLoops } from './account-loop';
import { decisionEntry, noteTrigger, type Slot } from './account-slot';
import { rollOverSlot } from './day-rollover';
import {
  type DesiredState,
  describeDesired,
  desiredFromAction,
  emptyDesired,
  isEmptyDesired,
  mergeDesired,
} from './desired-state';
import type { Enforcer, EnforcerOptions } from './enforcer-api';
import { fastSteps, type Sighting, sendAll } from './fast-path';
import { desiredFromLockouts } from './lockout-guard';
import { loadResumable } from './pending-enforcements';

export type { Enforcer, EnforcerOptions } from './enforcer-api';

/**
 * The enforcer: one per profile, one convergence loop per account at a time.
 *
 *   submit(decision, sighting) ─┬▶ fast path: closes + cancels sent at once (fast-path.ts) ─┐
 *                               └▶ alongside: lockout (strict), desired state, journal      │
 *   kick(account)  (lockout guard) ──────────────────────────────────────────────────────────┤
 *                                                                                            ▼
 *      round 0 (fast path only): await its answers, settle ──────────────────────────────────┐
 *   ┌─▶ round: fold in newly arrived decisions ─▶ read REST (positions ∥ orders) ─▶ plan ◀──┘
 *   │        │                            (desired − real) ─▶ empty? ─▶ converged
 *   │        │                                                  │ no
 *   └────────┴──────── settle ◀── act (cancels, then closes, then stops) ◀──────┘
 *   after maxRounds, or when reads keep failing: failed (journal 'error', status for the UI),
 *   re-attempted after a growing delay, or at once on the next decision or kick (a periodic
 *   re-check waits for the delay when the gateway refused every action: market closed).
 *   rollover (trading-day reset): an unfinished target narrows to what was open at the reset
 *   and runs at once (day-rollover.ts).
 *   The loops, their retries and the account's status for the views (idle, enforcing,
 *   converged, failed: the table in enforcement-status.ts) are account-loop.ts; here is what
 *   starts them.
 *
 * Level-triggered: each round plans from the REAL state, so a repeated decision, a decision
 * merged into a running enforcement, or a restart mid-way (same store) never repeats an action
 * that already took effect; ambiguous outcomes are resolved by the next read, never by retrying.
 * The fast path acts before that first read only with what cannot overshoot; a decision that
 * arrives while a loop runs joins it (no fast path), so two paths never close the same thing.
 */
export function createEnforcer(opts: EnforcerOptions): Enforcer {
  const { actions, lockouts, journal, clock, store } = opts;
  const resumeMaxAgeMs = opts.resumeMaxAgeMs ?? 30 * 60_000;
  const loops = createAccountLoops(opts);
  const { slot, start, persist, log } = loops;

  /** Sends what cannot overshoot at once (fast-path.ts); the loop about to start verifies it. */
  const actFirst = (s: Slot, desired: DesiredState, sighting: Sighting) => {
    if (loops.disposed()) return;
    const target = mergeDesired(
      mergeDesired(desired, mergeDesired(s.current ?? emptyDesired(), s.pending ?? emptyDesired())),
      desiredFromLockouts(lockouts.active(s.accountId, clock.now())),
    );
    const steps = fastSteps(target, sighting, {
      now: clock.now(),
      ...(opts.freshMs !== undefined ? { freshMs: opts.freshMs } : {}),
      ...(opts.openedAt ? { openedAt: (c: string) => opts.openedAt?.(s.accountId, c) } : {}),
      ...(opts.lots ? { lots: (c: string) => opts.lots?.(s.accountId, c) } : {}),
    });
    if (steps.length > 0) s.sentFirst = sendAll(actions, s.accountId, steps, sighting);
  };

  /**
   * Act first: the fast steps leave before anything is written (fast-path.ts); the lockout
   * (strict), the pending enforcement and the journal entry are written alongside, and the
   * promise resolves once they are stored (or failed: a full disk never stops the acting).
   * A worker stopped before they land loses them, not the breach: the rules decide it again
   * from the day's trades when it wakes (level, not edge).
   */
  const submitEnforcement = async (d: EnforcementDecision, trigger: string | undefined, sighting?: Sighting) => {
    const s = slot(d.accountId);
    const desired = desiredFromAction(d.action, { ruleId: d.ruleId, action: d.action.type, reason: d.reason });
    // The requests leave before the journal entry, the lockout and the pending record are even
    // begun. With a loop running, the decision joins it instead: its next round reads and plans.
    if (!d.monitorOnly && sighting && !s.running) {
      const own = d.lockout
        ? desiredFromLockouts([
            {
              scope: d.lockout.scope,
              ruleId: d.ruleId,
              reason: d.reason,
              ...(d.lockout.keep && d.lockout.scope.type === 'account' ? { keep: d.lockout.keep } : {}),
            },
          ])
        : null;
      actFirst(s, own ? mergeDesired(desired, own) : desired, sighting);
    }
    const journaled = appendBestEffort(journal, decisionEntry(d, trigger, clock.now()));
    if (d.monitorOnly) return journaled;
    // The lockout is in force in memory from this call on (LockoutBook.add); its write runs alongside.
    const lockoutWritten = d.lockout
      ? lockouts.add({
          accountId: d.accountId,
          ruleId: d.ruleId,
          reason: d.reason,
          figures: d.figures,
          spec: d.lockout,
        })
      : Promise.resolve([]);
    noteTrigger(s, `${d.ruleId}${trigger ? `: ${trigger}` : ''}`);
    let pendingWritten: Promise<void> = Promise.resolve();
    if (!isEmptyDesired(desired)) {
      s.pending = mergeDesired(s.pending ?? emptyDesired(), desired);
      if (!s.running) s.since = clock.now();
      pendingWritten = persist(s);
    }
    start(d.accountId);
    const [added] = await Promise.all([lockoutWritten, pendingWritten, journaled]);
    // Copy-trading group members locked with it (their lockouts are in memory already).
    for (const l of added) if (l.accountId !== d.accountId) start(l.accountId);
  };

  return {
    async submit(decision, trigger, sighting) {
      if (loops.disposed() || decision.kind !== 'enforce') return;
      await submitEnforcement(decision, trigger, sighting);
    },
    kick(accountId, trigger, options) {
      if (loops.disposed()) return;
      const s = slot(accountId);
      const waitsOutRefusal = s.status.state === 'failed' && s.refused && s.retryTimer !== null;
      if (options?.respectBackoff && !s.running && waitsOutRefusal) {
        // The gateway refused every action (market closed): its retry timer brings it back. A
        // periodic re-check must not undo that backoff, or an hour's break costs 5 refusals
        // every 30 s. After an outage (not a refusal) the re-check still retries at once.
        noteTrigger(s, trigger);
        return;
      }
      if (s.running) {
        noteTrigger(s, trigger);
        // Coalesced: the running loop does one more read-and-plan pass before it converges.
        s.pending = s.pending ?? emptyDesired();
        return;
      }
      noteTrigger(s, trigger);
      if (options?.sighting) actFirst(s, emptyDesired(), options.sighting);
      start(accountId);
    },
    async rollover(dayStart, exposure) {
      const rolled: number[] = [];
      for (const s of loops.slots()) {
        if (loops.disposed()) break;
        const change = rollOverSlot(s, dayStart, exposure(s.accountId));
        if (!change) continue;
        rolled.push(s.accountId);
        noteTrigger(s, 'trading-day reset');
        await persist(s);
        await log(
          'enforcement',
          s.accountId,
          `New trading day with an unfinished enforcement (${change.before}): from now on it only ` +
            `covers what was open at the reset (${change.after}), never what opens in the new day`,
          { dayStart },
        );
        start(s.accountId);
      }
      return rolled;
    },
    async resume() {
      if (!store) return [];
      const fresh = await loadResumable({
        store,
        journal,
        now: () => clock.now(),
        maxAgeMs: resumeMaxAgeMs,
        stillLocked: (accountId) => lockouts.active(accountId, clock.now()).length > 0,
      });
      for (const p of fresh) {
        const s = slot(p.accountId);
        s.pending = mergeDesired(s.pending ?? emptyDesired(), p.desired);
        s.since = p.since;
        await log('enforcement', p.accountId, `Resuming unfinished enforcement: ${describeDesired(p.desired)}`, {
          since: p.since,
        });
        start(p.accountId);
      }
      return fresh.map((p) => p.accountId);
    },
    status(accountId) {
      return loops.existing(accountId)?.status ?? { state: 'idle' };
    },
    onStatus: loops.onStatus,
    async whenIdle(accountId) {
      for (;;) {
        const running = [...loops.slots()]
          .filter((s) => accountId === undefined || s.accountId === accountId)
          .map((s) => s.running)
          .filter((p): p is Promise<void> => p !== null);
        if (running.length === 0) return;
        await Promise.all(running);
      }
    },
    dispose: loops.dispose,
  };
}
