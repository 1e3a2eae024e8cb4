import type { GatewayHosts } from '../gateway/hosts';
import type { Journal } from '../journal/journal';
import type { Clock, FetchLike, Random, Scheduler, Timers } from '../ports';
import type { HubTransportFactory } from '../realtime/hub-transport';
import type { BreakerOptions } from '../resilience/circuit-breaker';
import type { RateBucket } from '../resilience/lanes';
import type { RateLimit } from '../resilience/rate-limit-config';
import type { RetryPolicyOptions } from '../resilience/retry-policy';
import type { DurableStore } from '../storage/durable-store';

/**
 * Everything the guard needs from its host, as ports: the worker passes the browser's real
 * ones (IndexedDB store and journal, fetch, WebCrypto, SignalR, chrome.alarms), tests pass the
 * simulator's URLs, fake-indexeddb and fake or real timers.
 */
export interface GuardDeps {
  /** The computer's wall clock (the trader can set it). */
  clock: Clock;
  /** A clock nobody can set (performance.now() in the worker): counts time between server answers. */
  monotonic: Clock;
  timers: Timers;
  random: Random;
  fetch: FetchLike;
  subtle: SubtleCrypto;
  store: DurableStore;
  journal: Journal;
  hubFactory: HubTransportFactory;
  scheduler: Scheduler;
  hosts: GatewayHosts;
  newId: () => string;
  /** Timing probe (benchmarks, local builds): told when an enforcement is decided, before it is acted on. */
  probe?: { decided(): void };
  /** Overrides for compressed timings in tests (defaults are the production values). */
  tuning?: GuardTuning;
}

export interface GuardTuning {
  /** The REST poll interval while the user hub is down or stale. */
  pollIntervalMs?: number;
  /** Rate limits (tests compress the windows). */
  rateLimits?: Partial<Record<RateBucket, RateLimit>>;
  /** Enforcer settle time between acting and re-reading. */
  settleMs?: number;
  /** First delay before a failed enforcement is tried again (doubles up to 5 min). */
  retryFailedAfterMs?: number;
  /** Hub reconnect delays. */
  reconnectDelaysMs?: number[];
  foreverDelayMs?: number;
  serverTimeoutMs?: number;
  keepAliveIntervalMs?: number;
  requestTimeoutMs?: number;
  /** The routine client's retry policy and breakers (tests compress them; enforcement's stay as built). */
  routineRetry?: RetryPolicyOptions;
  routineBreaker?: BreakerOptions;
}

/** The realtime session's share of the tuning (production defaults where a value is not given). */
export function sessionTuning(tuning: GuardTuning) {
  return {
    ...(tuning.pollIntervalMs ? { pollIntervalMs: tuning.pollIntervalMs } : {}),
    connection: {
      ...(tuning.reconnectDelaysMs ? { delaysMs: tuning.reconnectDelaysMs } : {}),
      ...(tuning.foreverDelayMs ? { foreverDelayMs: tuning.foreverDelayMs } : {}),
      ...(tuning.serverTimeoutMs ? { serverTimeoutMs: tuning.serverTimeoutMs } : {}),
      ...(tuning.keepAliveIntervalMs ? { keepAliveIntervalMs: tuning.keepAliveIntervalMs } : {}),
    },
  };
}

/** The enforcer's share of the tuning (production defaults where a value is not given). */
export function enforcerTuning(tuning: GuardTuning): { settleMs?: number; retryFailedAfterMs?: number } {
  return {
    ...(tuning.settleMs !== undefined ? { settleMs: tuning.settleMs } : {}),
    ...(tuning.retryFailedAfterMs !== undefined ? { retryFailedAfterMs: tuning.retryFailedAfterMs } : {}),
  };
}
