import { startSimulator } from '../../../simulator/index';
import type { SimulatorOptions } from '../../../simulator/types';
import { createAuthTransport } from '../../../src/core/auth/auth-transport';
import { createSecretVault } from '../../../src/core/auth/secret-vault';
import { createTokenManager } from '../../../src/core/auth/token-manager';
import { createRestClient } from '../../../src/core/gateway/rest-client';
import type { FetchLike } from '../../../src/core/ports';
import { systemClock, systemTimers } from '../../../src/core/ports';
import { createBreakerRegistry } from '../../../src/core/resilience/breaker-registry';
import type { BreakerOptions } from '../../../src/core/resilience/circuit-breaker';
import { createRateLimiter, type RateLimit } from '../../../src/core/resilience/rate-limiter';
import { createResilientExecutor } from '../../../src/core/resilience/resilient-executor';
import { createRetryPolicy, type RetryPolicyOptions } from '../../../src/core/resilience/retry-policy';
import { createMemoryStore } from '../../../src/core/storage/memory-store';

/**
 * The whole REST stack as the background worker wires it — auth transport, token manager,
 * rate limiter, breakers, retry policy, resilient executor, REST client — against a fresh
 * simulator on loopback, with real timers and real fetch. Timings are compressed by the caller.
 */
export const nodeFetch: FetchLike = (url, init) => fetch(url, init);

export interface StackOptions {
  sim?: SimulatorOptions;
  limits?: { general?: RateLimit; bars?: RateLimit };
  breaker?: BreakerOptions;
  retry?: RetryPolicyOptions;
  timeoutMs?: number;
  refreshBufferMs?: number;
  /** Wrap fetch (e.g. to count requests). */
  wrapFetch?: (inner: FetchLike) => FetchLike;
}

export async function startStack(options: StackOptions = {}) {
  const sim = await startSimulator({ priceTickMs: 0, ...options.sim });
  const store = createMemoryStore();
  const clock = systemClock;
  const timers = systemTimers;
  const fetchImpl = options.wrapFetch ? options.wrapFetch(nodeFetch) : nodeFetch;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const auth = createAuthTransport({ fetch: fetchImpl, baseUrl: sim.restUrl, timeoutMs });
  const vault = createSecretVault({ store, subtle: globalThis.crypto.subtle });
  const tokens = createTokenManager({
    clock,
    timers,
    auth,
    vault,
    boundTo: sim.restUrl,
    ...(options.refreshBufferMs === undefined ? {} : { refreshBufferMs: options.refreshBufferMs }),
  });
  await tokens.setCredentials(sim.demo.userName, sim.demo.apiKey);
  const limiter = createRateLimiter({ clock, timers, ...(options.limits ? { limits: options.limits } : {}) });
  const breakers = createBreakerRegistry({ clock, ...(options.breaker ? { options: options.breaker } : {}) });
  const retry = createRetryPolicy({ maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 200, jitter: 0, ...options.retry });
  const executor = createResilientExecutor({ limiter, breakers, retry, clock, timers });
  const api = createRestClient({ baseUrl: sim.restUrl, fetch: fetchImpl, executor, tokens, clock, timeoutMs });
  const accountId = sim.demo.accountIds[0];
  if (accountId === undefined) throw new Error('the simulator has no demo account');
  return {
    sim,
    api,
    auth,
    tokens,
    limiter,
    breakers,
    executor,
    store,
    accountId,
    async stop() {
      tokens.dispose();
      limiter.dispose();
      await sim.stop();
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/** Start of the current day, ISO, for Order/Trade searches. */
export function dayStart(): string {
  return new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
}

/** A small History/retrieveBars request: the last hour of 1-minute bars. */
export function lastHourBars(contractId: string) {
  return {
    contractId,
    live: false,
    startTime: new Date(Date.now() - 60 * 60_000).toISOString(),
    endTime: new Date().toISOString(),
    unit: 2,
    unitNumber: 1,
    limit: 10,
    includePartialBar: false,
  };
}
