/**
 * One rate bucket's sliding window, counted the way the server counts: a request occupies
 * a slot from the moment it is sent until `windowMs` after it ARRIVED. The client cannot see
 * the arrival, so a slot is held while the request is in flight and stamped when it
 * completes (an upper bound of its arrival). Counting from the grant instead lets a burst
 * overrun the server: grants leave the client's window while the server still counts the
 * late arrivals (measured by the gateway helper's read-burst chaos test).
 *
 * A slot never released (a caller bug) is treated as completed `maxInFlightMs` after its
 * grant, so a leak throttles for a while instead of forever.
 *
 * Enforcement may use the whole capacity; other lanes stop `reserve` short of it. Pure
 * arithmetic on small arrays; the limiter owns the timers.
 */
import type { Lane } from './lanes';

export interface SlidingWindow {
  readonly windowMs: number;
  readonly capacity: number;
  readonly reserve: number;
  /** Slots taken at `now`: completed stamps still in the window plus requests in flight. */
  count(now: number): number;
  inFlight(): number;
  hasRoom(lane: Lane, now: number): boolean;
  /** When `lane` next has room if nothing else happens (a completion can bring it forward). */
  slotAt(lane: Lane, now: number): number;
  /** A request is sent: hold a slot until `complete(id)`. */
  begin(now: number): number;
  complete(id: number, now: number): void;
  /** Add completed stamps from elsewhere (a previous worker). */
  merge(stamps: readonly number[], now: number): void;
  /** Stamps to persist: completed ones, and in-flight ones as if completing `now`. */
  stamps(now: number): number[];
}

export function createSlidingWindow(input: {
  windowMs: number;
  capacity: number;
  reserve: number;
  maxInFlightMs: number;
}): SlidingWindow {
  const { windowMs, capacity, reserve, maxInFlightMs } = input;
  let done: number[] = []; // completion stamps, sorted
  const flying = new Map<number, number>(); // id → grant time
  let nextId = 0;

  const insert = (t: number): void => {
    let i = done.length;
    while (i > 0 && (done[i - 1] ?? 0) > t) i--;
    done.splice(i, 0, t);
  };
  const prune = (now: number): void => {
    for (const [id, grantedAt] of flying) {
      if (now - grantedAt >= maxInFlightMs) {
        flying.delete(id);
        insert(grantedAt + maxInFlightMs);
      }
    }
    const cutoff = now - windowMs;
    let drop = 0;
    while (drop < done.length && (done[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) done.splice(0, drop);
  };
  const laneCapacity = (lane: Lane): number => (lane === 'enforcement' ? capacity : capacity - reserve);
  const count = (now: number): number => {
    prune(now);
    return done.length + flying.size;
  };

  return {
    windowMs,
    capacity,
    reserve,
    count,
    inFlight: () => flying.size,
    hasRoom: (lane, now) => count(now) < laneCapacity(lane),
    slotAt(lane, now) {
      const taken = count(now);
      const cap = laneCapacity(lane);
      if (taken < cap) return now;
      // Latest possible completion of each slot, in order; the (taken − cap)-th must leave.
      const ends = [...done, ...[...flying.values()].map((t) => t + maxInFlightMs).sort((a, b) => a - b)];
      return (ends[taken - cap] ?? now) + windowMs;
    },
    begin(now) {
      nextId++;
      flying.set(nextId, now);
      return nextId;
    },
    complete(id, now) {
      if (!flying.delete(id)) return; // already counted as completed by the in-flight cap
      insert(now);
    },
    merge(stamps, now) {
      done = [...done, ...stamps].sort((x, y) => x - y);
      prune(now);
    },
    stamps(now) {
      prune(now);
      return [...done, ...[...flying.values()].map(() => now)];
    },
  };
}
