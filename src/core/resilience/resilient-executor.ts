/**
 * The CallExecutor the REST client runs every call through. Per attempt:
 *
 *   breaker open? ─► fail fast 'unavailable' (before spending a rate slot or waiting in a queue)
 *   limiter.acquire(bucket of endpoint, lane, signal) → slot, released when the attempt ends
 *     (taken at once when free: an attempt with nothing to wait for starts within `run`)
 *   breaker.admit() (re-checked: it may have opened while we queued; half-open → trial slot)
 *   attempt(signal chained to the caller's) ─► breaker.record(outcome)
 *   429 ─► limiter.pause(bucket, retryAfterMs or `rateLimitedPauseMs`, lane): honoured for one
 *          rate window at most, and the error carries the honoured wait (never a month)
 *   idempotent and retryable ─► sleep (abortable) and go again; otherwise throw
 *
 * Errors thrown by the attempt itself are passed through unchanged (never re-labelled as
 * `aborted`): for a mutation the REST client decides whether an aborted request means
 * `outcome-unknown`. Only waits that happen before an attempt starts (queue, backoff) turn
 * a caller abort into GatewayError('aborted').
 *
 * Why not cockatiel's wrap(retry, breaker): the rate slot and the breaker permit are taken
 * per attempt and must be handed back with that attempt's outcome (slot released at the
 * response, permit recorded by error kind), and the backoff must sleep on the injected
 * timers; the loop that does this is shorter than the adapters cockatiel would need.
 */
import type { Clock, Timers } from '../ports';
import { abortableSleep, abortedError } from './abortable-sleep';
import type { BreakerRegistry } from './breaker-registry';
import { outcomeOf } from './circuit-breaker';
import { GatewayError, isGatewayError } from './errors';
import type { CallExecutor, CallOptions } from './executor';
import { type Lane, type RateBucket, rateBucketOf } from './lanes';
import type { RateLimiter, RateSlot } from './rate-limiter';
import { isRetryable, type RetryPolicy, retriesExhausted } from './retry-policy';

export interface ExecutorStats {
  calls: number;
  attempts: number;
  retries: number;
  failedFast: number;
  succeeded: number;
  failed: number;
  /** Time spent waiting for the rate limiter, summed over attempts, and the longest wait. */
  queueWaitMs: number;
  maxQueueWaitMs: number;
}

export interface ResilientExecutor extends CallExecutor {
  stats(): ExecutorStats;
}

export interface ResilientExecutorOptions {
  limiter: RateLimiter;
  breakers: BreakerRegistry;
  retry: RetryPolicy;
  clock: Clock;
  timers: Timers;
  /**
   * A 429 without Retry-After means the server counts more than we do (another client on the
   * same account?): stop issuing in that bucket for this long. Default 1 s.
   */
  rateLimitedPauseMs?: number;
}

export function createResilientExecutor(options: ResilientExecutorOptions): ResilientExecutor {
  const { limiter, breakers, retry, clock, timers } = options;
  const defaultPauseMs = options.rateLimitedPauseMs ?? 1_000;
  const counters: ExecutorStats = {
    calls: 0,
    attempts: 0,
    retries: 0,
    failedFast: 0,
    succeeded: 0,
    failed: 0,
    queueWaitMs: 0,
    maxQueueWaitMs: 0,
  };

  /**
   * Pause the bucket for a 429. Callers that wait on the error themselves (the retry policy,
   * enforcement's reads) must not wait longer than the limiter honours: the error says so.
   */
  function paused(error: GatewayError, bucket: RateBucket, lane: Lane): GatewayError {
    const honoured = limiter.pause(bucket, error.retryAfterMs ?? defaultPauseMs, lane);
    return error.retryAfterMs !== undefined && error.retryAfterMs > honoured ? withRetryAfter(error, honoured) : error;
  }

  async function run<T>(call: CallOptions, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    counters.calls++;
    const { endpoint, lane, idempotent, signal } = call;
    const bucket = rateBucketOf(endpoint);
    const breaker = breakers.forEndpoint(endpoint);
    for (let attemptNo = 1; ; attemptNo++) {
      if (signal?.aborted) throw abortedError(endpoint);
      let permit: ReturnType<typeof breaker.admit>;
      let slot: RateSlot | undefined;
      try {
        if (breaker.isOpen()) breaker.admit(endpoint); // throws 'unavailable'
        const queuedAt = clock.now();
        // A free slot is taken without awaiting, so an attempt that needs no wait starts within
        // this call (the enforcer's close leaves inside the decision's task, keyed-lock.ts).
        slot = limiter.tryAcquire(bucket, lane) ?? (await limiter.acquire(bucket, lane, signal));
        const waited = Math.max(0, clock.now() - queuedAt);
        counters.queueWaitMs += waited;
        counters.maxQueueWaitMs = Math.max(counters.maxQueueWaitMs, waited);
        permit = breaker.admit(endpoint);
      } catch (error) {
        slot?.release();
        if (isGatewayError(error) && error.kind === 'unavailable') counters.failedFast++;
        counters.failed++;
        throw error;
      }

      counters.attempts++;
      const controller = new AbortController();
      const forward = (): void => controller.abort(signal?.reason);
      signal?.addEventListener('abort', forward, { once: true });
      const held = slot;
      try {
        let result: T;
        try {
          result = await attempt(controller.signal);
        } finally {
          held.release(); // the response is in: the server's window counts it from about now
        }
        breaker.recordSuccess(permit);
        counters.succeeded++;
        return result;
      } catch (thrown) {
        breaker.record(outcomeOf(thrown), permit);
        const error = isGatewayError(thrown) && thrown.kind === 'rate-limited' ? paused(thrown, bucket, lane) : thrown;
        const delay = retry.delayBefore(attemptNo, error, idempotent);
        if (delay === undefined) {
          counters.failed++;
          const exhausted = idempotent && isRetryable(error) && attemptNo >= retry.maxAttempts && attemptNo > 1;
          throw exhausted ? retriesExhausted(error, attemptNo) : error;
        }
        counters.retries++;
        try {
          await abortableSleep(timers, delay, signal, endpoint);
        } catch (abort) {
          counters.failed++;
          throw abort;
        }
      } finally {
        signal?.removeEventListener('abort', forward);
      }
    }
  }

  return { run, stats: () => ({ ...counters }) };
}

function withRetryAfter(error: GatewayError, retryAfterMs: number): GatewayError {
  return new GatewayError(error.kind, `${error.message} (Retry-After capped at ${retryAfterMs} ms)`, {
    endpoint: error.endpoint,
    httpStatus: error.httpStatus,
    errorCode: error.errorCode,
    retryAfterMs,
    cause: error,
  });
}
