import { randomUUID, webcrypto } from 'node:crypto';
import type { Simulator } from '../../../simulator/types';
import { createGuard } from '../../../src/core/guard/create-guard';
import type { Guard } from '../../../src/core/guard/guard';
import type { GuardTuning } from '../../../src/core/guard/guard-deps';
import { createMemoryJournal, type Journal } from '../../../src/core/journal/journal';
import type { Clock, FetchLike, Scheduler } from '../../../src/core/ports';
import { systemTimers } from '../../../src/core/ports';
import { createSignalRHubFactory, type HubTransportFactory } from '../../../src/core/realtime/hub-transport';
import type { DurableStore } from '../../../src/core/storage/durable-store';
import { createMemoryStore } from '../../../src/core/storage/memory-store';

/** A Scheduler on plain timers: what chrome.alarms gives the worker, for Node tests. */
export function createTimerScheduler(clock: Clock, onFire: (name: string) => void): Scheduler & { stop(): void } {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    schedule(name, at) {
      const t = timers.get(name);
      if (t) clearTimeout(t);
      timers.set(
        name,
        setTimeout(() => onFire(name), Math.max(0, Math.min(at - clock.now(), 2 ** 31 - 1))),
      );
    },
    cancel(name) {
      const t = timers.get(name);
      if (t) clearTimeout(t);
      timers.delete(name);
    },
    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

export interface GuardHarness<J extends Journal = Journal & { entries: Awaited<ReturnType<Journal['list']>> }> {
  guard: Guard;
  store: DurableStore;
  journal: J;
  stop(): Promise<void>;
}

export const FAST_TUNING: GuardTuning = {
  pollIntervalMs: 500,
  settleMs: 50,
  reconnectDelaysMs: [0, 100, 200, 400, 800],
  foreverDelayMs: 800,
};

export interface StartGuardOptions<J extends Journal = ReturnType<typeof createMemoryJournal>> {
  store?: DurableStore;
  journal?: J;
  clock?: Clock;
  /**
   * The guard's monotonic clock. Defaults to `clock`: a test that moves its clock means time
   * passing, for every clock; a test of the computer's clock being SET passes a separate one.
   */
  monotonic?: Clock;
  tuning?: GuardTuning;
  /** The network ports, to watch what the guard sends (default: Node's fetch, the real SignalR client). */
  fetch?: FetchLike;
  hubFactory?: HubTransportFactory;
}

/** A guard in Node against the simulator: real fetch, real SignalR, real timers, memory storage (or the given store and journal). */
export function startGuard<J extends Journal = ReturnType<typeof createMemoryJournal>>(
  sim: Simulator,
  options: StartGuardOptions<J> = {},
): GuardHarness<J> {
  const clock = options.clock ?? { now: () => Date.now() };
  const monotonic = options.monotonic ?? clock;
  const store = options.store ?? createMemoryStore();
  const journal = options.journal ?? (createMemoryJournal() as unknown as J);
  let guard: Guard | null = null;
  const scheduler = createTimerScheduler(clock, (name) => void guard?.onDeadline(name));
  guard = createGuard({
    clock,
    monotonic,
    timers: systemTimers,
    random: Math.random,
    fetch: options.fetch ?? (fetch as unknown as FetchLike),
    subtle: webcrypto.subtle as unknown as SubtleCrypto,
    store,
    journal,
    hubFactory: options.hubFactory ?? createSignalRHubFactory(),
    scheduler,
    hosts: { restBaseUrl: sim.restUrl, userHubUrl: sim.userHubUrl, marketHubUrl: sim.marketHubUrl },
    newId: randomUUID,
    tuning: { ...FAST_TUNING, ...options.tuning },
  });
  const g = guard;
  return {
    guard: g,
    store,
    journal,
    async stop() {
      scheduler.stop();
      await g.stop();
    },
  };
}

/**
 * Polls `probe` until it is truthy. `explain`, when given, describes the state at a timeout
 * (health, journal tail), so a failure on a busy CI machine says what the guard was doing.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 8000,
  explain?: () => unknown,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      const state = explain ? `; state: ${JSON.stringify(await explain())}` : '';
      throw new Error(`timed out waiting for ${what}${state}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
