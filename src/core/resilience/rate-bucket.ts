import type { TimerHandle } from '../ports';
import { LANES_BY_PRIORITY, type Lane, type RateBucket } from './lanes';
import { type BucketStats, bucketCapacity, type PersistedBucket, type RateLimit } from './rate-limit-config';
import { createRatePause, type RatePause } from './rate-pause';
import { createSlidingWindow, type SlidingWindow } from './sliding-window';

/**
 * One rate bucket (`bars` or `general`) as the limiter holds it: the sliding window of its
 * slots, its 429 pause, a FIFO queue per lane of the requests waiting for a slot, the one
 * timer that wakes them, and its counters. Here is what can be read of a bucket at a moment;
 * what happens to it (grant, wait, drain, pause) is the limiter's (rate-limiter.ts).
 */
export interface BucketState {
  slots: SlidingWindow;
  paused: RatePause;
  queues: Record<Lane, Waiter[]>;
  timer: TimerHandle | undefined;
  timerAt: number;
  counters: { granted: number; rejectedQueueFull: number; aborted: number; maxQueued: number };
}

/** A granted slot: held while its request is in flight. */
export interface RateSlot {
  /** The request is over (answered, failed or aborted); idempotent. */
  release(): void;
}

/** A request waiting in a lane's queue. */
export interface Waiter {
  resolve: (slot: RateSlot) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

export const RATE_BUCKETS: readonly RateBucket[] = ['bars', 'general'];

export function createBucketState(
  name: RateBucket,
  limit: RateLimit,
  margin: number,
  reserveOption: number | undefined,
  maxInFlightMs: number,
): BucketState {
  const { capacity, reserve } = bucketCapacity(name, limit, margin, reserveOption);
  return {
    slots: createSlidingWindow({ windowMs: limit.windowMs, capacity, reserve, maxInFlightMs }),
    paused: createRatePause({ windowMs: limit.windowMs, reserve }),
    queues: { enforcement: [], reconciliation: [], routine: [] },
    timer: undefined,
    timerAt: 0,
    counters: { granted: 0, rejectedQueueFull: 0, aborted: 0, maxQueued: 0 },
  };
}

export const queuedCount = (b: BucketState): number =>
  b.queues.enforcement.length + b.queues.reconciliation.length + b.queues.routine.length;

/** A request of `lane` may have a slot now: no pause holds it and the window has room for it. */
export const hasRoom = (b: BucketState, now: number, lane: Lane): boolean =>
  now >= b.paused.readyAt(lane, now) && b.slots.hasRoom(lane, now);

/** Someone of `lane` or of a lane before it is waiting: a newcomer of `lane` queues behind them. */
export const queuedAhead = (b: BucketState, lane: Lane): boolean => {
  for (const l of LANES_BY_PRIORITY) {
    if (b.queues[l].length > 0) return true;
    if (l === lane) return false;
  }
  return false;
};

/** The earliest moment one of the waiting requests could go; Infinity when none waits. */
export function nextReadyAt(b: BucketState, now: number): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const lane of LANES_BY_PRIORITY) {
    if (b.queues[lane].length > 0) {
      earliest = Math.min(earliest, Math.max(b.slots.slotAt(lane, now), b.paused.readyAt(lane, now)));
    }
  }
  return earliest;
}

/** What store `limiter` keeps of the bucket (rate-limit-store.ts). */
export const persistedOf = (b: BucketState, now: number): PersistedBucket => ({
  sent: b.slots.stamps(now),
  pausedUntil: b.paused.until(),
});

export function bucketStats(b: BucketState, now: number): BucketStats {
  return {
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
