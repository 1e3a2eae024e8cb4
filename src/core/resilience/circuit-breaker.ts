/**
 * One circuit breaker per endpoint group. States and transitions (`BREAKER_TRANSITIONS`; every
 * change goes through `dispatch`, which consults it):
 *
 *            tripped: 5 consecutive failures        cooled: 60 s after opening (injected clock)
 *   CLOSED ───────────────────────────► OPEN ───────────────────────────────► HALF-OPEN
 *     ▲                                  ▲                                        │
 *     │                                  └──────── trial-failed: any trial fails ─┤
 *     └──────────────────────────── trial-succeeded: a trial succeeds ────────────┘
 *
 * - Closed: calls pass; a failure adds to the streak, a success resets it.
 * - Open: calls fail fast with GatewayError('unavailable').
 * - Half-open: at most 3 trial calls in flight; others fail fast until one resolves.
 *
 * What counts (`outcomeOf`): `transient` and `outcome-unknown` (5xx, timeouts, dropped
 * connections) are failures. `permanent` and `auth` mean the service answered: success for
 * the breaker. `rate-limited`, `aborted`, `invalid-response`, non-gateway errors are neutral:
 * they neither count nor reset (the limiter handles 429s; an abort says nothing about health).
 *
 * Each admission carries the breaker's generation; an outcome that arrives after the state
 * changed (a slow call admitted while closed, answering after the breaker opened) is ignored
 * for transitions, so a stale success cannot close an open breaker.
 *
 * Why not cockatiel's CircuitBreakerPolicy: its half-open state admits exactly one trial,
 * its timing reads the global Date.now, and failures are counted inside `execute`, whereas
 * the executor must classify errors by kind and the state must be restorable from the store.
 */
import type { Clock } from '../ports';
import { GatewayError, isGatewayError } from './errors';

export type BreakerState = 'closed' | 'open' | 'half-open';

export const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

export type BreakerEvent = 'tripped' | 'cooled' | 'trial-failed' | 'trial-succeeded';

export const BREAKER_EVENTS: readonly BreakerEvent[] = ['tripped', 'cooled', 'trial-failed', 'trial-succeeded'];

/** The whole machine: anything not listed is ignored. */
export const BREAKER_TRANSITIONS: Readonly<Record<BreakerState, Partial<Record<BreakerEvent, BreakerState>>>> = {
  closed: { tripped: 'open' },
  open: { cooled: 'half-open' },
  'half-open': { 'trial-failed': 'open', 'trial-succeeded': 'closed' },
};

export function nextBreakerState(state: BreakerState, event: BreakerEvent): BreakerState | null {
  return BREAKER_TRANSITIONS[state][event] ?? null;
}

export type BreakerGroup =
  | 'auth'
  | 'accounts'
  | 'contracts'
  | 'history'
  | 'orders'
  | 'positions'
  | 'trades'
  | 'status'
  | 'other';

export const BREAKER_GROUPS: readonly BreakerGroup[] = [
  'auth',
  'accounts',
  'contracts',
  'history',
  'orders',
  'positions',
  'trades',
  'status',
  'other',
];

const GROUP_BY_CONTROLLER: Readonly<Record<string, BreakerGroup>> = {
  auth: 'auth',
  account: 'accounts',
  contract: 'contracts',
  history: 'history',
  order: 'orders',
  position: 'positions',
  trade: 'trades',
  status: 'status',
};

