/**
 * The options, numbers and statistics of the rate limiter (rate-limiter.ts) and their
 * arithmetic, kept apart so the limiter file holds only its queueing state machine.
 */
import type { Clock, Timers } from '../ports';
import type { DurableStore } from '../storage/durable-store';
import type { Lane, RateBucket } from './lanes';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface RateLimiterOptions {
  clock: Clock;
  timers: Timers;
  store?: DurableStore;
  limits?: Partial<Record<RateBucket, RateLimit>>;
  /** Fraction of the real limit kept unused (0.1 → 45 of 50). */
  safetyMargin?: number;
  /** Queue bound per lane; a number applies to every lane. */
  maxQueue?: number | Partial<Record<Lane, number>>;
  /** Delay before sent stamps are written to the store (several grants share one write). */
  persistDebounceMs?: number;
  /** A slot never released counts as completed this long after its grant. Default 60 s. */
  maxInFlightMs?: number;
  /** Slots per window that only the enforcement lane may use (clamped below capacity). Default: 10 % of general. */
  enforcementReserve?: Partial<Record<RateBucket, number>>;
}

export interface BucketStats {
  /** Requests the limiter lets through per window (limit minus safety margin). */
  capacity: number;
  /** Of `capacity`, the slots only enforcement may take. */
  enforcementReserve: number;
  /** Slots taken: completed requests still in the window plus those in flight. */
  inWindow: number;
  inFlight: number;
  queued: Record<Lane, number>;
  /** End of the 429 pause of the routine and reconciliation lanes. */
  pausedUntil: number;
  /** End of the 429 pause of the enforcement lane (which otherwise spends its reserve during a pause). */
  enforcementPausedUntil: number;
  granted: number;
  rejectedQueueFull: number;
  aborted: number;
  maxQueued: number;
}

/** The real service's limits (docs/gateway.md, "Rate limits"). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateBucket, RateLimit>> = {
  bars: { max: 50, windowMs: 30_000 },
  general: { max: 200, windowMs: 60_000 },
};

/** Per-lane queue bounds: enforcement's is the largest, and routine floods cannot fill it. */
export const DEFAULT_MAX_QUEUE: Readonly<Record<Lane, number>> = {
  enforcement: 1_000,
  reconciliation: 200,
  routine: 200,
};

/** Fraction of each bucket's capacity only enforcement may use, when no count is given. */
export const DEFAULT_ENFORCEMENT_RESERVE_FRACTION: Readonly<Record<RateBucket, number>> = { bars: 0, general: 0.1 };

export const DEFAULT_SAFETY_MARGIN = 0.1;

/** Requests let through per window, and how many of them are kept for enforcement. */
export function bucketCapacity(
  bucket: RateBucket,
  limit: RateLimit,
  margin: number,
  reserveOverride: number | undefined,
): { capacity: number; reserve: number } {
  const capacity = Math.max(1, Math.floor(limit.max * (1 - margin)));
  const reserve = reserveOverride ?? Math.floor(capacity * DEFAULT_ENFORCEMENT_RESERVE_FRACTION[bucket]);
  return { capacity, reserve: Math.min(Math.max(0, Math.floor(reserve)), capacity - 1) };
}

export function laneBounds(maxQueue: number | Partial<Record<Lane, number>> | undefined): Record<Lane, number> {
  if (typeof maxQueue === 'number') {
    return { enforcement: maxQueue, reconciliation: maxQueue, routine: maxQueue };
  }
  return { ...DEFAULT_MAX_QUEUE, ...maxQueue };
}

/** What store `limiter` holds per bucket. */
export interface PersistedBucket {
  sent: number[];
  pausedUntil: number;
}

/**
 * A saved bucket made safe to merge: finite stamps only, stamps from the future (the clock
 * moved back) clamped to now, and a pause no longer than one window (a Retry-After never is;
 * anything longer is a clock jump that must not block the guard for hours).
 */
export function sanitizePersisted(saved: unknown, now: number, windowMs: number): PersistedBucket | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const { sent, pausedUntil } = saved as Record<string, unknown>;
  if (!Array.isArray(sent)) return undefined;
  const stamps = sent.filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  const paused = typeof pausedUntil === 'number' && Number.isFinite(pausedUntil) ? pausedUntil : 0;
  return { sent: stamps.map((t) => Math.min(t, now)), pausedUntil: Math.min(paused, now + windowMs) };
}
