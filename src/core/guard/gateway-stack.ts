import { createAuthTransport } from '../auth/auth-transport';
import { createSecretVault } from '../auth/secret-vault';
import { createTokenManager } from '../auth/token-manager';
import { hostBindingOf } from '../gateway/hosts';
import { createOrderManager } from '../gateway/order-manager';
import { createPayloadRejections } from '../gateway/payload-rejections';
import { createRestClient } from '../gateway/rest-client';
import { type BreakerRegistry, createBreakerRegistry } from '../resilience/breaker-registry';
import { createRateLimiter } from '../resilience/rate-limiter';
import { createResilientExecutor } from '../resilience/resilient-executor';
import { createRetryPolicy, type RetryPolicy } from '../resilience/retry-policy';
import type { GuardDeps } from './guard-deps';

/**
 * The path every request takes: token manager (keys encrypted at rest) → rate limiter with
 * lanes → circuit breakers → retry for idempotent reads → typed REST client → order manager
 * (durable intents, tag lookups). Built once per guard.
 */
export function createGatewayStack(deps: GuardDeps) {
  const { clock, timers, store, journal, tuning = {} } = deps;
  const vault = createSecretVault({ store, subtle: deps.subtle });
  // REST answers that fail validation, from every client below: counted in guard health.
  const rejections = createPayloadRejections({ clock, journal });
  const auth = createAuthTransport({
    rejections,
    fetch: deps.fetch,
    baseUrl: deps.hosts.restBaseUrl,
    timers,
    now: () => clock.now(),
    ...(tuning.requestTimeoutMs ? { timeoutMs: tuning.requestTimeoutMs } : {}),
  });
  // The key and token are bound to these hosts: secrets saved for another gateway are never sent here.
  const tokens = createTokenManager({ clock, timers, auth, vault, boundTo: hostBindingOf(deps.hosts) });
  const limiter = createRateLimiter({
    clock,
    timers,
    store,
    ...(tuning.rateLimits ? { limits: tuning.rateLimits } : {}),
  });
  const breakers = createBreakerRegistry({
    clock,
    store,
    ...(tuning.routineBreaker ? { options: tuning.routineBreaker } : {}),
  });
  const restClient = (retry: RetryPolicy, breakerRegistry: BreakerRegistry) =>
    createRestClient({
      baseUrl: deps.hosts.restBaseUrl,
      fetch: deps.fetch,
      executor: createResilientExecutor({ limiter, breakers: breakerRegistry, retry, clock, timers }),
      tokens,
      clock,
      timers,
      rejections,
      ...(tuning.requestTimeoutMs ? { timeoutMs: tuning.requestTimeoutMs } : {}),
    });
  const api = restClient(createRetryPolicy({ random: deps.random, ...tuning.routineRetry }), breakers);
  // Enforcement retries its reads itself (enforce/read-account.ts, from 250 ms) and re-plans
  // after any failed action: the routine 1-2-4-8 s backoff nested inside that loop kept a
  // breach waiting ~17 s on one flaky read, and 5 failures in a row opened the routine breaker
  // for 60 s, during which nothing was closed. So enforcement has its own client: the same
  // limiter (its lane goes first), short retries, and in-memory breakers that try again after
  // 1 s (tests/chaos/guard/rest-faults.chaos.test.ts).
  const enforcementApi = restClient(
    createRetryPolicy({ random: deps.random, maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 1000 }),
    createBreakerRegistry({ clock, options: { halfOpenAfterMs: 1000 } }),
  );
  const orders = createOrderManager({
    api: enforcementApi,
    verifyApi: api,
    store,
    journal,
    clock,
    timers,
    newId: deps.newId,
  });
  return { tokens, limiter, breakers, api, enforcementApi, orders, rejections };
}