/** `/api/Order/place` → `orders`: the controller segment after `/api/`, case-insensitive. */
export function breakerGroupOf(endpoint: string): BreakerGroup {
  const match = /\/api\/([^/?#]+)/i.exec(endpoint);
  const controller = match?.[1]?.toLowerCase();
  return (controller && GROUP_BY_CONTROLLER[controller]) || 'other';
}

export interface BreakerOptions {
  failureThreshold?: number;
  halfOpenAfterMs?: number;
  halfOpenMaxTrials?: number;
}

export const DEFAULT_BREAKER: Readonly<Required<BreakerOptions>> = {
  failureThreshold: 5,
  halfOpenAfterMs: 60_000,
  halfOpenMaxTrials: 3,
};

export interface BreakerSnapshot {
  state: BreakerState;
  consecutiveFailures: number;
  openedAt: number | null;
}

export type Outcome = 'success' | 'failure' | 'neutral';

/** A pass through the breaker; hand it back with the outcome. */
export interface BreakerPermit {
  readonly generation: number;
  readonly trial: boolean;
}

export interface CircuitBreaker {
  readonly group: BreakerGroup;
  /** Current state; an open breaker whose wait is over reads (and becomes) half-open. */
  state(): BreakerState;
  isOpen(): boolean;
  /** Throws GatewayError('unavailable') when the call must fail fast; otherwise a permit. */
  admit(endpoint?: string): BreakerPermit;
  recordSuccess(permit?: BreakerPermit): void;
  recordFailure(permit?: BreakerPermit): void;
  /** The call ended without saying anything about health (e.g. aborted): frees its trial slot. */
  recordNeutral(permit?: BreakerPermit): void;
  record(outcome: Outcome, permit?: BreakerPermit): void;
  snapshot(): BreakerSnapshot;
  subscribe(listener: (to: BreakerState, from: BreakerState) => void): () => void;
}

export function outcomeOf(error: unknown): Outcome {
  if (!isGatewayError(error)) return 'neutral';
  switch (error.kind) {
    case 'transient':
    case 'outcome-unknown':
      return 'failure';
    case 'permanent':
    case 'auth':
      return 'success';
    default:
      return 'neutral';
  }
}

export function createCircuitBreaker(input: {
  group: BreakerGroup;
  clock: Clock;
  options?: BreakerOptions;
  initial?: BreakerSnapshot;
}): CircuitBreaker {
  const { group, clock } = input;
  const cfg = { ...DEFAULT_BREAKER, ...input.options };
  const listeners = new Set<(to: BreakerState, from: BreakerState) => void>();
  let current: BreakerState = 'closed';
  let failures = 0;
  let openedAt: number | null = null;
  let trialsInFlight = 0;
  let generation = 0;

  if (input.initial && isSnapshot(input.initial)) {
    current = input.initial.state;
    failures = input.initial.consecutiveFailures;
    // Clamp a future openedAt (clock moved back) so the breaker cannot stay open for hours.
    openedAt = input.initial.openedAt === null ? null : Math.min(input.initial.openedAt, clock.now());
    if (current === 'open' && openedAt === null) openedAt = clock.now();
  }

  const dispatch = (event: BreakerEvent): void => {
    const from = current;
    const to = nextBreakerState(from, event);
    if (to === null) return;
    current = to;
    generation++;
    trialsInFlight = 0;
    if (to === 'open') openedAt = clock.now();
    if (to === 'closed') {
      openedAt = null;
      failures = 0;
    }
    for (const listener of [...listeners]) {
      try {
        listener(to, from);
      } catch {
        // A broken UI listener must not break the breaker.
      }
    }
  };

  const refresh = (): BreakerState => {
    if (current === 'open' && openedAt !== null && clock.now() - openedAt >= cfg.halfOpenAfterMs) {
      dispatch('cooled');
    }
    return current;
  };

  const record = (outcome: Outcome, permit?: BreakerPermit): void => {
    refresh();
    const stale = permit !== undefined && permit.generation !== generation;
    if (permit?.trial && !stale) trialsInFlight = Math.max(0, trialsInFlight - 1);
    if (stale || outcome === 'neutral') return;
    if (outcome === 'success') {
      if (current === 'half-open') dispatch('trial-succeeded');
      else if (current === 'closed') failures = 0;
      return;
    }
    if (current === 'half-open') {
      dispatch('trial-failed');
    } else if (current === 'closed') {
      failures++;
      if (failures >= cfg.failureThreshold) dispatch('tripped');
    }
  };

  return {
    group,
    state: refresh,
    isOpen: () => refresh() === 'open',
    admit(endpoint) {
      const state = refresh();
      if (state === 'closed') return { generation, trial: false };
      if (state === 'half-open' && trialsInFlight < cfg.halfOpenMaxTrials) {
        trialsInFlight++;
        return { generation, trial: true };
      }
      const retryInMs =
        state === 'open' && openedAt !== null ? Math.max(0, openedAt + cfg.halfOpenAfterMs - clock.now()) : undefined;
      throw new GatewayError(
        'unavailable',
        `service unavailable: ${group} calls are failing, circuit ${state}` +
          (retryInMs === undefined ? ', trial calls in flight' : `, next trial in ${Math.ceil(retryInMs / 1000)} s`),
        { ...(endpoint ? { endpoint } : {}), ...(retryInMs === undefined ? {} : { retryAfterMs: retryInMs }) },
      );
    },
    recordSuccess: (permit) => record('success', permit),
    recordFailure: (permit) => record('failure', permit),
    recordNeutral: (permit) => record('neutral', permit),
    record,
    snapshot: () => ({ state: refresh(), consecutiveFailures: failures, openedAt }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function isSnapshot(value: unknown): value is BreakerSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.state === 'closed' || v.state === 'open' || v.state === 'half-open') &&
    typeof v.consecutiveFailures === 'number' &&
    Number.isFinite(v.consecutiveFailures) &&
    (v.openedAt === null || (typeof v.openedAt === 'number' && Number.isFinite(v.openedAt)))
  );
}
