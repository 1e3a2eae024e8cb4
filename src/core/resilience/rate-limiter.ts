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
 * merged back by `restore()` (sanitized: rate-limit-config.ts).
 * Why hand-written, not cockatiel: cockatiel has no sliding-window limiter or priority
 * lanes (its Bulkhead is a concurrency cap) and sleeps on the global clock.
 */
import type { TimerHandle } from '../ports';
import { abortedError } from './abortable-sleep';
import { GatewayError } from './errors';
import { LANES_BY_PRIORITY, type Lane, type RateBucket } from './lanes';
import {
  type BucketStats,
  bucketCapacity,
  DEFAULT_RATE_LIMITS,
  DEFAULT_SAFETY_MARGIN,
  laneBounds,
  type PersistedBucket,
  type RateLimiterOptions,
  sanitizePersisted,
} from './rate-limit-config';
import { createRatePause, type RatePause } from './rate-pause';
import { createSlidingWindow, type SlidingWindow } from './sliding-window';

/** setTimeout's largest delay: a longer one fires at once (the busy-wake this guards against). */
const MAX_TIMER_MS = 2 ** 31 - 1;

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

export interface RateSlot {
  /** The request is over (answered, failed or aborted); idempotent. */
  release(): void;
}

interface Waiter {
  resolve: (slot: RateSlot) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

interface BucketState {
  slots: SlidingWindow;
  paused: RatePause;
  queues: Record<Lane, Waiter[]>;
  timer: TimerHandle | undefined;
  timerAt: number;
  counters: { granted: number; rejectedQueueFull: number; aborted: number; maxQueued: number };
}

const BUCKETS: readonly RateBucket[] = ['bars', 'general'];

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, timers, store } = options;
  const margin = options.safetyMargin ?? DEFAULT_SAFETY_MARGIN;
  if (!(margin >= 0 && margin < 1)) throw new RangeError('safetyMargin must be in [0, 1)');
  const debounceMs = options.persistDebounceMs ?? 1_000;
  const bounds = laneBounds(options.maxQueue);
  const maxInFlightMs = options.maxInFlightMs ?? 60_000;
  let persistTimer: TimerHandle | undefined;
  let disposed = false;

  const buckets = {} as Record<RateBucket, BucketState>;
  for (const name of BUCKETS) {
    const limit = options.limits?.[name] ?? DEFAULT_RATE_LIMITS[name];
    const { capacity, reserve } = bucketCapacity(name, limit, margin, options.enforcementReserve?.[name]);
    buckets[name] = {
      slots: createSlidingWindow({ windowMs: limit.windowMs, capacity, reserve, maxInFlightMs }),
      paused: createRatePause({ windowMs: limit.windowMs, reserve }),
      queues: { enforcement: [], reconciliation: [], routine: [] },
      timer: undefined,
      timerAt: 0,
      counters: { granted: 0, rejectedQueueFull: 0, aborted: 0, maxQueued: 0 },
    };
  }

  const queuedCount = (b: BucketState): number =>
    b.queues.enforcement.length + b.queues.reconciliation.length + b.queues.routine.length;
  const hasRoom = (b: BucketState, now: number, lane: Lane): boolean =>
    now >= b.paused.readyAt(lane, now) && b.slots.hasRoom(lane, now);
  const queuedAhead = (b: BucketState, lane: Lane): boolean => {
    for (const l of LANES_BY_PRIORITY) {
      if (b.queues[l].length > 0) return true;
      if (l === lane) return false;
    }
    return false;
  };

  const grant = (b: BucketState, now: number, lane: Lane): RateSlot => {
    const id = b.slots.begin(now);
    b.paused.granted(lane, now);
    b.counters.granted++;
    schedulePersist();
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        const at = clock.now();
        b.slots.complete(id, at);
        schedulePersist();
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
    let earliest = Number.POSITIVE_INFINITY;
    for (const lane of LANES_BY_PRIORITY) {
      if (b.queues[lane].length > 0) {
        earliest = Math.min(earliest, Math.max(b.slots.slotAt(lane, now), b.paused.readyAt(lane, now)));
      }
    }
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

  const schedulePersist = (): void => {
    if (!store || persistTimer !== undefined || disposed) return;
    persistTimer = timers.setTimeout(() => {
      persistTimer = undefined;
      void persist().catch(() => undefined); // best effort: a failed write only weakens restart protection
    }, debounceMs);
  };

  const persist = async (): Promise<void> => {
    if (!store) return;
    const now = clock.now();
    const writes = BUCKETS.map((name) => {
      const b = buckets[name];
      const value: PersistedBucket = { sent: b.slots.stamps(now), pausedUntil: b.paused.until() };
      return { store: 'limiter' as const, key: name, value };
    });
    await store.putMany(writes, { durability: 'relaxed' });
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
      schedulePersist();
      return honoured;
    },

    async restore() {
      if (!store) return;
      const now = clock.now();
      for (const name of BUCKETS) {
        const b = buckets[name];
        const saved = sanitizePersisted(await store.get<unknown>('limiter', name), now, b.slots.windowMs);
        if (!saved) continue;
        b.slots.merge(saved.sent, now);
        b.paused.restore(saved.pausedUntil, now);
        if (queuedCount(b) > 0) drain(b);
      }
    },

    flush() {
      if (persistTimer !== undefined) {
        timers.clearTimeout(persistTimer);
        persistTimer = undefined;
      }
      return persist();
    },

    stats() {
      const now = clock.now();
      const out = {} as Record<RateBucket, BucketStats>;
      for (const name of BUCKETS) {
        const b = buckets[name];
        out[name] = {
          capacity: b.slots.capacity,
          enforcementReserve: b.slots.reserve,
          inWindow: b.slots.count(now),
          inFlight: b.slots.inFlight(),
          queued: {
            enforcement: b.queues.enforcement.length,
            reconciliation: b.queues.reconciliation.length,
            routine: b.queues.routine.length,
          },
          pausedUntil: b.paused.until(),
          enforcementPausedUntil: b.paused.enforcementUntil(),
          ...b.counters,
        };
      }
      return out;
    },

    dispose() {
      disposed = true;
      if (persistTimer !== undefined) timers.clearTimeout(persistTimer);
      persistTimer = undefined;
      for (const name of BUCKETS) {
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
