/**
 * Client-side rate limiter: one sliding window per bucket (`bars` 50/30 s, `general`
 * 200/60 s, see lanes.ts), a safety margin below the real limit, and priority lanes.
 *
 *   acquire(bucket, lane) ─► window has room, nothing queued ahead, not paused? ─ yes ─► slot now
 *                                   │ no
 *                                   ▼
 *                queue[bucket][lane] (bounded per lane; full ─► GatewayError 'queue-full')
 *                                   │  one timer per bucket wakes when the oldest stamp leaves
 *                                   ▼  the window (or the 429 pause ends)
 *                drain: enforcement first, then reconciliation, then routine (FIFO per lane)
 *
 *   pause(bucket, ms, lane) on a 429: rate-pause.ts (honoured for one window at most; a pause
 *   earned by other lanes leaves enforcement its reserve).
 *
 *   slot.release() when the response is in: the slot is stamped then (sliding-window.ts
 *   says why), and a completion may let a waiter go.
 *
 * Why per-lane bounds: a flood of routine reads must never make an enforcement call (a
 * flatten) fail with `queue-full`; each lane has its own bound, enforcement's the largest.
 * Why an enforcement reserve: jumping the queue is not enough when routine traffic has
 * already used the whole window; the last `enforcementReserve` slots of each window (10 % of
 * capacity in `general` by default, 18 of 180) are only for enforcement, so a flatten
 * normally goes at once. `bars` has none: enforcement never reads history.
 * Why persistence: a restarted MV3 worker that forgot its last minute of requests would
 * burst past the server's window; sent stamps are saved (debounced) to store `limiter` and
 * merged back by `restore()` (rate-limit-store.ts).
 * Why hand-written, not cockatiel: cockatiel has no sliding-window limiter or priority
 * lanes (its Bulkhead is a concurrency cap) and sleeps on the global clock.
 */
import { abortedError } from './abortable-sleep';
import { GatewayError } from './errors';
import { LANES_BY_PRIORITY, type Lane, type RateBucket } from './lanes';
import {
  type BucketState,
  bucketStats,
  createBucketState,
  hasRoom,
  nextReadyAt,
  persistedOf,
  queuedAhead,
  queuedCount,
  RATE_BUCKETS,
  type RateSlot,
  type Waiter,
} from './rate-bucket';
import {
  type BucketStats,
  DEFAULT_RATE_LIMITS,
  DEFAULT_SAFETY_MARGIN,
  laneBounds,
  type PersistedBucket,
  type RateLimiterOptions,
} from './rate-limit-config';
import { createRateLimitStore } from './rate-limit-store';

