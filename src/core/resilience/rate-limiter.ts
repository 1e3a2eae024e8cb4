/**
 * Client-side rate limiter: one sliding window per bucket (`bars` 50/30 s, `general`
 * 200/60 s, see lanes.ts), a safety margin below the real limit, and priority lanes.
 *
 *   acquire(bucket, lane) ─► window has room, nothing queued ahead, not paused? ─ yes ─► granted now
 *                                   │ no
 *                                   ▼
 *                queue[bucket][lane] (bounded per lane; full ─► GatewayError 'queue-full')
 *                                   │  one timer per bucket wakes when the oldest stamp leaves
 *                                   ▼  the window (or the 429 pause ends)
 *                drain: enforcement first, then reconciliation, then routine (FIFO per lane)
 *
 * Why per-lane bounds: a flood of routine reads must never make an enforcement call (a
 * flatten) fail with `queue-full`; each lane has its own bound, enforcement's the largest.
 * Why persistence: a restarted MV3 worker that forgot its last minute of requests would
 * burst past the server's window; sent stamps are saved (debounced) to store `limiter` and
 * merged back by `restore()`. Stamps from the future (clock moved back) are clamped to now so a
 * clock jump cannot block the guard for hours.
 * Why hand-written, not cockatiel: cockatiel has no sliding-window limiter or priority
 * lanes (its Bulkhead is a concurrency cap) and sleeps on the global clock.
 */
import type { Clock, TimerHandle, Timers } from '../ports';
import type { DurableStore } from '../storage/durable-store';
import { abortedError } from './abortable-sleep';
import { GatewayError } from './errors';
import { LANES_BY_PRIORITY, type Lane, type RateBucket } from './lanes';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMITS: Readonly<Record<RateBucket, RateLimit>> = {
  bars: { max: 50, windowMs: 30_000 },
  general: { max: 200, windowMs: 60_000 },
};

export const DEFAULT_MAX_QUEUE: Readonly<Record<Lane, number>> = {
  enforcement: 1_000,
  reconciliation: 200,
  routine: 200,
};

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
}

export interface BucketStats {
  /** Requests the limiter lets through per window (limit minus safety margin). */
  capacity: number;
  inWindow: number;
  queued: Record<Lane, number>;
  pausedUntil: number;
  granted: number;
  rejectedQueueFull: number;
  aborted: number;
  maxQueued: number;
}

export interface RateLimiter {
  /** Resolves when the request may be sent; the grant is counted in the window at once. */
  acquire(bucket: RateBucket, lane: Lane, signal?: AbortSignal): Promise<void>;
  /** The server answered 429 (Retry-After `ms`): issue nothing in this bucket until then. */
  pause(bucket: RateBucket, ms: number): void;
  /** Merge persisted stamps and pauses of a previous worker into this limiter. */
  restore(): Promise<void>;
  /** Write pending stamps now (e.g. before the worker suspends). */
  flush(): Promise<void>;
  stats(): Record<RateBucket, BucketStats>;
  /** Stop timers and reject every queued waiter (aborted). */
  dispose(): void;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

interface BucketState {
  limit: RateLimit;
  capacity: number;
  sent: number[];
  pausedUntil: number;
  queues: Record<Lane, Waiter[]>;
  timer: TimerHandle | undefined;
  timerAt: number;
  counters: { granted: number; rejectedQueueFull: number; aborted: number; maxQueued: number };
}

interface PersistedBucket {
  sent: number[];
  pausedUntil: number;
}

const BUCKETS: readonly RateBucket[] = ['bars', 'general'];

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { clock, timers, store } = options;
  const margin = options.safetyMargin ?? 0.1;
  if (!(margin >= 0 && margin < 1)) throw new RangeError('safetyMargin must be in [0, 1)');
  const debounceMs = options.persistDebounceMs ?? 1_000;
  const bounds = laneBounds(options.maxQueue);
  let persistTimer: TimerHandle | undefined;
  let disposed = false;

  const buckets = {} as Record<RateBucket, BucketState>;
  for (const name of BUCKETS) {
    const limit = options.limits?.[name] ?? DEFAULT_RATE_LIMITS[name];
    buckets[name] = {
      limit,
      capacity: Math.max(1, Math.floor(limit.max * (1 - margin))),
      sent: [],
      pausedUntil: 0,
      queues: { enforcement: [], reconciliation: [], routine: [] },
      timer: undefined,
      timerAt: 0,
      counters: { granted: 0, rejectedQueueFull: 0, aborted: 0, maxQueued: 0 },
    };
  }

