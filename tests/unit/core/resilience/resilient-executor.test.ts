import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBreakerRegistry } from '../../../../src/core/resilience/breaker-registry';
import { GatewayError } from '../../../../src/core/resilience/errors';
import type { CallOptions } from '../../../../src/core/resilience/executor';
import { createRateLimiter, type RateLimiterOptions } from '../../../../src/core/resilience/rate-limiter';
import { createResilientExecutor } from '../../../../src/core/resilience/resilient-executor';
import { createRetryPolicy, type RetryPolicyOptions } from '../../../../src/core/resilience/retry-policy';
import { fakeClock, fakeTimers, permanent, rateLimited, settle, transient } from './helpers';

const T0 = Date.UTC(2026, 10, 25, 14, 0, 0);
const READ: CallOptions = { endpoint: '/api/Account/search', lane: 'routine', idempotent: true };
const PLACE: CallOptions = { endpoint: '/api/Order/place', lane: 'enforcement', idempotent: false };

function setup(opts: { limiter?: Partial<RateLimiterOptions>; retry?: RetryPolicyOptions } = {}) {
  const limiter = createRateLimiter({ clock: fakeClock, timers: fakeTimers, ...opts.limiter });
  const breakers = createBreakerRegistry({ clock: fakeClock });
  const retry = createRetryPolicy({ jitter: 0, ...opts.retry });
  const executor = createResilientExecutor({ limiter, breakers, retry, clock: fakeClock, timers: fakeTimers });
  return { limiter, breakers, retry, executor };
}

