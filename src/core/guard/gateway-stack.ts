import { createAuthTransport } from '../gateway/auth-transport';
import { createOrderManager } from '../gateway/order-manager';
import { createRestClient } from '../gateway/rest-client';
import { createBreakerRegistry } from '../resilience/breaker-registry';
import { createRateLimiter } from '../resilience/rate-limiter';
import { createResilientExecutor } from '../resilience/resilient-executor';
import { createRetryPolicy } from '../resilience/retry-policy';
import { createSecretVault } from '../resilience/secret-vault';
import { createTokenManager } from '../resilience/token-manager';
import type { GuardDeps } from './guard-deps';

/**
 * The path every request takes: token manager (keys encrypted at rest) → rate limiter with
 * lanes → circuit breakers → retry for idempotent reads → typed REST client → order manager
 * (durable intents, tag lookups). Built once per guard.
 */
export function createGatewayStack(deps: GuardDeps) {
  const { clock, timers, store, journal, tuning = {} } = deps;
  const vault = createSecretVault({ store, subtle: deps.subtle });
  const auth = createAuthTransport({
    fetch: deps.fetch,
    baseUrl: deps.hosts.restBaseUrl,
    timers,
    now: () => clock.now(),
    ...(tuning.requestTimeoutMs ? { timeoutMs: tuning.requestTimeoutMs } : {}),
  });
  const tokens = createTokenManager({ clock, timers, auth, vault });
  const limiter = createRateLimiter({
    clock,
    timers,
    store,
    ...(tuning.rateLimits ? { limits: tuning.rateLimits } : {}),
  });
  const breakers = createBreakerRegistry({ clock, store });
  const retry = createRetryPolicy({ random: deps.random });
  const executor = createResilientExecutor({ limiter, breakers, retry, clock, timers });
  const api = createRestClient({
    baseUrl: deps.hosts.restBaseUrl,
    fetch: deps.fetch,
    executor,
    tokens,
    clock,
    timers,
    ...(tuning.requestTimeoutMs ? { timeoutMs: tuning.requestTimeoutMs } : {}),
  });
  const orders = createOrderManager({ api, store, journal, clock, timers, newId: deps.newId });
  return { tokens, limiter, breakers, api, orders };
}
