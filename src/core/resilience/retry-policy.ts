/**
 * When to retry a failed attempt and how long to wait first. Pure: it computes delays, the
 * executor sleeps on the injected timers.
 *
 * - Only idempotent calls are retried, and only for `transient` and `rate-limited` errors.
 *   `permanent`, `auth`, `outcome-unknown`, `aborted`, anything that is not a GatewayError:
 *   no retry (a mutation's fate is decided by the order manager after re-reading state).
 * - Backoff: base × multiplier^(attempt−1) → 1 s, 2 s, 4 s, 8 s by default, capped at
 *   `maxDelayMs`, plus jitter in [0, jitter × delay) drawn from the injected Random: jitter
 *   only lengthens a wait, so the schedule never runs hotter than the nominal one.
 * - A rate-limited error waits at least its `retryAfterMs` (never shortened by the cap).
 * - `maxAttempts` counts every attempt (5 → 1 try + 4 retries).
 *
 * Why not cockatiel's RetryPolicy: it sleeps on the global setTimeout and its jitter
 * generators call Math.random, so neither the injected Timers nor Random would drive it, and
 * a floor of `retryAfterMs` needs a custom backoff anyway. What remains is ~40 lines.
 */
import type { Random } from '../ports';
import { GatewayError, isGatewayError } from './errors';

export interface RetryPolicyOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  multiplier?: number;
  maxDelayMs?: number;
  /**
   * Extra wait as a fraction of the nominal delay, drawn uniformly; 0 → exact schedule.
   * Default 0.2 with `random`, 0 without.
   */
  jitter?: number;
  random?: Random;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  /**
   * The wait before the next attempt after `error` failed attempt number `attempt`
   * (1-based), or `undefined` when the call must not be retried.
   */
  delayBefore(attempt: number, error: unknown, idempotent: boolean): number | undefined;
  /** Nominal (jitter-free) backoff after attempt number `attempt`. */
  backoffMs(attempt: number): number;
}

export const DEFAULT_RETRY: Readonly<Required<Omit<RetryPolicyOptions, 'random'>>> = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  multiplier: 2,
  maxDelayMs: 30_000,
  jitter: 0.2,
};

/** Kinds that a retry of an idempotent call may cure. */
export function isRetryable(error: unknown): error is GatewayError {
  return isGatewayError(error) && (error.kind === 'transient' || error.kind === 'rate-limited');
}

export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  // Without an injected Random the default jitter is off (src/core never calls Math.random).
  const cfg = { ...DEFAULT_RETRY, ...(options.random ? {} : { jitter: 0 }), ...options };
  if (!(Number.isInteger(cfg.maxAttempts) && cfg.maxAttempts >= 1)) {
    throw new RangeError('maxAttempts must be an integer ≥ 1');
  }
  if (!(cfg.jitter >= 0)) throw new RangeError('jitter must be ≥ 0');
  if (cfg.jitter > 0 && !options.random) throw new RangeError('jitter needs an injected random source');
  const random = options.random ?? (() => 0);

  const backoffMs = (attempt: number): number =>
    Math.min(cfg.maxDelayMs, cfg.baseDelayMs * cfg.multiplier ** Math.max(0, attempt - 1));

  return {
    maxAttempts: cfg.maxAttempts,
    backoffMs,
    delayBefore(attempt, error, idempotent) {
      if (!idempotent || !isRetryable(error) || attempt >= cfg.maxAttempts) return undefined;
      const nominal = backoffMs(attempt);
      const jittered = Math.round(nominal * (1 + cfg.jitter * clamp01(random())));
      const floor = error.kind === 'rate-limited' ? (error.retryAfterMs ?? 0) : 0;
      return Math.max(jittered, floor);
    },
  };
}

/**
 * The error to throw when every attempt failed: same kind and details as the last one, the
 * message says how many attempts were made, the last error is the cause.
 */
export function retriesExhausted(last: GatewayError, attempts: number): GatewayError {
  return new GatewayError(last.kind, `${last.message} (gave up after ${attempts} attempts)`, {
    endpoint: last.endpoint,
    httpStatus: last.httpStatus,
    errorCode: last.errorCode,
    retryAfterMs: last.retryAfterMs,
    cause: last,
  });
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(Math.max(x, 0), 1) : 0;
}