/** setTimeout's largest delay: a longer one fires at once (the busy-wake this guards against). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type { RateSlot } from './rate-bucket';
export type { BucketStats, RateLimit, RateLimiterOptions } from './rate-limit-config';

export interface RateLimiter {
  /**
   * Resolves when the request may be sent. The slot is held while the request is in flight:
   * call `release()` once its response (or failure) is in. The executor does.
   */
  acquire(bucket: RateBucket, lane: Lane, signal?: AbortSignal): Promise<RateSlot>;
  /**
   * The slot `acquire` would grant at once, taken without a turn of the event loop; `undefined`
   * when it would wait (no room, a pause, a request of this or a higher lane queued ahead) or
   * the limiter is shut down: then call `acquire`. Lets the enforcer's close leave inside the
   * decision's own task.
   */
  tryAcquire(bucket: RateBucket, lane: Lane): RateSlot | undefined;
  /**
   * The server answered 429 (Retry-After `ms`) to a call of lane `from`: hold the bucket, for
   * one rate window at most (rate-pause.ts says who may still go). Returns the ms honoured.
   */
  pause(bucket: RateBucket, ms: number, from?: Lane): number;
  /** Merge persisted stamps and pauses of a previous worker into this limiter. */
  restore(): Promise<void>;
  /** Write pending stamps now (e.g. before the worker suspends). */
  flush(): Promise<void>;
  stats(): Record<RateBucket, BucketStats>;
  /** Stop timers and reject every queued waiter (aborted). */
  dispose(): void;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, timers } = options;
  const margin = options.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
  if (!(margin >= 0 && margin < 1)) throw new RangeError('safetyMargin must be in [0, 1)');
  const bounds = laneBounds(options.maxQueue);
  const maxInFlightMs = options.maxInFlightMs ?? 60_000;
  let disposed = false;

  const buckets = {} as Record<RateBucket, BucketState>;
  for (const name of RATE_BUCKETS) {
    const limit = options.limits?.[name] ?? DEFAULT_RATE_LIMITS[name];
    buckets[name] = createBucketState(name, limit, margin, options.enforcementReserve?.[name], maxInFlightMs);
  }

  const saved = createRateLimitStore({
    store: options.store,
    clock,
    timers,
    debounceMs: options.persistDebounceMs ?? 1_000,
    snapshot: (now) => {
      const out = {} as Record<RateBucket, PersistedBucket>;
      for (const name of RATE_BUCKETS) out[name] = persistedOf(buckets[name], now);
      return out;
    },
  });

  const grant = (b: BucketState, now: number, lane: Lane): RateSlot => {
    const id = b.slots.begin(now);
    b.paused.granted(lane, now);
    b.counters.granted++;
    saved.schedule();
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const at = clock.now();
        b.slots.complete(id, at);
        saved.schedule();
        if (queuedCount(b) > 0 && !disposed) scheduleWake(b, at);
      },
    };
  };

  const tryAcquire = (bucket: RateBucket, lane: Lane): RateSlot | undefined => {
    const b = buckets[bucket];
    const now = clock.now();
    return !disposed && !queuedAhead(b, lane) && hasRoom(b, now, lane) ? grant(b, now, lane) : undefined;
  };

  const drain = (b: BucketState): void => {
    const now = clock.now();
    for (const lane of LANES_BY_PRIORITY) {
      const queue = b.queues[lane];
      while (queue.length > 0 && hasRoom(b, now, lane)) {
        const waiter = queue.shift();
        if (!waiter) break;
        waiter.cleanup();
        waiter.resolve(grant(b, now, lane));
      }
    }
    if (queuedCount(b) > 0) scheduleWake(b, now);
  };

  const scheduleWake = (b: BucketState, now: number): void => {
    const earliest = nextReadyAt(b, now);
    if (earliest === Number.POSITIVE_INFINITY) return;
    const at = Math.max(earliest, now);
    if (b.timer !== undefined && b.timerAt <= at) return;
    if (b.timer !== undefined) timers.clearTimeout(b.timer);
    b.timerAt = at;
    b.timer = timers.setTimeout(
      () => {
        b.timer = undefined;
        drain(b);
      },
      Math.min(at - now, MAX_TIMER_MS),
    );
  };

  return {
    tryAcquire,

    acquire(bucket, lane, signal) {
      if (disposed) return Promise.reject(new GatewayError('aborted', 'the rate limiter was shut down'));
      if (signal?.aborted) return Promise.reject(abortedError());
      const ready = tryAcquire(bucket, lane);
      if (ready) return Promise.resolve(ready);
      const b = buckets[bucket];
      const now = clock.now();
      const queue = b.queues[lane];
      if (queue.length >= bounds[lane]) {
        b.counters.rejectedQueueFull++;
        return Promise.reject(
          new GatewayError('queue-full', `rate limiter queue for ${lane} ${bucket} requests is full (${bounds[lane]})`),
        );
      }
      return new Promise<RateSlot>((resolve, reject) => {
        const onAbort = (): void => {
          const i = queue.indexOf(waiter);
          if (i >= 0) queue.splice(i, 1);
          b.counters.aborted++;
          reject(abortedError());
        };
        const waiter: Waiter = {
          resolve,
          reject,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        b.counters.maxQueued = Math.max(b.counters.maxQueued, queuedCount(b));
        scheduleWake(b, now);
      });
    },

    pause(bucket, ms, from) {
      const b = buckets[bucket];
      const now = clock.now();
      const honoured = b.paused.pause(now, ms, from);
      if (queuedCount(b) > 0) {
        if (b.timer !== undefined) timers.clearTimeout(b.timer);
        b.timer = undefined;
        scheduleWake(b, now);
      }
      saved.schedule();
      return honoured;
    },

    async restore() {
      const now = clock.now();
      for (const name of RATE_BUCKETS) {
        const b = buckets[name];
        const previous = await saved.load(name, now, b.slots.windowMs);
        if (!previous) continue;
        b.slots.merge(previous.sent, now);
        b.paused.restore(previous.pausedUntil, now);
        if (queuedCount(b) > 0) drain(b);
      }
    },

    flush: () => saved.flush(),

    stats() {
      const now = clock.now();
      const out = {} as Record<RateBucket, BucketStats>;
      for (const name of RATE_BUCKETS) out[name] = bucketStats(buckets[name], now);
      return out;
    },

    dispose() {
      disposed = true;
      saved.dispose();
      for (const name of RATE_BUCKETS) {
        const b = buckets[name];
        if (b.timer !== undefined) timers.clearTimeout(b.timer);
        b.timer = undefined;
        for (const lane of LANES_BY_PRIORITY) {
          for (const waiter of b.queues[lane].splice(0)) {
            waiter.cleanup();
            waiter.reject(new GatewayError('aborted', 'the rate limiter was shut down'));
          }
        }
      }
    },
  };
}
