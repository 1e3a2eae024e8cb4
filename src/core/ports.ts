/**
 * The effects the guard needs, as small interfaces. `src/core` never reaches for a global
 * clock, timer, network, storage or crypto: the worker passes the real ones, tests pass
 * fakes (vitest fake timers, fake-indexeddb, the gateway simulator).
 */

/** Wall-clock time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** A uniform random number in [0, 1); injected so jitter is deterministic in tests. */
export type Random = () => number;

/** The subset of `fetch` the REST client uses. */
export interface HttpResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (
  url: string,
  init: { method: 'POST' | 'GET'; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<HttpResponseLike>;

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]),
};

/**
 * Named deadlines (lockout expiries, grace periods, the trading-day reset, the watchdog) that
 * must fire even if the worker was stopped in between: the worker backs this with
 * `chrome.alarms` (which survive a stopped worker) plus a timer for sub-minute precision while
 * alive. Scheduling a name again replaces its deadline.
 */
export interface Scheduler {
  schedule(name: string, at: number): void;
  cancel(name: string): void;
}