  const prune = (b: BucketState, now: number): void => {
    const cutoff = now - b.limit.windowMs;
    let drop = 0;
    while (drop < b.sent.length && (b.sent[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) b.sent.splice(0, drop);
  };
  const queuedCount = (b: BucketState): number =>
    b.queues.enforcement.length + b.queues.reconciliation.length + b.queues.routine.length;
  const hasRoom = (b: BucketState, now: number): boolean => now >= b.pausedUntil && b.sent.length < b.capacity;

  const grant = (b: BucketState, now: number): void => {
    b.sent.push(now);
    b.counters.granted++;
    schedulePersist();
  };

  const drain = (b: BucketState): void => {
    const now = clock.now();
    prune(b, now);
    for (const lane of LANES_BY_PRIORITY) {
      const queue = b.queues[lane];
      while (queue.length > 0 && hasRoom(b, now)) {
        const waiter = queue.shift();
        if (!waiter) break;
        waiter.cleanup();
        grant(b, now);
        waiter.resolve();
      }
    }
    if (queuedCount(b) > 0) scheduleWake(b, now);
  };

  const scheduleWake = (b: BucketState, now: number): void => {
    const oldest = b.sent[0];
    const slotAt = b.sent.length >= b.capacity && oldest !== undefined ? oldest + b.limit.windowMs : now;
    const at = Math.max(slotAt, b.pausedUntil, now);
    if (b.timer !== undefined && b.timerAt <= at) return;
    if (b.timer !== undefined) timers.clearTimeout(b.timer);
    b.timerAt = at;
    b.timer = timers.setTimeout(() => {
      b.timer = undefined;
      drain(b);
    }, at - now);
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
      prune(b, now);
      const value: PersistedBucket = { sent: [...b.sent], pausedUntil: b.pausedUntil };
      return { store: 'limiter' as const, key: name, value };
    });
    await store.putMany(writes, { durability: 'relaxed' });
  };

  return {
    acquire(bucket, lane, signal) {
      if (disposed) return Promise.reject(new GatewayError('aborted', 'the rate limiter was shut down'));
      if (signal?.aborted) return Promise.reject(abortedError());
      const b = buckets[bucket];
      const now = clock.now();
      prune(b, now);
      if (queuedCount(b) === 0 && hasRoom(b, now)) {
        grant(b, now);
        return Promise.resolve();
      }
      const queue = b.queues[lane];
      if (queue.length >= bounds[lane]) {
        b.counters.rejectedQueueFull++;
        return Promise.reject(
          new GatewayError('queue-full', `rate limiter queue for ${lane} ${bucket} requests is full (${bounds[lane]})`),
        );
      }
      return new Promise<void>((resolve, reject) => {
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

    pause(bucket, ms) {
      const b = buckets[bucket];
      const now = clock.now();
      b.pausedUntil = Math.max(b.pausedUntil, now + Math.max(0, ms));
      if (queuedCount(b) > 0) {
        if (b.timer !== undefined) timers.clearTimeout(b.timer);
        b.timer = undefined;
        scheduleWake(b, now);
      }
      schedulePersist();
    },

    async restore() {
      if (!store) return;
      const now = clock.now();
      for (const name of BUCKETS) {
        const saved = await store.get<PersistedBucket>('limiter', name);
        if (!saved || !Array.isArray(saved.sent)) continue;
        const b = buckets[name];
        const stamps = saved.sent.filter((t) => Number.isFinite(t)).map((t) => Math.min(t, now));
        b.sent = [...b.sent, ...stamps].sort((x, y) => x - y);
        prune(b, now);
        // A Retry-After never lasts longer than one window; a far-future pause is a clock jump.
        const paused = Number.isFinite(saved.pausedUntil) ? saved.pausedUntil : 0;
        b.pausedUntil = Math.max(b.pausedUntil, Math.min(paused, now + b.limit.windowMs));
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
        prune(b, now);
        out[name] = {
          capacity: b.capacity,
          inWindow: b.sent.length,
          queued: {
            enforcement: b.queues.enforcement.length,
            reconciliation: b.queues.reconciliation.length,
            routine: b.queues.routine.length,
          },
          pausedUntil: b.pausedUntil,
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

function laneBounds(maxQueue: RateLimiterOptions['maxQueue']): Record<Lane, number> {
  if (typeof maxQueue === 'number') {
    return { enforcement: maxQueue, reconciliation: maxQueue, routine: maxQueue };
  }
  return { ...DEFAULT_MAX_QUEUE, ...maxQueue };
}
