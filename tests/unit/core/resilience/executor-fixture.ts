import { vi } from 'vitest';
import { createBreakerRegistry } from '../../../../src/core/resilience/breaker-registry';
import type { GatewayError } from '../../../../src/core/resilience/errors';
import type { CallOptions } from '../../../../src/core/resilience/executor';
import { createRateLimiter, type RateLimiterOptions } from '../../../../src/core/resilience/rate-limiter';
import { createResilientExecutor } from '../../../../src/core/resilience/resilient-executor';
import { createRetryPolicy, type RetryPolicyOptions } from '../../../../src/core/resilience/retry-policy';
import { fakeClock, fakeTimers, settle } from './helpers';

/** The executor with a real limiter, breakers and retry policy on fake timers. */
export const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);
export const READ: CallOptions = { endpoint: '/api/Account/search', lane: 'routine', idempotent: true };
export const PLACE: CallOptions = { endpoint: '/api/Order/place', lane: 'enforcement', idempotent: false };

export function setup(opts: { limiter?: Partial<RateLimiterOptions>; retry?: RetryPolicyOptions } = {}) {
  const limiter = createRateLimiter({ clock: fakeClock, timers: fakeTimers, ...opts.limiter });
  const breakers = createBreakerRegistry({ clock: fakeClock });
  const retry = createRetryPolicy({ jitter: 0, ...opts.retry });
  const executor = createResilientExecutor({ limiter, breakers, retry, clock: fakeClock, timers: fakeTimers });
  return { limiter, breakers, retry, executor };
}

/** An attempt that fails with the given errors in turn, then answers 'ok'; records its start times. */
export function script(...errors: unknown[]) {
  const startedAt: number[] = [];
  const signals: AbortSignal[] = [];
  const attempt = vi.fn(async (signal: AbortSignal) => {
    startedAt.push(Date.now() - T0);
    signals.push(signal);
    const next = errors[startedAt.length - 1];
    if (next !== undefined) throw next;
    return 'ok';
  });
  return { attempt, startedAt, signals };
}

export async function runAll<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  const s = settle(p);
  await vi.runAllTimersAsync();
  const result = s.result();
  if (!result) throw new Error('call did not settle');
  return result;
}

export function reasonOf(result: PromiseSettledResult<unknown>): GatewayError {
  if (result.status !== 'rejected') throw new Error('expected a rejection');
  return result.reason as GatewayError;
}