/** An attempt that fails with the given errors in turn, then answers 'ok'; records its start times. */
function script(...errors: unknown[]) {
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

async function runAll<T>(p: Promise<T>): Promise<PromiseSettledResult<T>> {
  const s = settle(p);
  await vi.runAllTimersAsync();
  const result = s.result();
  if (!result) throw new Error('call did not settle');
  return result;
}

function reasonOf(result: PromiseSettledResult<unknown>): GatewayError {
  if (result.status !== 'rejected') throw new Error('expected a rejection');
  return result.reason as GatewayError;
}

describe('resilient executor', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries transient errors (503) on an idempotent read and succeeds on the third attempt', async () => {
    const { executor } = setup();
    const { attempt } = script(transient(), transient());
    const result = await runAll(executor.run(READ, attempt));
    expect(result).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('does not retry a permanent error (400): one attempt, the same error', async () => {
    const { executor } = setup();
    const error = permanent();
    const { attempt } = script(error);
    const result = await runAll(executor.run(READ, attempt));
    expect(reasonOf(result)).toBe(error);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('does not retry an auth error (401): the REST client refreshes the token and replays', async () => {
    const { executor } = setup();
    const { attempt } = script(new GatewayError('auth', 'HTTP 401', { httpStatus: 401 }));
    expect(reasonOf(await runAll(executor.run(READ, attempt))).kind).toBe('auth');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('stops after 5 attempts and throws the last error with its kind kept', async () => {
    const { executor } = setup();
    const errors = [1, 2, 3, 4, 5].map(() => transient());
    const { attempt } = script(...errors);
    const error = reasonOf(await runAll(executor.run(READ, attempt)));
    expect(attempt).toHaveBeenCalledTimes(5);
    expect(error.kind).toBe('transient');
    expect(error.message).toContain('gave up after 5 attempts');
    expect(error.cause).toBe(errors[4]);
  });

  it('waits 1 s, 2 s, 4 s, 8 s between the attempts', async () => {
    const { executor } = setup();
    const { attempt, startedAt } = script(transient(), transient(), transient(), transient(), transient());
    await runAll(executor.run(READ, attempt));
    expect(startedAt).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
  });

  it('keeps jittered waits within 20 % above the nominal backoff', async () => {
    const { executor } = setup({ retry: { jitter: 0.2, random: () => 0.5 } });
    const { attempt, startedAt } = script(transient(), transient(), transient());
    await runAll(executor.run(READ, attempt));
    expect(startedAt).toEqual([0, 1_100, 1_100 + 2_200, 1_100 + 2_200 + 4_400]);
  });

  it('never retries a mutation, even after a transient error', async () => {
    const { executor } = setup();
    const { attempt } = script(transient('/api/Order/place'));
    expect(reasonOf(await runAll(executor.run(PLACE, attempt))).kind).toBe('transient');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('passes an outcome-unknown error straight through without retrying', async () => {
    const { executor } = setup();
    const unknown = new GatewayError('outcome-unknown', 'close position timed out');
    const { attempt } = script(unknown);
    expect(reasonOf(await runAll(executor.run({ ...PLACE, idempotent: true }, attempt)))).toBe(unknown);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('fails fast with "service unavailable" when the endpoint group breaker is open, without running the call', async () => {
    const { executor, breakers, limiter } = setup();
    for (let i = 0; i < 5; i++) breakers.get('accounts').recordFailure();
    const { attempt } = script();
    const error = reasonOf(await runAll(executor.run(READ, attempt)));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('service unavailable');
    expect(attempt).not.toHaveBeenCalled();
    expect(limiter.stats().general.granted).toBe(0);
    expect(executor.stats().failedFast).toBe(1);
  });

  it('opens the orders breaker after 5 failed mutations; the 6th fails fast and other groups still work', async () => {
    const { executor, breakers } = setup();
    for (let i = 0; i < 5; i++) {
      await runAll(executor.run(PLACE, script(transient('/api/Order/place')).attempt));
    }
    expect(breakers.get('orders').state()).toBe('open');
    const sixth = script();
    expect(reasonOf(await runAll(executor.run(PLACE, sixth.attempt))).kind).toBe('unavailable');
    expect(sixth.attempt).not.toHaveBeenCalled();
    expect(await runAll(executor.run(READ, script().attempt))).toEqual({ status: 'fulfilled', value: 'ok' });
  });

  it('does not open a breaker on permanent business errors', async () => {
    const { executor, breakers } = setup();
    for (let i = 0; i < 8; i++) {
      await runAll(executor.run(PLACE, script(permanent('/api/Order/place')).attempt));
    }
    expect(breakers.get('orders').state()).toBe('closed');
  });

  it('stops retrying with unavailable when its own failures open the breaker', async () => {
    const { executor, breakers } = setup({ retry: { maxAttempts: 8 } });
    const { attempt } = script(...Array.from({ length: 8 }, () => transient()));
    const error = reasonOf(await runAll(executor.run(READ, attempt)));
    expect(attempt).toHaveBeenCalledTimes(5);
    expect(error.kind).toBe('unavailable');
    expect(breakers.get('accounts').state()).toBe('open');
  });

  it('lets a trial call through after 60 s and closes the breaker when it succeeds', async () => {
    const { executor, breakers } = setup();
    for (let i = 0; i < 5; i++) breakers.get('positions').recordFailure();
    await vi.advanceTimersByTimeAsync(60_000);
    const call = { endpoint: '/api/Position/searchOpen', lane: 'reconciliation', idempotent: true } as const;
    expect(await runAll(executor.run(call, script().attempt))).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(breakers.get('positions').state()).toBe('closed');
  });

  it('pauses the rate bucket for Retry-After on a 429 and waits at least that long before retrying', async () => {
    const { executor, limiter } = setup();
    const { attempt, startedAt } = script(rateLimited(12_000));
    const s = settle(executor.run(READ, attempt));
    await vi.advanceTimersByTimeAsync(0);
    expect(limiter.stats().general.pausedUntil).toBe(T0 + 12_000);
    const other = settle(limiter.acquire('general', 'enforcement'));
    await vi.advanceTimersByTimeAsync(11_999);
    expect(other.result()).toBeUndefined();
    await vi.runAllTimersAsync();
    expect(s.result()).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(startedAt).toEqual([0, 12_000]);
  });

  it('takes a rate-limit slot for every attempt, in the bucket of the endpoint', async () => {
    const { executor, limiter } = setup();
    await runAll(executor.run(READ, script(transient(), transient()).attempt));
    const bars = { endpoint: '/api/History/retrieveBars', lane: 'routine', idempotent: true } as const;
    await runAll(executor.run(bars, script().attempt));
    expect(limiter.stats().general.granted).toBe(3);
    expect(limiter.stats().bars.granted).toBe(1);
  });

  it('runs an enforcement call before routine calls already waiting for the rate limit', async () => {
    const { executor } = setup({ limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } } });
    const order: string[] = [];
    const tagged = (id: string) => async () => {
      order.push(id);
      return id;
    };
    const calls = [
      executor.run(READ, tagged('read-1')),
      executor.run(READ, tagged('read-2')),
      executor.run(READ, tagged('read-3')),
      executor.run({ ...PLACE, endpoint: '/api/Position/closeContract' }, tagged('flatten')),
    ];
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(order).toEqual(['read-1', 'flatten', 'read-2', 'read-3']);
  });

  it('rejects with queue-full when the lane queue is full, without retrying', async () => {
    const { executor } = setup({
      limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 60_000 } }, maxQueue: 1 },
    });
    const first = settle(executor.run(READ, script().attempt));
    const second = settle(executor.run(READ, script().attempt));
    const third = script();
    const result = await runAll(executor.run(READ, third.attempt));
    expect(reasonOf(result).kind).toBe('queue-full');
    expect(third.attempt).not.toHaveBeenCalled();
    expect(first.result()?.status).toBe('fulfilled');
    expect(second.result()?.status).toBe('fulfilled');
  });

  it('aborts the running attempt when the caller aborts (signal chained)', async () => {
    const { executor } = setup();
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const s = settle(
      executor.run({ ...READ, signal: controller.signal }, (signal) => {
        seen = signal;
        return new Promise((_, reject) => {
          signal.addEventListener('abort', () => reject(new GatewayError('aborted', 'fetch aborted')));
        });
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(false);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen?.aborted).toBe(true);
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>).message).toBe('fetch aborted');
  });

  it('passes the error of an aborted mutation through unchanged (the REST client decides it is outcome-unknown)', async () => {
    const { executor } = setup();
    const controller = new AbortController();
    const unknown = new GatewayError('outcome-unknown', 'place aborted in flight');
    const s = settle(
      executor.run({ ...PLACE, signal: controller.signal }, (signal) => {
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(unknown)));
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>)).toBe(unknown);
  });

  it('stops waiting in the backoff when the caller aborts: no further attempt', async () => {
    const { executor } = setup();
    const controller = new AbortController();
    const { attempt } = script(transient(), transient());
    const s = settle(executor.run({ ...READ, signal: controller.signal }, attempt));
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    await vi.runAllTimersAsync();
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>).kind).toBe('aborted');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('rejects with aborted while queued in the rate limiter, and never runs the call', async () => {
    const { executor } = setup({ limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 60_000 } } } });
    await runAll(executor.run(READ, script().attempt));
    const controller = new AbortController();
    const { attempt } = script();
    const s = settle(executor.run({ ...READ, signal: controller.signal }, attempt));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasonOf(s.result() as PromiseSettledResult<unknown>).kind).toBe('aborted');
    expect(attempt).not.toHaveBeenCalled();
  });

  it('rejects at once when the caller signal is already aborted', async () => {
    const { executor, limiter } = setup();
    const controller = new AbortController();
    controller.abort();
    const { attempt } = script();
    expect(reasonOf(await runAll(executor.run({ ...READ, signal: controller.signal }, attempt))).kind).toBe('aborted');
    expect(attempt).not.toHaveBeenCalled();
    expect(limiter.stats().general.granted).toBe(0);
  });

  it('does not retry an unexpected non-gateway error (a bug is not a network blip)', async () => {
    const { executor } = setup();
    const bug = new TypeError('cannot read properties of undefined');
    const { attempt } = script(bug);
    expect(reasonOf(await runAll(executor.run(READ, attempt)))).toBe(bug);
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('counts calls, attempts, retries and outcomes', async () => {
    const { executor } = setup();
    await runAll(executor.run(READ, script(transient()).attempt));
    await runAll(executor.run(READ, script(permanent()).attempt));
    expect(executor.stats()).toEqual({ calls: 2, attempts: 3, retries: 1, failedFast: 0, succeeded: 1, failed: 1 });
  });

  it('gives a fresh AbortSignal to each attempt', async () => {
    const { executor } = setup();
    const { attempt, signals } = script(transient());
    await runAll(executor.run(READ, attempt));
    expect(signals).toHaveLength(2);
    expect(signals[0]).not.toBe(signals[1]);
  });
});
