import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PLACE, READ, reasonOf, runAll, script, setup, T0 } from './executor-fixture';
import { permanent, rateLimited, settle, transient } from './helpers';

describe('resilient executor: breakers and rate limits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
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
    const other = settle(limiter.acquire('general', 'reconciliation'));
    // A routine read earned the 429: a flatten still goes, on the enforcement reserve.
    const flatten = settle(limiter.acquire('general', 'enforcement'));
    await vi.advanceTimersByTimeAsync(11_999);
    expect(other.result()).toBeUndefined();
    expect(flatten.result()?.status).toBe('fulfilled');
    await vi.runAllTimersAsync();
    expect(s.result()).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(startedAt).toEqual([0, 12_000]);
  });

  it('honours a Retry-After of a day for one rate window, and the error it throws says so', async () => {
    const { executor, limiter } = setup();
    const { attempt, startedAt } = script(rateLimited(86_400_000));
    const s = settle(executor.run(READ, attempt));
    await vi.advanceTimersByTimeAsync(0);
    expect(limiter.stats().general.pausedUntil).toBe(T0 + 60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.result()).toEqual({ status: 'fulfilled', value: 'ok' });
    expect(startedAt).toEqual([0, 60_000]);

    const place = script(rateLimited(86_400_000));
    const refused = reasonOf(await runAll(executor.run({ ...PLACE, endpoint: '/api/Order/cancel' }, place.attempt)));
    expect(refused).toMatchObject({ kind: 'rate-limited', retryAfterMs: 60_000 });
    expect(limiter.stats().general.enforcementPausedUntil).toBe(Date.now() + 60_000);
  });

  it('pauses the bucket for 1 s on a 429 without Retry-After, also for a mutation it does not retry', async () => {
    const { executor, limiter } = setup();
    const { attempt } = script(rateLimited());
    expect(reasonOf(await runAll(executor.run({ ...PLACE, endpoint: '/api/Order/cancel' }, attempt))).kind).toBe(
      'rate-limited',
    );
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(limiter.stats().general.pausedUntil).toBe(T0 + 1_000);
  });

  it('measures how long calls waited for the rate limiter', async () => {
    const { executor } = setup({ limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 2_000 } } } });
    await runAll(executor.run(READ, script().attempt));
    await runAll(executor.run(READ, script().attempt));
    expect(executor.stats()).toMatchObject({ queueWaitMs: 2_000, maxQueueWaitMs: 2_000 });
  });

  it('holds the rate slot while the attempt runs and counts it from the answer (the server counts arrivals)', async () => {
    const { executor, limiter } = setup({
      limiter: { safetyMargin: 0, limits: { general: { max: 1, windowMs: 1_000 } } },
    });
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 400));
      return 'slow';
    };
    const startedAt: number[] = [];
    const quick = async () => {
      startedAt.push(Date.now() - T0);
      return 'quick';
    };
    const first = settle(executor.run(READ, slow));
    const second = settle(executor.run(READ, quick));
    await vi.advanceTimersByTimeAsync(200);
    expect(limiter.stats().general.inFlight).toBe(1);
    await vi.runAllTimersAsync();
    expect(first.result()?.status).toBe('fulfilled');
    expect(second.result()?.status).toBe('fulfilled');
    expect(startedAt).toEqual([1_400]);
    expect(limiter.stats().general.inFlight).toBe(0);
  });

  it('releases the rate slot of an attempt that failed, and of one the breaker refused after the wait', async () => {
    const { executor, limiter, breakers } = setup();
    await runAll(executor.run(READ, script(permanent()).attempt));
    expect(limiter.stats().general.inFlight).toBe(0);
    for (let i = 0; i < 5; i++) breakers.get('accounts').recordFailure();
    vi.advanceTimersByTime(60_000);
    const trials = [1, 2, 3].map(() => breakers.get('accounts').admit());
    expect(trials).toHaveLength(3);
    expect(reasonOf(await runAll(executor.run(READ, script().attempt))).kind).toBe('unavailable');
    expect(limiter.stats().general.inFlight).toBe(0);
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
});
