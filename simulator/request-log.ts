import type { RequestLogEntry } from './types';

/**
 * Every REST request with its outcome and duration, for tests that count calls.
 *
 * `count()` and `since(n)` exist for pollers: the benchmark's breach loop asks "has the close
 * arrived?" every millisecond, in the simulator's own process. Copying the whole log for that
 * (`list()`) cost time that grew with the run, and it was the simulator's time: a request that
 * arrived during a copy was stamped late, so later runs (the guard's, after the reference's)
 * paid more for the same latency.
 */
export interface RequestLog {
  add(entry: RequestLogEntry): void;
  list(endpoint?: string): RequestLogEntry[];
  /** Requests logged since the start (or the last clear()), trimmed ones included. */
  count(): number;
  /** The requests logged after the first `n` (as counted by count()) that are still kept. */
  since(n: number): RequestLogEntry[];
  clear(): void;
}

export function createRequestLog(max = 50_000): RequestLog {
  let entries: RequestLogEntry[] = [];
  /** How many were trimmed off the front: entries[i] is request number trimmed + i. */
  let trimmed = 0;
  return {
    add(entry) {
      entries.push(entry);
      // Trimmed in steps of a tenth, not on every request past the cap.
      if (entries.length > max * 1.1) {
        trimmed += entries.length - max;
        entries = entries.slice(-max);
      }
    },
    list(endpoint) {
      const want = endpoint?.toLowerCase();
      return entries.filter((e) => want === undefined || e.endpoint.toLowerCase() === want).map((e) => ({ ...e }));
    },
    count: () => trimmed + entries.length,
    since(n) {
      return entries.slice(Math.max(0, n - trimmed)).map((e) => ({ ...e }));
    },
    clear() {
      entries = [];
      trimmed = 0;
    },
  };
}
