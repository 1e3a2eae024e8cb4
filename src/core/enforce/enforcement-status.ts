/**
 * One account's enforcement status, as the views show it (popup, overlay): the states, the
 * events that move it, and its one transition table. Each account's loop (account-loop.ts) changes a
 * status only through its `dispatch`, which consults `nextEnforcementStatus`; an event the
 * table does not list for the current state is ignored.
 *
 *            start                            converge (REST shows the desired state)
 *   idle ───────────▶ enforcing ──────────────────────────────────────▶ converged
 *                      │  ▲  ▲ │ round, start                              │
 *                 fail │  │  │ └────┘              start (the next decision),
 *  (rounds or reads    │  │  └──────────────────── round (one arrived while it ran) ┘
 *   exhausted; LOUD:   ▼  │ start (retry timer, a new decision, a lockout kick)
 *   journal 'error')  failed
 */
export type EnforcementState = 'idle' | 'enforcing' | 'failed' | 'converged';

export const ENFORCEMENT_STATES: readonly EnforcementState[] = ['idle', 'enforcing', 'failed', 'converged'];

export type EnforcementStatus =
  | { state: 'idle' }
  | { state: 'enforcing'; since: number; what: string; round: number }
  | { state: 'failed'; since: number; what: string; reason: string; nextAttemptAt: number | null }
  | { state: 'converged'; at: number; what: string; actions: number };

/** What happens to an account's enforcement; each carries what the status it leads to shows. */
export type EnforcementEvent =
  /** A loop starts (a decision, a lockout kick, the retry timer, a resumed or rolled-over target). */
  | { type: 'start'; since: number; what: string }
  /** A round of the loop begins: read, plan, act (convergence.ts). */
  | { type: 'round'; since: number; what: string; round: number }
  /** REST shows the account at the desired state. */
  | { type: 'converge'; at: number; what: string; actions: number }
  /** Rounds or reads exhausted; retried at `nextAttemptAt`, or at once on the next decision. */
  | { type: 'fail'; since: number; what: string; reason: string; nextAttemptAt: number | null };

export type EnforcementEventType = EnforcementEvent['type'];

export const ENFORCEMENT_EVENTS: readonly EnforcementEventType[] = ['start', 'round', 'converge', 'fail'];

/** The whole machine: anything not listed is ignored. */
export const ENFORCEMENT_TRANSITIONS: Readonly<
  Record<EnforcementState, Partial<Record<EnforcementEventType, EnforcementState>>>
> = {
  idle: { start: 'enforcing' },
  // `start` while enforcing: a loop that crashed left the status behind; the new loop takes it over.
  enforcing: { start: 'enforcing', round: 'enforcing', converge: 'converged', fail: 'failed' },
  // `round`: a decision that arrived during the last round keeps the same loop going.
  converged: { start: 'enforcing', round: 'enforcing' },
  failed: { start: 'enforcing' },
};

/** The status `event` leads to from `status`, or null when the table does not allow it. */
export function nextEnforcementStatus(status: EnforcementStatus, event: EnforcementEvent): EnforcementStatus | null {
  const to = ENFORCEMENT_TRANSITIONS[status.state][event.type];
  if (to === undefined) return null;
  switch (event.type) {
    case 'start':
      return { state: 'enforcing', since: event.since, what: event.what, round: 0 };
    case 'round':
      return { state: 'enforcing', since: event.since, what: event.what, round: event.round };
    case 'converge':
      return { state: 'converged', at: event.at, what: event.what, actions: event.actions };
    case 'fail':
      return {
        state: 'failed',
        since: event.since,
        what: event.what,
        reason: event.reason,
        nextAttemptAt: event.nextAttemptAt,
      };
  }
}
