/**
 * One rate bucket's sliding window: the send stamps of the last `windowMs`, how many a lane
 * may still use (enforcement may use the reserved tail, other lanes may not), and when a
 * lane gets its next slot. Pure arithmetic on a sorted array; the limiter owns the timers.
 */
import type { Lane } from './lanes';

export interface SlidingWindow {
  readonly windowMs: number;
  readonly capacity: number;
  readonly reserve: number;
  /** Stamps still inside the window at `now` (older ones are dropped). */
  count(now: number): number;
  hasRoom(lane: Lane, now: number): boolean;
  /** The time `lane` next has room: `now`, or when the blocking stamp leaves the window. */
  slotAt(lane: Lane, now: number): number;
  record(now: number): void;
  /** Add stamps from elsewhere (a previous worker), keeping the order. */
  merge(stamps: readonly number[], now: number): void;
  stamps(now: number): number[];
}

export function createSlidingWindow(input: { windowMs: number; capacity: number; reserve: number }): SlidingWindow {
  const { windowMs, capacity, reserve } = input;
  let sent: number[] = [];

  const prune = (now: number): void => {
    const cutoff = now - windowMs;
    let drop = 0;
    while (drop < sent.length && (sent[drop] ?? 0) <= cutoff) drop++;
    if (drop > 0) sent.splice(0, drop);
  };
  const laneCapacity = (lane: Lane): number => (lane === 'enforcement' ? capacity : capacity - reserve);

  return {
    windowMs,
    capacity,
    reserve,
    count(now) {
      prune(now);
      return sent.length;
    },
    hasRoom(lane, now) {
      prune(now);
      return sent.length < laneCapacity(lane);
    },
    slotAt(lane, now) {
      prune(now);
      const cap = laneCapacity(lane);
      if (sent.length < cap) return now;
      return (sent[sent.length - cap] ?? now) + windowMs;
    },
    record(now) {
      sent.push(now);
    },
    merge(stamps, now) {
      sent = [...sent, ...stamps].sort((x, y) => x - y);
      prune(now);
    },
    stamps(now) {
      prune(now);
      return [...sent];
    },
  };
}
